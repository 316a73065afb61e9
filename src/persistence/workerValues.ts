/**
 * The value store as a Web Worker sees it: the same IndexedDB object store and ref scheme as the
 * page's {@link ExternalValues}, so the run worker writes a run's big values and reads stored ones
 * itself, and only refs cross to the page.
 * Values are written in the store's current form (UTF-8 bytes) and read in either.
 *
 * Writes start synchronously and commit explicitly: the step after may be an endless synchronous
 * loop that never yields to this thread's event loop, and the values of the steps before it must
 * still reach storage (the page checks which did when the worker is stopped).
 */
import type { ValueTexts } from './types';
import { initValueHashing, storedForm, textOfStored, type ValueLocation } from './values';

export interface WorkerValueStore {
  /** Starts writing texts by ref at once, in one transaction (all or none); resolves when committed. */
  putMany(texts: ValueTexts): Promise<void>;
  /** The texts of `refs`, undefined where one is missing. */
  getMany(refs: string[]): Promise<(string | undefined)[]>;
}

const settle = (transaction: IDBTransaction) =>
  new Promise<void>((resolve, reject) => {
    transaction.oncomplete = () => resolve();
    transaction.onabort = transaction.onerror = () => reject(transaction.error ?? new Error('the value store transaction failed'));
  });

function openDatabase({ dbName, storeName }: ValueLocation): Promise<IDBDatabase> {
  return new Promise((resolve, reject) => {
    const request = indexedDB.open(dbName);
    // The same creation as idb-keyval's createStore, should the worker be first to open it.
    request.onupgradeneeded = () => request.result.createObjectStore(storeName);
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error ?? new Error(`could not open ${dbName}`));
  });
}

/** Opens the value store at `location`; refs are made with the same fast hash as the page's. */
export async function openWorkerValueStore(location: ValueLocation): Promise<WorkerValueStore> {
  const [db] = await Promise.all([openDatabase(location), initValueHashing()]);
  const { storeName } = location;
  return {
    putMany: (texts) => {
      if (!texts.length) return Promise.resolve();
      const transaction = db.transaction(storeName, 'readwrite');
      const store = transaction.objectStore(storeName);
      for (const [ref, json] of texts) store.put(storedForm(json), ref);
      const done = settle(transaction);
      transaction.commit?.();
      return done;
    },
    getMany: async (refs) => {
      if (!refs.length) return [];
      const transaction = db.transaction(storeName, 'readonly');
      const store = transaction.objectStore(storeName);
      const found = refs.map((ref) => store.get(ref));
      await settle(transaction);
      return found.map((request) => textOfStored(request.result));
    },
  };
}
