/**
 * The big parts of "Export with cache", made here where the values live: each cached field's JSON
 * (encoded once per value object, each distinct text once by its content ref) and each embedded
 * file's text, as Blobs the page composes into the file by reference. The page never decodes,
 * encodes, hashes or copies a table for an export (it once blocked its thread 0.8–2.2 s on a
 * million-row pipeline); it writes the small outline and the extracts' lines around these parts.
 */
import { encodeValue, errorMessage, type CacheEntry } from '../engine';
import { valueRef } from '../persistence/values';
import type { CacheExtractTexts, ExportWorkflowMessage, FieldText, FromWorker, WorkflowCacheTexts } from './protocol';
import type { WorkflowCache } from './workflowCache';

type Reply = Extract<FromWorker, { type: 'workflow-exported' | 'workflow-export-failed' }>;

/** A plain record of fields, as the engine's extracts are; the codec wraps one with its own `$swark` key, so that one is written whole. */
function isFieldRecord(value: unknown): value is Record<string, unknown> {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return false;
  const proto = Object.getPrototypeOf(value);
  return (proto === Object.prototype || proto === null) && !Object.hasOwn(value, '$swark');
}

/** The cache's current entries (a step's most recent, as the file carries) with their fields as texts. */
function cacheTexts(cache: WorkflowCache, inlineBelow: number): WorkflowCacheTexts {
  const texts = new Map<string, Blob>();
  // A table that is one step's output and the next one's input is the same object after a run: encoded once.
  const byObject = new Map<object, FieldText>();
  const fieldText = (value: unknown): FieldText => {
    const known = value !== null && typeof value === 'object' ? byObject.get(value) : undefined;
    if (known) return known;
    const json = JSON.stringify(encodeValue(value));
    let piece: FieldText = { json };
    if (json.length >= inlineBelow) {
      // Equal texts (an equal table decoded twice after a reload) share one content ref: written once.
      const id = valueRef(json);
      if (!texts.has(id)) texts.set(id, new Blob([json], { type: 'application/json' }));
      piece = { id };
    }
    if (value !== null && typeof value === 'object') byObject.set(value, piece);
    return piece;
  };
  const side = (entry: CacheEntry): CacheExtractTexts => {
    const head = { model: entry.model, version: entry.version, ...(entry.at === undefined ? {} : { at: entry.at }) };
    if (!isFieldRecord(entry.value)) return { ...head, fields: null, value: JSON.stringify(encodeValue(entry.value)) };
    return { ...head, fields: Object.fromEntries(Object.entries(entry.value).map(([field, value]) => [field, fieldText(value)])) };
  };
  const modelInputs: Record<string, CacheExtractTexts> = {};
  const modelOutputs: Record<string, CacheExtractTexts> = {};
  for (const [stepKey, entry] of cache.extracts) {
    modelInputs[stepKey] = side(entry.input);
    modelOutputs[stepKey] = side(entry.output);
  }
  return { modelInputs, modelOutputs, texts: [...texts] };
}

/**
 * The export's big parts: the cache's texts when asked for, and the embedded files' texts (as
 * the JSON strings the file holds), those this worker could not read named in `missingFiles`.
 */
export async function answerWorkflowExport(cache: WorkflowCache, message: ExportWorkflowMessage, readFile: (ref: string) => Promise<string>): Promise<Reply> {
  const { requestId } = message;
  try {
    const files: [string, Blob][] = [];
    const missingFiles: string[] = [];
    for (const hash of message.files) {
      try {
        files.push([hash, new Blob([JSON.stringify(await readFile(hash))], { type: 'application/json' })]);
      } catch (error) {
        console.warn(`run worker: the file ${hash} could not be read for the export:`, errorMessage(error));
        missingFiles.push(hash);
      }
    }
    const texts = message.includeCache ? cacheTexts(cache, message.inlineBelow) : null;
    return { type: 'workflow-exported', requestId, cache: texts, files, missingFiles };
  } catch (error) {
    return { type: 'workflow-export-failed', requestId, message: errorMessage(error) };
  }
}
