/**
 * The key-value storage the workspace saves into. IndexedDB (through idb-keyval) in the browser;
 * an in-memory map for tests and for the memory-only mode. Injected so tests can fail any step.
 */
import { createStore, promisifyRequest, type UseStore } from 'idb-keyval';

export interface KeyValueBackend {
  get<T>(key: string): Promise<T | undefined>;
  getMany<T>(keys: string[]): Promise<(T | undefined)[]>;
  set(key: string, value: unknown): Promise<void>;
  /** All entries in one transaction: all are written or none. */
  setMany(entries: [string, unknown][]): Promise<void>;
  /** Puts and deletes in one transaction (the pointer switch). */
  commit(puts: [string, unknown][], deletes: string[]): Promise<void>;
  delMany(keys: string[]): Promise<void>;
  keys(): Promise<string[]>;
}

/** A backend over one IndexedDB database and object store. */
export function idbBackend(dbName: string, storeName: string): KeyValueBackend {
  const store: UseStore = createStore(dbName, storeName);
  const write = (work: (s: IDBObjectStore) => void) =>
    store('readwrite', (s) => {
      work(s);
      return promisifyRequest(s.transaction);
    });
  return {
    get: <T>(key: string) => store('readonly', (s) => promisifyRequest(s.get(key) as IDBRequest<T | undefined>)),
    getMany: <T>(keys: string[]) => store('readonly', (s) => Promise.all(keys.map((key) => promisifyRequest(s.get(key) as IDBRequest<T | undefined>)))),
    set: (key, value) => write((s) => s.put(value, key)),
    setMany: (entries) => write((s) => entries.forEach(([key, value]) => s.put(value, key))),
    commit: (puts, deletes) =>
      write((s) => {
        puts.forEach(([key, value]) => s.put(value, key));
        deletes.forEach((key) => s.delete(key));
      }),
    delMany: (keys) => write((s) => keys.forEach((key) => s.delete(key))),
    keys: () => store('readonly', (s) => promisifyRequest(s.getAllKeys())).then((keys) => keys.map(String)),
  };
}

/** A backend in memory: nothing survives the page, but the same code paths run. */
export function memoryBackend(initial?: Map<string, unknown>): KeyValueBackend & { readonly data: Map<string, unknown> } {
  const data = initial ?? new Map<string, unknown>();
  return {
    data,
    get: async <T>(key: string) => data.get(key) as T | undefined,
    getMany: async <T>(keys: string[]) => keys.map((key) => data.get(key) as T | undefined),
    set: async (key, value) => void data.set(key, value),
    setMany: async (entries) => entries.forEach(([key, value]) => data.set(key, value)),
    commit: async (puts, deletes) => {
      puts.forEach(([key, value]) => data.set(key, value));
      deletes.forEach((key) => data.delete(key));
    },
    delMany: async (keys) => keys.forEach((key) => data.delete(key)),
    keys: async () => [...data.keys()],
  };
}

/** A storage step that did not answer in time (see {@link withTimeout}). */
export class TimeoutError extends Error {
  constructor(what: string, ms: number) {
    super(`${what} did not answer within ${ms} ms`);
    this.name = 'TimeoutError';
  }
}

/** Rejects with a {@link TimeoutError} if `promise` has not settled after `ms` (IndexedDB can hang in private modes). */
export function withTimeout<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const timer = setTimeout(() => reject(new TimeoutError(what, ms)), ms);
    promise.then(
      (value) => {
        clearTimeout(timer);
        resolve(value);
      },
      (error: unknown) => {
        clearTimeout(timer);
        reject(error);
      },
    );
  });
}
