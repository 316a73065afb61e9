/**
 * The cache in an export holds each distinct value once (since format version 7). A step's output
 * table is usually the next step's input, so writing every extract whole wrote each table two or
 * more times. Each big field of an extract's value (a model input's field, a model output's port)
 * goes into the file's `values`, keyed by a hash of its JSON, and the extract names it in `shared`
 * instead; reading the file puts the fields back, so nothing after the importer sees the difference.
 */
import { hashString, type CacheEntryJSON, type JsonValue } from '../engine';
import type { ImportProblem } from './importer';
import type { WorkflowFile } from './schema';
import { workflowFileParts } from './fileParts';

/** A field whose JSON is at least this long is written once, in `values`; smaller ones stay inline. */
export const SHARED_MIN_CHARS = 1024;

export interface SharedExtract extends CacheEntryJSON {
  /** Field name → key in the file's `values` of a field taken out of `value`. */
  shared?: Record<string, string>;
}

export interface PackedCache {
  modelInputs: Record<string, SharedExtract>;
  modelOutputs: Record<string, SharedExtract>;
  /** Key → the value's JSON text (written as it is, so no value is serialised twice). */
  values: Map<string, string>;
}

function isFieldRecord(value: JsonValue): value is { [key: string]: JsonValue } {
  // A plain record of fields: the engine wraps an object that has its own `$swark` key, so a record without one is plain.
  return value !== null && typeof value === 'object' && !Array.isArray(value) && !Object.hasOwn(value, '$swark');
}

/** Takes the big fields of every extract out into one table of values, each distinct value once. */
export function packExtracts(cache: { modelInputs: Record<string, CacheEntryJSON>; modelOutputs: Record<string, CacheEntryJSON> }): PackedCache {
  const values = new Map<string, string>();
  const keyOf = (text: string): string => {
    // Equal hashes are compared by text: two different values never share a key.
    const hash = hashString(text);
    for (let n = 1; ; n++) {
      const key = n === 1 ? hash : `${hash}-${n}`;
      const held = values.get(key);
      if (held === undefined) values.set(key, text);
      if (held === undefined || held === text) return key;
    }
  };
  const pack = (extract: CacheEntryJSON): SharedExtract => {
    if (!isFieldRecord(extract.value)) return extract;
    const inline: { [key: string]: JsonValue } = {};
    const shared: Record<string, string> = {};
    for (const [field, value] of Object.entries(extract.value)) {
      const text = JSON.stringify(value);
      if (text.length < SHARED_MIN_CHARS) inline[field] = value;
      else shared[field] = keyOf(text);
    }
    return Object.keys(shared).length ? { ...extract, value: inline, shared } : extract;
  };
  const each = (extracts: Record<string, CacheEntryJSON>) => Object.fromEntries(Object.entries(extracts).map(([key, extract]) => [key, pack(extract)]));
  return { modelInputs: each(cache.modelInputs), modelOutputs: each(cache.modelOutputs), values };
}

/**
 * The extracts with their shared fields put back from `values`, or the problems: a key `values`
 * does not have, a field that is also inline, or a value no extract names. `values` is data the
 * importer lets past the graph's size limit, so it may hold only what the (limited) extracts name.
 */
export function unpackExtracts(
  extracts: { modelInputs?: Record<string, SharedExtract>; modelOutputs?: Record<string, SharedExtract> },
  values: Record<string, JsonValue> | undefined,
): { modelInputs?: Record<string, CacheEntryJSON>; modelOutputs?: Record<string, CacheEntryJSON> } | { problems: ImportProblem[] } {
  const problems: ImportProblem[] = [];
  const unpack = (which: string, key: string, extract: SharedExtract): CacheEntryJSON => {
    const { shared, ...rest } = extract;
    if (!shared) return rest;
    if (!isFieldRecord(rest.value)) {
      problems.push({ stepId: key, message: `The cached ${which} of step "${key}" names shared fields, but its value is not a record of fields.` });
      return rest;
    }
    const value: { [field: string]: JsonValue } = { ...rest.value };
    for (const [field, valueKey] of Object.entries(shared)) {
      if (Object.hasOwn(value, field))
        problems.push({ stepId: key, message: `The cached ${which} of step "${key}" has field "${field}" both inline and in "values".` });
      else if (!values || !Object.hasOwn(values, valueKey))
        problems.push({
          stepId: key,
          message: `The cached ${which} of step "${key}": field "${field}" refers to value "${valueKey}", which the file's "values" does not have.`,
        });
      else value[field] = values[valueKey] as JsonValue;
    }
    return { ...rest, value };
  };
  const each = (which: string, record: Record<string, SharedExtract> | undefined) =>
    record && Object.fromEntries(Object.entries(record).map(([key, extract]) => [key, unpack(which, key, extract)]));
  const modelInputs = each('input', extracts.modelInputs);
  const modelOutputs = each('output', extracts.modelOutputs);
  const named = new Set(
    [...Object.values(extracts.modelInputs ?? {}), ...Object.values(extracts.modelOutputs ?? {})].flatMap((extract) => Object.values(extract.shared ?? {})),
  );
  const unnamed = Object.keys(values ?? {}).filter((key) => !named.has(key));
  if (unnamed.length)
    problems.push({
      message: `The file's "values" holds ${unnamed.length === 1 ? 'a value' : `${unnamed.length} values`} that no cached extract names (${unnamed
        .slice(0, 3)
        .map((key) => `"${key}"`)
        .join(', ')}${unnamed.length > 3 ? ', …' : ''}): a file written by Swark Studio never does.`,
    });
  if (problems.length) return { problems };
  return { ...(modelInputs ? { modelInputs } : {}), ...(modelOutputs ? { modelOutputs } : {}) };
}

/** The file as text (see {@link workflowFileParts}): the writer for a cache held as JSON on this thread. */
export function workflowFileText(file: WorkflowFile): string {
  const { modelInputs, modelOutputs, ...workflow } = file.workflow;
  if (!modelInputs && !modelOutputs) return JSON.stringify(file, null, 2);
  const packed = packExtracts({ modelInputs: modelInputs ?? {}, modelOutputs: modelOutputs ?? {} });
  const cache = {
    ...(modelInputs ? { modelInputs: packed.modelInputs } : {}),
    ...(modelOutputs ? { modelOutputs: packed.modelOutputs } : {}),
    values: packed.values,
  };
  return workflowFileParts({ ...file, workflow }, cache).join('');
}
