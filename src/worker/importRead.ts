/**
 * Reading an imported workflow file, done in the run worker so the page's thread never parses,
 * decodes or hashes its data (a million-row pipeline's export with cache blocked it 2–3 s): the
 * text is checked and parsed here, each embedded file and cached value is made into the value
 * store's text and ref, and the page gets the file without them (its graph part, which it checks
 * against the model library) plus each cached step by ref. Nothing is stored until the page
 * commits the import, with the cached values the person chose to use.
 *
 * A cached value written as the codec writes it (every export of this version) is stored and
 * hashed as it is written, never decoded (`storableAsWritten`); an older form is decoded and
 * encoded again. A value that does not decode is no cache: that step runs.
 */
import { decodeValue, errorMessage, hashString, hashValue, sortedJsonText, storableAsWritten, type CacheEntryJSON, type JsonValue } from '../engine';
import { readWorkflowFile, type ImportProblem } from '../format/importer';
import type { EmbeddedFile, WorkflowFile } from '../format/schema';
import type { ExtractSideRef, ValueTexts } from '../persistence/types';
import { encodeForStore, initValueHashing, valueRef } from '../persistence/values';

/** A cached step of the file: its key as the file writes it (a step id or index) and both sides by value ref. */
export interface ImportedCacheEntry {
  key: string;
  inputHash: string;
  input: ExtractSideRef;
  output: ExtractSideRef;
}

/** The file as read: without its files' texts and its cache, which wait here by ref. */
export type ImportRead =
  | {
      ok: true;
      file: WorkflowFile;
      cache: ImportedCacheEntry[];
      /** Each embedded file's hash as the file names it, and the ref its text is stored under. */
      files: [hash: string, ref: string][];
    }
  | { ok: false; problems: ImportProblem[] };

/** A read import's texts by ref, until the page commits it. */
export interface PendingImport {
  texts: Map<string, string>;
  /** Embedded files' texts by ref, kept decoded for the first run of the imported workflow. */
  fileTexts: Map<string, string>;
}

interface Stored {
  ref: string;
  json: string;
  /** Its {@link hashValue}, for a cached input (the skip rule compares it). */
  hash: string | null;
}

const isFieldRecord = (json: JsonValue): json is { [field: string]: JsonValue } =>
  json !== null && typeof json === 'object' && !Array.isArray(json) && !Object.hasOwn(json, '$swark');

/**
 * Values' stored texts, refs and hashes, from their encodings when those may stand as written.
 * A cached step's value is a record of fields; a big field (a table) is one parsed object however
 * many extracts hold it (the file writes it once, in `values`), so each field's texts are made once.
 */
class StoredTexts {
  private readonly asWritten = new WeakMap<object, boolean>();
  private readonly texts = new WeakMap<object, string>();
  private readonly sortedTexts = new WeakMap<object, string>();
  private readonly refs = new Map<string, string>();

  of(json: JsonValue, withHash: boolean): Stored {
    if (isFieldRecord(json) && Object.values(json).every((field) => this.fieldAsWritten(field))) {
      const fields = Object.entries(json);
      const text = `{${fields.map(([field, value]) => `${JSON.stringify(field)}:${this.text(value, false)}`).join(',')}}`;
      const sorted = `{${fields
        .map(([field]) => field)
        .sort()
        .map((field) => `${JSON.stringify(field)}:${this.text(json[field] as JsonValue, true)}`)
        .join(',')}}`;
      return { ref: this.ref(text), json: text, hash: withHash ? hashString(sorted) : null };
    }
    if (storableAsWritten(json)) {
      const text = JSON.stringify(json);
      return { ref: this.ref(text), json: text, hash: withHash ? hashString(sortedJsonText(json)) : null };
    }
    const value = decodeValue(json);
    const { ref, json: text } = encodeForStore(value);
    return { ref, json: text, hash: withHash ? hashValue(value) : null };
  }

  private fieldAsWritten(json: JsonValue): boolean {
    if (json === null || typeof json !== 'object') return storableAsWritten(json);
    let known = this.asWritten.get(json);
    if (known === undefined) this.asWritten.set(json, (known = storableAsWritten(json)));
    return known;
  }

  /** A field's JSON text (keys sorted for a hash); composed into its record's as JSON.stringify writes one. */
  private text(json: JsonValue, sorted: boolean): string {
    if (json === null || typeof json !== 'object') return JSON.stringify(json);
    const texts = sorted ? this.sortedTexts : this.texts;
    let text = texts.get(json);
    if (text === undefined) texts.set(json, (text = sorted ? sortedJsonText(json) : JSON.stringify(json)));
    return text;
  }

  private ref(text: string): string {
    let ref = this.refs.get(text);
    if (ref === undefined) this.refs.set(text, (ref = valueRef(text)));
    return ref;
  }
}

const sideOf = (entry: CacheEntryJSON, ref: string): ExtractSideRef => ({
  model: entry.model,
  version: entry.version,
  ...(entry.at === undefined ? {} : { at: entry.at }),
  origin: 'imported',
  ref,
});

/** The file's cached steps by ref, their texts added to `texts`; a step whose values do not decode is left out. */
function cachedSteps(workflow: WorkflowFile['workflow'], texts: Map<string, string>): ImportedCacheEntry[] {
  const entries: ImportedCacheEntry[] = [];
  const stored = new StoredTexts();
  for (const [key, input] of Object.entries(workflow.modelInputs ?? {})) {
    const output = workflow.modelOutputs?.[key];
    if (!output) continue;
    try {
      const [inputStored, outputStored] = [stored.of(input.value, true), stored.of(output.value, false)];
      texts.set(inputStored.ref, inputStored.json).set(outputStored.ref, outputStored.json);
      entries.push({ key, inputHash: inputStored.hash as string, input: sideOf(input, inputStored.ref), output: sideOf(output, outputStored.ref) });
    } catch {
      // A value this app cannot decode (e.g. a type it does not have) is no cache: that step simply runs.
    }
  }
  return entries;
}

/** Reads a workflow file's text (see the module's comment). Never throws. */
export async function readImport(text: string): Promise<{ read: ImportRead; pending: PendingImport }> {
  const pending: PendingImport = { texts: new Map(), fileTexts: new Map() };
  const result = readWorkflowFile(text);
  if (!result.ok) return { read: result, pending };
  await initValueHashing();
  const { modelInputs: _inputs, modelOutputs: _outputs, ...workflow } = result.file.workflow;
  const cache = cachedSteps(result.file.workflow, pending.texts);
  const files: [string, string][] = [];
  const withoutTexts: Record<string, EmbeddedFile> = {};
  for (const [hash, embedded] of Object.entries(result.file.files ?? {})) {
    const { ref, json } = encodeForStore(embedded.text);
    pending.texts.set(ref, json);
    pending.fileTexts.set(ref, embedded.text);
    files.push([hash, ref]);
    withoutTexts[hash] = { ...embedded, text: '' };
  }
  const file: WorkflowFile = { ...result.file, workflow, ...(result.file.files ? { files: withoutTexts } : {}) };
  return { read: { ok: true, file, cache, files }, pending };
}

/** The texts of `refs` a read import holds (a ref it does not hold is an error in words). */
export function committedTexts(pending: PendingImport, refs: readonly string[]): ValueTexts {
  return refs.map((ref) => {
    const json = pending.texts.get(ref);
    if (json === undefined) throw new Error(`the imported file holds no value ${ref}`);
    return [ref, json];
  });
}

export const importFailure = (error: unknown): string => `the file could not be read: ${errorMessage(error)}`;
