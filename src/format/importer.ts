/**
 * Reads a `swark.workflow` file into an editor graph, or explains, per node and in words, why it
 * cannot. Pure: engine types and zod only, so the `swark validate` command can use it in Node.
 */
import type { z } from 'zod';
import { topologicalOrder, type GraphEdgeSpec, type WorkflowGraph } from './graph';
import type { PortsOf } from './compile';
import { MAX_IMPORT_BYTES, MAX_IMPORT_DEPTH, MAX_IMPORT_WITH_DATA_BYTES, scanJson } from './scan';
import { FORMAT_NAME, FORMAT_VERSION } from './constants';
import { OLDEST_FORMAT_VERSION, migrateWorkflowFile } from './migrations';
import { workflowFileSchema, type WorkflowFile } from './schema';
import { graphFromWorkflow } from './workflowGraph';
import { filesOfWorkflowFile } from './files';
import { ComponentError } from './components';
import { foldInstances, libraryOfFile } from './componentFile';
import { unpackExtracts } from './sharedValues';

export interface ImportProblem {
  /** The step the problem is about, when there is one. */
  stepId?: string;
  message: string;
}

export interface ImportOptions {
  portsOf: PortsOf;
  /** Models that run code from the file; their nodes arrive disabled until trusted. */
  isCodeModel?: (modelId: string) => boolean;
  /** The most a file may hold besides its data (embedded files and cached values): its graph part. */
  maxBytes?: number;
  /** The most it may hold with them. */
  maxBytesWithData?: number;
  maxDepth?: number;
}

export type ImportResult =
  | {
      ok: true;
      file: WorkflowFile;
      graph: WorkflowGraph;
      /** Things kept but worth telling, e.g. missing models shown as placeholders. */
      warnings: ImportProblem[];
    }
  | { ok: false; problems: ImportProblem[] };

const fail = (message: string, stepId?: string): { ok: false; problems: ImportProblem[] } => ({
  ok: false,
  problems: [stepId === undefined ? { message } : { stepId, message }],
});

/** Parses and checks the text of a workflow file. Never throws. */
export function importWorkflowText(text: string, options: ImportOptions): ImportResult {
  const read = readWorkflowFile(text, options);
  return read.ok ? checkWorkflowFile(read.file, options) : read;
}

export type ReadResult = { ok: true; file: WorkflowFile } | { ok: false; problems: ImportProblem[] };

/**
 * The first half of {@link importWorkflowText}, which needs no model library: the text's limits,
 * its JSON, its format version (older ones migrated) and its schema, the cache's shared values put
 * back in place. The run worker reads a big file so, off the page's thread. Never throws.
 */
export function readWorkflowFile(text: string, options: Omit<ImportOptions, 'portsOf' | 'isCodeModel'> = {}): ReadResult {
  const maxBytes = options.maxBytes ?? MAX_IMPORT_BYTES;
  const maxWithData = Math.max(maxBytes, options.maxBytesWithData ?? MAX_IMPORT_WITH_DATA_BYTES);
  const tooLarge = (size: number, limit: number, what = '') => fail(`The file is too large: ${formatBytes(size)}${what}; the limit is ${formatBytes(limit)}.`);
  if (text.length > maxWithData) return tooLarge(text.length, maxWithData);
  const scan = scanJson(text, options.maxDepth ?? MAX_IMPORT_DEPTH);
  if (scan.problem) return fail(`The file was refused: ${scan.problem}.`);
  // Only the data (files, cached values) may be big; the graph must fit within the plain limit,
  // and is measured on the text, so a huge graph is refused before it is parsed.
  const graphChars = text.length - scan.dataChars;
  if (graphChars > maxBytes) return tooLarge(graphChars, maxBytes, ' besides its embedded files and cached values');
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    return fail(jsonErrorText(text, error as Error));
  }
  return readWorkflowData(data);
}

/**
 * A parse error in words, saying where: V8 names a position only sometimes, and none when the text
 * stops early (a truncated file), where the end is the place to look.
 */
function jsonErrorText(text: string, error: Error): string {
  if (text.trim() === '')
    return text.length === 0 ? 'The file is empty (0 bytes): it holds no workflow.' : 'The file holds only white space: it holds no workflow.';
  const message = error.message.replace(/\.$/, '');
  if (endsEarly(error, text.length))
    return `The file is not valid JSON: ${message}; it ends at ${placeOf(text, text.length)}, before the JSON is complete (a truncated file?).`;
  return `The file is not valid JSON: ${message}; the first wrong character is at ${placeOf(text, firstWrongCharacter(text))}.`;
}

