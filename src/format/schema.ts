/**
 * The public export format, `swark.workflow` (`FORMAT_VERSION`), as zod schemas (older files are migrated first, `migrations.ts`). The importer validates with
 * these, and `docs/workflow-format.schema.json` is generated from them (`UPDATE_SCHEMA=1 npx vitest run test/format/jsonSchema.test.ts`).
 */
import { z } from 'zod';
import { ANNOTATION_COLORS } from './annotations';
import { FORBIDDEN_KEYS, FORMAT_NAME, FORMAT_VERSION } from './constants';
import { componentDefinitionSchema, componentInstanceSchema } from './componentSchema';
import { jsonValueSchema } from './jsonValueSchema';

export { jsonValueSchema };

const NAME_MAX = 200;

const safeKey = z
  .string()
  .min(1, 'must not be empty')
  .max(NAME_MAX, `must be at most ${NAME_MAX} characters`)
  .refine((key) => !FORBIDDEN_KEYS.has(key), { message: 'is a reserved name (__proto__, constructor, prototype)' });

const stepSchema = z.strictObject({
  id: safeKey.regex(/\D/, 'must not be all digits (digits name step indices)').exactOptional().describe('Step id; becomes the node id and the cache key.'),
  model: z.string().min(1).max(NAME_MAX).describe('Model id, e.g. "math.add".'),
  inputs: z.record(safeKey, safeKey).describe('State slot → model field.'),
  outputs: z.record(safeKey, safeKey).describe('Model output → state slot.'),
  params: z.record(safeKey, jsonValueSchema).exactOptional().describe('Field values given directly (codec-encoded).'),
  deterministic: z
    .boolean()
    .exactOptional()
    .describe('false: "Always run": the step is never skipped, even when its input is unchanged (its output is still recorded). Default true.'),
  bypassed: z
    .boolean()
    .exactOptional()
    .describe(
      'true: the step is bypassed: it does not run; each output gets the first wired input of the same port type, and steps needing an output without one do not run. Its cache is kept. Default false. Since version 4.',
    ),
});

/** A key of the file's `values`: a content hash, with `-2`, `-3`… for a different value of the same hash. */
const valueKey = z.string().regex(/^[0-9a-f]{16}(-\d+)?$/, 'must be 16 hex digits, perhaps with -2, -3…');

const extractSchema = z.strictObject({
  model: z.string().nullable(),
  version: z.string().nullable(),
  at: z.number().exactOptional(),
  value: jsonValueSchema,
  shared: z
    .record(safeKey, valueKey)
    .exactOptional()
    .describe("Fields of `value` written once in the file's `values`: field name → key there. Since version 7."),
});

const workflowSchema = z.strictObject({
  steps: z.array(stepSchema).max(10_000),
  useExtracts: z.boolean().default(true).describe('Skip a step whose input matches its cached input. Default true.'),
  populateExtracts: z.boolean().default(true).describe('Write each step that runs into the cache. Default true.'),
  modelInputs: z.record(safeKey, extractSchema).exactOptional().describe('Cached model inputs by step key (only with "include cache").'),
  modelOutputs: z.record(safeKey, extractSchema).exactOptional().describe('Cached model outputs by step key (only with "include cache").'),
});

const embeddedFileSchema = z.strictObject({
  name: z.string().min(1).max(NAME_MAX).describe('The file name it was loaded as, e.g. "sales.csv".'),
  mediaType: z.string().max(NAME_MAX).describe('e.g. "text/csv".'),
  size: z.number().int().nonnegative().describe('Its size in bytes.'),
  text: z.string().describe('The file itself, as text.'),
});

const layoutEntrySchema = z.strictObject({
  x: z.number(),
  y: z.number(),
  label: z.string().max(NAME_MAX).exactOptional().describe('The node title; shown as plain text.'),
});

const annotationSchema = z.strictObject({
  id: safeKey,
  kind: z.enum(['note', 'group']).describe('A note (markdown text) or a group (a titled frame around nodes).'),
  x: z.number(),
  y: z.number(),
  width: z.number().positive().max(100_000),
  height: z.number().positive().max(100_000),
  color: z.enum(ANNOTATION_COLORS),
  text: z.string().max(100_000).describe("A note's markdown (raw HTML is shown as text), or a group's title."),
});

export const workflowFileSchema = z
  .strictObject({
    format: z.literal(FORMAT_NAME),
    version: z.literal(FORMAT_VERSION),
    name: z.string().min(1, 'must not be empty').max(NAME_MAX),
    workflow: workflowSchema,
    layout: z.record(safeKey, layoutEntrySchema).exactOptional().describe('Node positions (and titles) by step id.'),
    state: z.record(safeKey, jsonValueSchema).exactOptional().describe('Initial state slots read by steps but produced by none (codec-encoded).'),
    states: z
      .record(safeKey, z.record(safeKey, jsonValueSchema))
      .exactOptional()
      .describe('Saved states by name, each a set of initial state slots (codec-encoded); only with "include saved states". Since version 3.'),
    annotations: z
      .array(annotationSchema)
      .max(10_000)
      .exactOptional()
      .describe('Notes and groups on the canvas; editor-only (runs ignore them). A group holds the nodes inside its frame. Since version 5.'),
    files: z
      .record(z.string().min(1).max(NAME_MAX), embeddedFileSchema)
      .exactOptional()
      .describe(
        'The stored files the steps read, by the hash their references name ({"$swark":"file","v":{name,size,hash,mediaType}} in params): the workflow\'s input, always embedded. Optional, added within version 3.',
      ),
    components: z
      .record(safeKey, componentDefinitionSchema)
      .exactOptional()
      .describe('Component definitions by id (the workspace library entries the workflow uses). Since version 6.'),
    instances: z
      .record(safeKey, componentInstanceSchema)
      .exactOptional()
      .describe(
        'Component instances by node id; their inner steps are in `workflow.steps` as `<instance>/<inner>`, so a reader that ignores this still runs the file. Since version 6.',
      ),
    values: z
      .record(valueKey, jsonValueSchema)
      .exactOptional()
      .describe(
        'The big fields of the cached extracts (codec-encoded), each distinct value once, by a hash of its JSON; an extract names the ones it holds in `shared`. Only with "include cache". Since version 7.',
      ),
  })
  .describe('A Swark Studio workflow, exported as <name>.swark.json.');

export type WorkflowFile = z.infer<typeof workflowFileSchema>;
export type LayoutEntry = z.infer<typeof layoutEntrySchema>;
export type EmbeddedFile = z.infer<typeof embeddedFileSchema>;

/** The JSON Schema of the format, generated from the zod schema the importer uses. */
export function workflowFileJsonSchema(): Record<string, unknown> {
  return {
    $id: 'https://swark.dev/schemas/workflow-format.schema.json',
    title: 'Swark workflow file',
    // The schema of what a file may hold (input side): fields with defaults are not required.
    ...z.toJSONSchema(workflowFileSchema, { target: 'draft-2020-12', io: 'input' }),
  };
}
