/**
 * Every storage step of a save has a time limit: IndexedDB can leave a request unanswered for ever
 * (a stuck connection, another tab holding a transaction), and a save that waits for ever shows
 * "Saving…" for ever. A step that runs out of time rejects with {@link StorageStallError}; the
 * autosave then keeps the work in memory (and in the journal), says so and retries.
 *
 * The request itself cannot be cancelled and may still complete later. Only that one request can:
 * the save that issued it has already stopped at it. IndexedDB runs a store's read-write
 * transactions in the order they were made, so a late write lands before any retry's.
 */
import type { KeyValueBackend } from './keyValue';

/** How long one storage step may take, plus {@link MS_PER_MEGABYTE} for what it writes. */
export const SAVE_STEP_TIMEOUT_MS = 10_000;
/** A big snapshot legitimately takes a while: ≈ 1 s per 100 MB measured, ten times that allowed. */
const MS_PER_MEGABYTE = 100;

export class StorageStallError extends Error {
  constructor(
    readonly step: string,
    readonly ms: number,
  ) {
    super(`the browser's storage did not answer within ${ms < 1000 ? `${ms} ms` : `${Math.round(ms / 1000)} s`} (${step})`);
    this.name = 'StorageStallError';
  }
}

/** Words for the notice bar; the footer says it shorter (`WorkspaceStatusBar`). */
export function stuckNotice(error: StorageStallError): string {
  return `Saving is stuck: ${error.message}. Your work is kept in this tab and saving is retried automatically; export a backup if this lasts.`;
}

function sizeOf(value: unknown): number {
  if (value instanceof Uint8Array) return value.byteLength;
  if (typeof value === 'string') return value.length;
  return 0;
}

function limited<T>(work: Promise<T>, step: string, ms: number): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const timer = setTimeout(() => reject(new StorageStallError(step, ms)), ms);
    work.then(
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

/** `backend` with a time limit on every operation (`timeoutMs`, plus time for the bytes written). */
export function withStepTimeouts(backend: KeyValueBackend, area: string, timeoutMs: () => number): KeyValueBackend {
  const limit = (written: number) => timeoutMs() + Math.ceil((written / 1_000_000) * MS_PER_MEGABYTE);
  return {
    get: <T>(key: string) => limited(backend.get<T>(key), `reading ${key} from the ${area}`, limit(0)),
    getMany: <T>(keys: string[]) => limited(backend.getMany<T>(keys), `reading ${keys.length} entries from the ${area}`, limit(0)),
    set: (key, value) => limited(backend.set(key, value), `writing ${key} to the ${area}`, limit(sizeOf(value))),
    setMany: (entries) =>
      limited(backend.setMany(entries), `writing ${entries.length} entries to the ${area}`, limit(entries.reduce((sum, [, value]) => sum + sizeOf(value), 0))),
    commit: (puts, deletes) => limited(backend.commit(puts, deletes), `committing to the ${area}`, limit(0)),
    delMany: (keys) => limited(backend.delMany(keys), `deleting ${keys.length} entries from the ${area}`, limit(0)),
    keys: () => limited(backend.keys(), `listing the ${area}`, limit(0)),
  };
}
