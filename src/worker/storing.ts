/**
 * Values on their way to the value store: encoded once per value object, written by this worker
 * when it can reach the store (announced as `writing`, confirmed by `values-stored`), else sent to
 * the page as texts.
 */
import { errorMessage } from '../engine';
import type { ValueTexts } from '../persistence/types';
import { encodeForStore } from '../persistence/values';
import type { FromWorker } from './protocol';
import type { WorkflowCache } from './workflowCache';

export interface Encoded {
  ref: string;
  json: string;
}

/**
 * Encodings by value object: a skipped step's output is the same object run after run, and the
 * kept state shares its slots with the extracts.
 */
const encodedObjects = new WeakMap<object, Encoded>();

export function encodeOnce(value: unknown): Encoded {
  if (value === null || typeof value !== 'object') return encodeForStore(value);
  let encoded = encodedObjects.get(value);
  if (!encoded) {
    encoded = encodeForStore(value);
    encodedObjects.set(value, encoded);
  }
  return encoded;
}

/** A value decoded from stored text keeps that text as its encoding. */
export function rememberEncoding(value: unknown, ref: string, json: string): void {
  // Numbers and strings cannot key a WeakMap (and are cheap to encode again).
  if (value !== null && typeof value === 'object') encodedObjects.set(value, { ref, json });
}

/**
 * The value-store refs the page's database holds for this workflow (so they need no new write),
 * with how many entries hold each: counted once, then kept by `setStepEntries` as steps finish.
 */
function recordedRefs(cache: WorkflowCache): Map<string, number> {
  if (cache.recordedRefs) return cache.recordedRefs;
  const counts = new Map<string, number>();
  const add = (ref: string) => counts.set(ref, (counts.get(ref) ?? 0) + 1);
  const entries = [...cache.extracts.values(), ...[...cache.earlier.values()].flat()];
  for (const entry of entries) {
    add(entry.inputRef);
    add(entry.outputRef);
  }
  for (const ref of Object.values(cache.lastState?.refs ?? {})) add(ref);
  cache.recordedRefs = counts;
  return counts;
}

/** Values the page's database does not refer to yet (taken before the cache takes the new refs). */
export function freshValues(cache: WorkflowCache, encoded: Encoded[]): Map<string, string> {
  const recorded = recordedRefs(cache);
  const fresh = new Map<string, string>();
  for (const { ref, json } of encoded) if (!recorded.has(ref)) fresh.set(ref, json);
  return fresh;
}

/**
 * Starts storing new values and says how the page gets them: `writing` (this worker is writing
 * them; 'values-stored' follows) or `texts` (no store here, or the write failed to start).
 */
export function storeValues(post: (message: FromWorker) => void, cache: WorkflowCache, fresh: Map<string, string>): { texts: ValueTexts; writing: string[] } {
  const entries = [...fresh];
  if (!cache.store || !entries.length) return { texts: entries, writing: [] };
  const refs = entries.map(([ref]) => ref);
  let write: Promise<void>;
  try {
    write = cache.store.putMany(entries);
  } catch (error) {
    console.warn('run worker: storing values failed; the page will save them:', errorMessage(error));
    return { texts: entries, writing: [] };
  }
  write.then(
    () => post({ type: 'values-stored', refs, failed: [] }),
    (error: unknown) => {
      // The page's own save then writes them (and reports a full quota in words).
      console.warn('run worker: storing values failed; the page will save them:', errorMessage(error));
      post({ type: 'values-stored', refs, failed: entries });
    },
  );
  return { texts: [], writing: refs };
}