/** Whether a parse of `length` characters failed only because they stop before the JSON is complete. */
function endsEarly(error: unknown, length: number): boolean {
  const message = (error as Error).message;
  const position = /at position (\d+)/.exec(message)?.[1];
  return /end of JSON|Unterminated string/.test(message) || (position !== undefined && Number(position) >= length);
}

/** Where the parse first fails: every shorter prefix parses, or fails only for ending early. */
function firstWrongCharacter(text: string): number {
  const wrongWithin = (length: number) => {
    try {
      JSON.parse(text.slice(0, length));
      return false;
    } catch (error) {
      return !endsEarly(error, length);
    }
  };
  let low = 0;
  let high = text.length - 1;
  while (low < high) {
    const mid = (low + high) >> 1;
    if (wrongWithin(mid + 1)) high = mid;
    else low = mid + 1;
  }
  return low;
}

/** `line L, column C (character N)`, counted from 1 as an editor does. */
function placeOf(text: string, index: number): string {
  const before = text.slice(0, index);
  const line = before.split('\n').length;
  const column = index - before.lastIndexOf('\n');
  return `line ${line}, column ${column} (character ${index + 1})`;
}

/** Checks already-parsed data (it must come from JSON.parse of scanned text, or from code). */
function readWorkflowData(data: unknown): ReadResult {
  if (data === null || typeof data !== 'object' || Array.isArray(data)) return fail('The file is not a workflow: expected a JSON object.');
  const header = data as Record<string, unknown>;
  if (header.format !== FORMAT_NAME) {
    return fail(`The file is not a Swark workflow: "format" should be "${FORMAT_NAME}"${typeof header.format === 'string' ? `, not "${header.format}"` : ''}.`);
  }
  if (typeof header.version === 'number' && header.version > FORMAT_VERSION) {
    return fail(`The file uses format version ${header.version}, newer than this app reads (version ${FORMAT_VERSION}). Update Swark Studio to open it.`);
  }
  if (typeof header.version === 'number' && header.version < OLDEST_FORMAT_VERSION) {
    return fail(
      `The file uses format version ${header.version}, which this app cannot read (it reads versions ${OLDEST_FORMAT_VERSION} to ${FORMAT_VERSION}).`,
    );
  }
  const parsed = workflowFileSchema.safeParse(migrateWorkflowFile(header));
  if (!parsed.success) return { ok: false, problems: describeIssues(parsed.error.issues, data) };
  const { values, ...file } = parsed.data;
  const cache = unpackExtracts(file.workflow, values);
  if ('problems' in cache) return { ok: false, problems: cache.problems };
  return { ok: true, file: { ...file, workflow: { ...file.workflow, ...cache } } };
}

function describeIssues(issues: z.core.$ZodIssue[], data: unknown): ImportProblem[] {
  const steps = (data as { workflow?: { steps?: unknown } }).workflow?.steps;
  return issues.slice(0, 20).map((issue) => {
    const path = issue.path.map(String);
    if (path[0] === 'workflow' && path[1] === 'steps' && path[2] !== undefined) {
      const index = Number(path[2]);
      const step = Array.isArray(steps) ? (steps[index] as { id?: unknown } | undefined) : undefined;
      const stepId = typeof step?.id === 'string' ? step.id : undefined;
      const where = path.slice(3).join('.');
      const name = stepId === undefined ? `Step #${index + 1}` : `Step "${stepId}"`;
      const message = `${name}: ${where ? `"${where}" ` : ''}${issueText(issue)}.`;
      return stepId === undefined ? { message } : { stepId, message };
    }
    return { message: `${path.length ? `"${path.join('.')}" ` : ''}${issueText(issue)}.` };
  });
}

function issueText(issue: z.core.$ZodIssue): string {
  if (issue.code === 'unrecognized_keys') return `has unknown key${issue.keys.length > 1 ? 's' : ''} ${issue.keys.map((k) => `"${k}"`).join(', ')}`;
  return issue.message.replace(/^Invalid input: /, '').replace(/^./, (c) => c.toLowerCase());
}

/**
 * The second half of {@link importWorkflowText}: a read file's steps against the model library
 * (ports, slots, cycles), made into the editor's graph. Its cache (`modelInputs`, `modelOutputs`)
 * and its files' texts are not read here, so a file may come without them (read in the worker).
 */
