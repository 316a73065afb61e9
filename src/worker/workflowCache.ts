/**
 * The cached-extract store: what the worker holds of the active workflow between runs (its decoded
 * extracts and kept state), asked of the page once per workflow (`need-workspace`) and built from
 * the refs it answers with, read from the value store here.
 */
import { decodeValue, errorMessage, type CacheEntry } from '../engine';
import type { ExtractKey, ExtractSideRef } from '../persistence/types';
import { initValueHashing } from '../persistence/values';
import { openWorkerValueStore, type WorkerValueStore } from '../persistence/workerValues';
import type { FromWorker, WorkspaceDataMessage } from './protocol';
import { rememberEncoding } from './storing';

/** What a step ran with and gave: a cache entry's two sides. */
export interface StepExtract {
  stepKey: string;
  inputHash: string;
  input: CacheEntry;
  output: CacheEntry;
}

/** A step's cache entry with its values decoded, and their refs in the value store. */
export interface CachedExtract extends StepExtract {
  inputRef: string;
  outputRef: string;
}

/**
 * A step's values in the last run: those of its cache entry (it was skipped, or ran and updated the
 * cache) or its own, which the cache did not take ("Update cache" off).
 */
type LastRunValues = { inCache: true } | { inCache: false; extract: StepExtract; why?: string };

/** The state the last run left, its values decoded and their refs. */
export interface KeptState {
  mutable: boolean;
  values: Record<string, unknown>;
  refs: Record<string, string>;
}

/** What the worker holds of the active workflow. */
export interface WorkflowCache {
  workflowId: string;
  /** Each step's most recent cache entry (the engine's current one), by step key. */
  extracts: Map<string, CachedExtract>;
  /** Each step's other entries, most recently used first (only with several entries per step). */
  earlier: Map<string, CachedExtract[]>;
  /** Cached inputs as they were before the last run replaced them, for "what changed". */
  previousInputs: Map<string, CacheEntry>;
  /** Each step's values in the last run this worker made, by step key (steps it ran or skipped). */
  lastRun: Map<string, LastRunValues>;
  lastState: KeptState | null;
  /** Where this worker stores values itself; null: new values go to the page as texts. */
  store: WorkerValueStore | null;
  /** The texts the page sent with the workflow (values it could not expect the store to hold, e.g. an unsaved file), by ref. */
  pageTexts: ReadonlyMap<string, string>;
  /**
   * How many of the entries and kept slots above refer to each value-store ref (`storing.ts`
   * builds it when first needed), kept up to date as steps finish so a run does not count them all
   * again after every step; absent when it must be counted again.
   */
  recordedRefs?: Map<string, number>;
}

export interface CacheHolder {
  /** The workflow's cache, asking the page for what the workspace stored the first time. */
  ensure(workflowId: string): Promise<WorkflowCache>;
  /** Builds a workflow's cache from the page's answer and hands it to those waiting. */
  receive(message: WorkspaceDataMessage): Promise<void>;
  /** Forgets one step's cached extract, or every one (the page cleared the workspace's). */
  clear(workflowId: string, stepKey: string | undefined): void;
  /** Forgets the entries the workspace's cache budget dropped; a step's next entry becomes its current one. */
  forget(entries: readonly ExtractKey[]): void;
  /** Drops the workflow's cache: its next need asks the page again. */
  drop(workflowId: string): void;
}

/** Decodes the values the page's refs name: texts sent along, else read from the value store. */
async function readTexts(message: WorkspaceDataMessage, store: WorkerValueStore | null): Promise<Map<string, string>> {
  const texts = new Map(message.texts);
  const refs = [
    ...new Set([...message.extracts.flatMap((entry) => [entry.input.ref, entry.output.ref]), ...(message.lastState?.slots.map((slot) => slot.ref) ?? [])]),
  ].filter((ref) => !texts.has(ref));
  const found = store ? await store.getMany(refs) : [];
  refs.forEach((ref, i) => {
    const text = found[i];
    if (text !== undefined) texts.set(ref, text);
  });
  return texts;
}

/** The cache a workspace answer describes; a value that cannot be read leaves its step uncached (it runs again). */
async function buildCache(message: WorkspaceDataMessage): Promise<WorkflowCache> {
  const next: WorkflowCache = {
    workflowId: message.workflowId,
    extracts: new Map(),
    earlier: new Map(),
    previousInputs: new Map(),
    lastRun: new Map(),
    lastState: null,
    store: null,
    pageTexts: new Map(message.texts),
  };
  let texts = new Map(message.texts);
  try {
    await initValueHashing();
    if (message.location) next.store = await openWorkerValueStore(message.location);
    texts = await readTexts(message, next.store);
  } catch (error) {
    console.warn('run worker: the stored values could not be read; steps will run again:', errorMessage(error));
  }
  const decoded = new Map<string, unknown>();
  const valueOf = (ref: string): unknown => {
    if (decoded.has(ref)) return decoded.get(ref);
    const text = texts.get(ref);
    if (text === undefined) throw new Error(`the stored value ${ref} is missing`);
    const value = decodeValue(JSON.parse(text));
    decoded.set(ref, value);
    rememberEncoding(value, ref, text);
    return value;
  };
  const extractOf = (side: ExtractSideRef): CacheEntry => ({
    model: side.model,
    version: side.version,
    ...(side.at === undefined ? {} : { at: side.at }),
    ...(side.origin === undefined ? {} : { origin: side.origin }),
    value: valueOf(side.ref),
  });
  // By step, most recent first: a step's first readable entry is its current one, the rest are earlier.
  for (const entry of message.extracts) {
    try {
      const cached: CachedExtract = {
        stepKey: entry.stepKey,
        inputHash: entry.inputHash,
        input: extractOf(entry.input),
        output: extractOf(entry.output),
        inputRef: entry.input.ref,
        outputRef: entry.output.ref,
      };
      if (!next.extracts.has(entry.stepKey)) next.extracts.set(entry.stepKey, cached);
      else next.earlier.set(entry.stepKey, [...(next.earlier.get(entry.stepKey) ?? []), cached]);
    } catch (error) {
      console.warn(`run worker: the cache of step "${entry.stepKey}" could not be read:`, errorMessage(error));
    }
  }
  if (message.lastState) {
    try {
      const values: Record<string, unknown> = {};
      const refs: Record<string, string> = {};
      for (const slot of message.lastState.slots) {
        values[slot.name] = valueOf(slot.ref);
        refs[slot.name] = slot.ref;
      }
      next.lastState = { mutable: message.lastState.mutable, values, refs };
    } catch (error) {
      console.warn('run worker: the kept state could not be read:', errorMessage(error));
    }
  }
  return next;
}

