/**
 * Stored files in the run worker: it stores a loaded file's text once by content in the value
 * store (the page never reads the bytes), and reads them back by ref when a model runs
 * (`RunContext.readFile`). The text is the value store's usual entry for a string, so a file and
 * an equal text stored as a value share one entry.
 */
import { errorMessage, type StoredFileInfo } from '../engine';
import { openWorkerValueStore, type WorkerValueStore } from '../persistence/workerValues';
import type { ValueTexts } from '../persistence/types';
import { encodeForStore, initValueHashing, type ValueLocation } from '../persistence/values';
import type { FromWorker, StoreFileMessage } from './protocol';
import type { WorkflowCache } from './workflowCache';

/** Files kept decoded in the worker between runs (the most recently used ones). */
const KEEP_DECODED = 2;

export interface WorkerFiles {
  /** Stores a file and answers the page with its reference (or why not). */
  store(message: StoreFileMessage): Promise<Extract<FromWorker, { type: 'file-stored' | 'file-failed' }>>;
  /** The text of a stored file: kept here, sent by the page, or read from the value store. */
  read(ref: string, cache: WorkflowCache): Promise<string>;
  /** Keeps a file's text decoded here (it was just stored: the next run reads it). */
  keep(ref: string, text: string): void;
  /** Writes texts by ref into the value store at `location`, in one transaction. */
  write(location: ValueLocation, texts: ValueTexts): Promise<void>;
}

export function createWorkerFiles(): WorkerFiles {
  const decoded = new Map<string, string>();
  const stores = new Map<string, Promise<WorkerValueStore>>();

  const keep = (ref: string, text: string) => {
    decoded.delete(ref);
    decoded.set(ref, text);
    for (const old of decoded.keys()) if (decoded.size > KEEP_DECODED) decoded.delete(old);
  };
  const storeAt = (location: ValueLocation) => {
    const key = `${location.dbName}/${location.storeName}`;
    let store = stores.get(key);
    if (!store) stores.set(key, (store = openWorkerValueStore(location)));
    return store;
  };

  return {
    async store({ requestId, file, name, mediaType, location }) {
      try {
        const [text] = await Promise.all([file.text(), initValueHashing()]);
        const { ref, json } = encodeForStore(text);
        const info: StoredFileInfo = { name, size: file.size, hash: ref, mediaType };
        keep(ref, text);
        if (!location) return { type: 'file-stored', requestId, file: info, texts: [[ref, json]] };
        await (await storeAt(location)).putMany([[ref, json]]);
        return { type: 'file-stored', requestId, file: info, texts: [] };
      } catch (error) {
        return { type: 'file-failed', requestId, message: `the file “${name}” could not be stored: ${errorMessage(error)}` };
      }
    },

    keep,

    write: async (location, texts) => (await storeAt(location)).putMany(texts),

    async read(ref, cache) {
      const kept = decoded.get(ref);
      if (kept !== undefined) {
        keep(ref, kept);
        return kept;
      }
      const json = cache.pageTexts.get(ref) ?? (cache.store ? (await cache.store.getMany([ref]))[0] : undefined);
      if (json === undefined) throw new Error(`the value store has no entry ${ref}`);
      const text = JSON.parse(json) as unknown;
      if (typeof text !== 'string') throw new Error(`the value store's entry ${ref} is not a file's text`);
      keep(ref, text);
      return text;
    },
  };
}
