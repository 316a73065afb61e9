/**
 * The export format's `components` (definitions by id) and `instances` (where each is placed), since
 * version 6. The steps in `workflow.steps` are already flattened (`<instance>/<inner>`), so a reader that
 * ignores these two keys (the CLI) still runs the file; the importer folds the steps back into instances.
 * Only the importer needs these (zod); the conversions are in `componentFile.ts`, which the editor loads at once.
 */
import { z } from 'zod';
import { jsonValueSchema as json } from './jsonValueSchema';

const NAME_MAX = 200;
const name = z.string().min(1, 'must not be empty').max(NAME_MAX);

const innerNodeSchema = z.strictObject({
  id: name.refine((id) => !id.includes('/'), { message: 'must not contain "/" (it joins instance and inner ids)' }),
  model: name,
  label: z.string().max(NAME_MAX),
  x: z.number(),
  y: z.number(),
  params: z.record(name, json).exactOptional(),
  slotNames: z.record(name, name).exactOptional(),
  stateInputs: z.record(name, name).exactOptional(),
  deterministic: z.literal(false).exactOptional(),
  bypassed: z.literal(true).exactOptional(),
});

export const componentDefinitionSchema = z.strictObject({
  name,
  nodes: z.array(innerNodeSchema).min(1).max(1000),
  edges: z.array(z.strictObject({ source: name, output: name, target: name, field: name })).max(10_000),
  inputs: z.array(z.strictObject({ port: name, node: name, field: name })).max(1000),
  outputs: z.array(z.strictObject({ port: name, node: name, output: name })).max(1000),
  boundary: z
    .strictObject({ inputs: z.strictObject({ x: z.number(), y: z.number() }), outputs: z.strictObject({ x: z.number(), y: z.number() }) })
    .exactOptional()
    .describe('Where the Inputs and Outputs nodes sit while the definition is edited (editor-only). Since version 7.'),
});

export const componentInstanceSchema = z.strictObject({
  component: name.describe('The id of its definition in `components`.'),
  label: z.string().max(NAME_MAX),
  x: z.number(),
  y: z.number(),
});

export type ComponentDefinitionFile = z.infer<typeof componentDefinitionSchema>;
export type ComponentInstanceFile = z.infer<typeof componentInstanceSchema>;