/** Sets a step's entries (its current one and the earlier ones), keeping the count of recorded refs. */
export function setStepEntries(cache: WorkflowCache, stepKey: string, current: CachedExtract, earlier: readonly CachedExtract[]): void {
  const counts = cache.recordedRefs;
  const count = (entry: CachedExtract, by: number) => {
    if (!counts) return;
    for (const ref of [entry.inputRef, entry.outputRef]) {
      const next = (counts.get(ref) ?? 0) + by;
      if (next > 0) counts.set(ref, next);
      else counts.delete(ref);
    }
  };
  for (const entry of entriesOf(cache, stepKey)) count(entry, -1);
  cache.extracts.set(stepKey, current);
  if (earlier.length) cache.earlier.set(stepKey, [...earlier]);
  else cache.earlier.delete(stepKey);
  count(current, 1);
  for (const entry of earlier) count(entry, 1);
}

/** Every cache entry of a step, most recently used first. */
export function entriesOf(cache: WorkflowCache, stepKey: string): CachedExtract[] {
  const current = cache.extracts.get(stepKey);
  return current ? [current, ...(cache.earlier.get(stepKey) ?? [])] : [];
}

/** Forgets one step's entries, or every step's. */
function clearEntries(cache: WorkflowCache, stepKey: string | undefined): void {
  delete cache.recordedRefs;
  if (stepKey === undefined) {
    cache.extracts.clear();
    cache.earlier.clear();
    cache.previousInputs.clear();
  } else {
    cache.extracts.delete(stepKey);
    cache.earlier.delete(stepKey);
    cache.previousInputs.delete(stepKey);
  }
}

/** Holds one workflow's cache at a time: switching workflows asks the page again. */
export function createCacheHolder(post: (message: FromWorker) => void): CacheHolder {
  let cache: WorkflowCache | null = null;
  /** Loads asked of the page, by workflow: a switch of workflow while one is loading must not strand its waiters. */
  const loading = new Map<string, { promise: Promise<WorkflowCache>; resolve: (cache: WorkflowCache) => void }>();
  /** Clears the page asked for while a workflow's cache was loading (undefined: every step). */
  const clearsWhileLoading = new Map<string, (string | undefined)[]>();

  return {
    ensure(workflowId) {
      if (cache?.workflowId === workflowId) return Promise.resolve(cache);
      const pending = loading.get(workflowId);
      if (pending) return pending.promise;
      let resolve!: (cache: WorkflowCache) => void;
      const promise = new Promise<WorkflowCache>((done) => (resolve = done));
      loading.set(workflowId, { promise, resolve });
      post({ type: 'need-workspace', workflowId });
      return promise;
    },

    async receive(message) {
      const waiting = loading.get(message.workflowId);
      if (!waiting) return;
      const next = await buildCache(message);
      if (!loading.has(message.workflowId)) return;
      loading.delete(message.workflowId);
      for (const stepKey of clearsWhileLoading.get(message.workflowId) ?? []) clearEntries(next, stepKey);
      clearsWhileLoading.delete(message.workflowId);
      cache = next;
      waiting.resolve(next);
    },

    drop(workflowId) {
      if (cache?.workflowId === workflowId) cache = null;
    },

    clear(workflowId, stepKey) {
      if (cache?.workflowId === workflowId) clearEntries(cache, stepKey);
      // A load under way carries what the workspace held before this clear: clear it once built.
      if (loading.has(workflowId)) (clearsWhileLoading.get(workflowId) ?? clearsWhileLoading.set(workflowId, []).get(workflowId)!).push(stepKey);
    },

    forget(entries) {
      const held = cache;
      if (!held) return;
      for (const { workflowId, stepKey, inputHash } of entries) {
        if (workflowId !== held.workflowId) continue;
        const [current, ...earlier] = entriesOf(held, stepKey).filter((entry) => entry.inputHash !== inputHash);
        if (current?.inputHash !== held.extracts.get(stepKey)?.inputHash) held.lastRun.delete(stepKey);
        if (current) held.extracts.set(stepKey, current);
        else held.extracts.delete(stepKey);
        if (earlier.length) held.earlier.set(stepKey, earlier);
        else held.earlier.delete(stepKey);
      }
    },
  };
}