export function checkWorkflowFile(file: WorkflowFile, options: ImportOptions): ImportResult {
  const problems: ImportProblem[] = [];
  const warnings: ImportProblem[] = [];
  const steps = file.workflow.steps.map((step, index) => ({ ...step, id: step.id ?? `step${index + 1}` }));

  const seen = new Map<string, number>();
  for (const step of steps) seen.set(step.id, (seen.get(step.id) ?? 0) + 1);
  for (const [id, count] of seen) {
    if (count > 1) problems.push({ stepId: id, message: `Step "${id}" appears ${count} times; step ids must be unique.` });
  }

  const producers = new Map<string, string>();
  for (const step of steps) {
    for (const slot of Object.values(step.outputs)) {
      const other = producers.get(slot);
      if (other !== undefined && other !== step.id)
        problems.push({ stepId: step.id, message: `Step "${step.id}" writes state slot "${slot}", which step "${other}" also writes.` });
      producers.set(slot, step.id);
    }
  }
  const initialState = file.state ?? {};

  for (const step of steps) {
    const ports = options.portsOf(step.model);
    if (!ports) {
      warnings.push({
        stepId: step.id,
        message: `Step "${step.id}" uses model "${step.model}", which this app does not have; it is shown as a missing-model placeholder.`,
      });
    } else {
      for (const [slot, field] of Object.entries(step.inputs)) {
        if (!ports.inputs.includes(field))
          problems.push({
            stepId: step.id,
            message: `Step "${step.id}" maps state slot "${slot}" to field "${field}", which model "${step.model}" does not have (fields: ${ports.inputs.join(', ') || 'none'}).`,
          });
      }
      for (const output of Object.keys(step.outputs)) {
        if (!ports.outputs.includes(output))
          problems.push({
            stepId: step.id,
            message: `Step "${step.id}" maps output "${output}", which model "${step.model}" does not have (outputs: ${ports.outputs.join(', ') || 'none'}).`,
          });
      }
      for (const field of Object.keys(step.params ?? {})) {
        if (!ports.inputs.includes(field))
          problems.push({ stepId: step.id, message: `Step "${step.id}" sets param "${field}", which model "${step.model}" does not have.` });
      }
    }
    const fields = new Set<string>();
    for (const [slot, field] of Object.entries(step.inputs)) {
      if (fields.has(field)) problems.push({ stepId: step.id, message: `Step "${step.id}" maps two state slots to field "${field}".` });
      fields.add(field);
      if (!producers.has(slot) && !(slot in initialState)) {
        problems.push({
          stepId: step.id,
          message: `Step "${step.id}" reads state slot "${slot}" (for field "${field}"), but no step writes it and the file's "state" does not have it: the mapping leads to nothing.`,
        });
      }
      if (step.params && field in step.params)
        problems.push({ stepId: step.id, message: `Step "${step.id}" both maps field "${field}" from a slot and sets it as a param.` });
    }
  }

  if (problems.length === 0) {
    const edges = edgesOf(steps, producers);
    const sorted = topologicalOrder(
      steps.map((s) => s.id),
      edges,
    );
    if ('cycle' in sorted) {
      const [first] = sorted.cycle;
      problems.push({
        ...(first === undefined ? {} : { stepId: first }),
        message: `Steps ${sorted.cycle.map((id) => `"${id}"`).join(' → ')} form a cycle; a workflow must not feed a step's output back into itself.`,
      });
    }
  }
  if (problems.length) return { ok: false, problems };

  for (const [hash, info] of filesOfWorkflowFile(file)) {
    if (!file.files || !Object.hasOwn(file.files, hash))
      warnings.push({ message: `The file “${info.name}” is not embedded in this file; the step that reads it fails until you load it again.` });
  }

  const flat = graphFromWorkflow(
    {
      name: file.name,
      workflow: file.workflow,
      layout: file.layout ?? {},
      state: initialState,
      ...(file.states ? { states: file.states } : {}),
      ...(file.annotations ? { annotations: file.annotations } : {}),
    },
    options.portsOf,
  );
  let graph = flat;
  try {
    if (file.instances) graph = foldInstances(flat, file.instances, libraryOfFile(file.components));
  } catch (error) {
    if (!(error instanceof ComponentError)) throw error;
    return { ok: false, problems: [{ ...(error.nodeIds[0] === undefined ? {} : { stepId: error.nodeIds[0] }), message: error.message }] };
  }
  const isCode = options.isCodeModel ?? (() => false);
  for (const node of graph.nodes) if (isCode(node.model)) node.untrusted = true;
  return { ok: true, file, graph, warnings };
}

function edgesOf(steps: { id: string; inputs: Record<string, string> }[], producers: Map<string, string>): Pick<GraphEdgeSpec, 'source' | 'target'>[] {
  const edges: Pick<GraphEdgeSpec, 'source' | 'target'>[] = [];
  for (const step of steps) {
    for (const slot of Object.keys(step.inputs)) {
      const source = producers.get(slot);
      if (source !== undefined) edges.push({ source, target: step.id });
    }
  }
  return edges;
}

function formatBytes(bytes: number): string {
  return bytes >= 1024 * 1024 ? `${(bytes / 1024 / 1024).toFixed(1)} MB` : `${Math.ceil(bytes / 1024)} kB`;
}
