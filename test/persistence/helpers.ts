import { afterEach, beforeEach, expect, vi, type MockInstance } from 'vitest';
import { memoryBackend, type KeyValueBackend } from '../../src/persistence/keyValue';
import { Workspace, type WorkspaceOptions } from '../../src/persistence/workspace';
import type { StoredExtract, WorkflowRecord } from '../../src/persistence/types';
import { hashValue } from '../../src/engine';

export type Operation = 'get' | 'getMany' | 'set' | 'setMany' | 'commit' | 'delMany' | 'keys';

/**
 * Which operations a backend holds unanswered, and whether each has done its work first (it
 * landed, but its answer never came) or waits before doing it (it may land when released).
 */
interface Hold {
  matches: (op: Operation, keys: string[]) => boolean;
  landFirst: boolean;
  /** Resolves true to answer the held operations, false to leave them unanswered for good (the tab is gone). */
  released: Promise<boolean>;
}

const never = <T>() => new Promise<T>(() => {});

/** A memory backend whose operations can be made to fail, lie or stall on demand. */
function faultyBackend(data = new Map<string, unknown>()) {
  const inner = memoryBackend(data);
  const calls: { op: Operation; keys: string[] }[] = [];
  let fault: ((op: Operation, keys: string[]) => void) | null = null;
  let transformGet: ((key: string, value: unknown) => unknown) | null = null;
  let hold: Hold | null = null;
  const run = async <T>(op: Operation, keys: string[], work: () => Promise<T>): Promise<T> => {
    calls.push({ op, keys });
    fault?.(op, keys);
    const held = hold?.matches(op, keys) ? hold : null;
    if (!held) return work();
    if (!held.landFirst) return (await held.released) ? work() : never<T>();
    const result = await work();
    return (await held.released) ? result : never<T>();
  };
  const backend: KeyValueBackend = {
    get: <T>(key: string) =>
      run('get', [key], async () => (transformGet ? transformGet(key, await inner.get<T>(key)) : await inner.get<T>(key)) as T | undefined),
    getMany: <T>(keys: string[]) => run('getMany', keys, () => inner.getMany<T>(keys)),
    set: (key, value) => run('set', [key], () => inner.set(key, value)),
    setMany: (entries) =>
      run(
        'setMany',
        entries.map(([key]) => key),
        () => inner.setMany(entries),
      ),
    commit: (puts, deletes) => run('commit', [...puts.map(([key]) => key), ...deletes], () => inner.commit(puts, deletes)),
    delMany: (keys) => run('delMany', keys, () => inner.delMany(keys)),
    keys: () => run('keys', [], () => inner.keys()),
  };
  return {
    backend,
    data,
    calls,
    failOn(next: ((op: Operation, keys: string[]) => void) | null) {
      fault = next;
    },
    lieOnGet(next: ((key: string, value: unknown) => unknown) | null) {
      transformGet = next;
    },
    /**
     * Holds the operations `matches` picks unanswered until `release()` (they then complete) or
     * `abandon()` (they never do: the tab that made them is gone). `landFirst`: each does its work
     * at once, and only its answer waits. Operations after either call run normally.
     */
    stall(matches: Hold['matches'], landFirst = false): { release(): void; abandon(): void } {
      let settle: (land: boolean) => void = () => {};
      const released = new Promise<boolean>((resolve) => (settle = resolve));
      hold = { matches, landFirst, released };
      const end = (land: boolean) => {
        hold = null;
        settle(land);
      };
      return { release: () => end(true), abandon: () => end(false) };
    },
  };
}

export function quotaError(): Error {
  const error = new Error('The quota has been exceeded.');
  error.name = 'QuotaExceededError';
  return error;
}

let clock = 1_700_000_000_000;
const tick = () => (clock += 1000);

export function workflowRecord(id: string, name = `Workflow ${id}`): WorkflowRecord {
  const at = tick();
  return {
    id,
    name,
    workflow: { steps: [{ id: 's0', model: 'math.add', inputs: { x: 'a', y: 'b' }, outputs: { sum: 'z' } }], useExtracts: true, populateExtracts: true },
    layout: { s0: { x: 10, y: 20, label: 'Add' } },
    state: { x: 1, y: 2 },
    createdAt: at,
    updatedAt: at,
  };
}

export function extract(stepKey: string, input: unknown, output: unknown): StoredExtract {
  return {
    stepKey,
    inputHash: hashValue(input),
    input: { value: input, model: 'math.add', version: '1', at: tick() },
    output: { value: output, model: 'math.add', version: '1', at: tick() },
  };
}

/** A value whose JSON is about `bytes` long. */
export function bigValue(bytes: number, seed = 0): { rows: string[] } {
  const row = `${seed}`.padEnd(1000, 'x');
  return { rows: Array.from({ length: Math.ceil(bytes / 1003) }, (_, i) => `${i}:${row}`) };
}

/**
 * Captures `console.warn` in every test of the calling file: the workspace warns on each fault the
 * tests inject on purpose. A test checks what it expected with `take()`; any warning left untaken
 * fails the test, so an unexpected fault still shows. Call it at the top of the file, before other
 * hooks, so its check runs after their teardown (vitest runs after-hooks last-registered first).
 */
export function captureWarnings(): { take(): string[] } {
  let spy: MockInstance<typeof console.warn> | null = null;
  const take = (): string[] => {
    const calls = (spy?.mock.calls ?? []).map((args) => args.map(String).join(' '));
    spy?.mockClear();
    return calls;
  };
  beforeEach(() => {
    spy = vi.spyOn(console, 'warn').mockImplementation(() => {});
  });
  afterEach(() => {
    const left = take();
    spy?.mockRestore();
    spy = null;
    expect(left, 'console.warn calls no test expected').toEqual([]);
  });
  return { take };
}

/** Two storage areas that outlive any one Workspace, like IndexedDB outlives a page. */
export function storage() {
  return { meta: faultyBackend(), values: faultyBackend() };
}
export type Storage = ReturnType<typeof storage>;

/**
 * `open(store)` loads a Workspace over `store`, closed again after each test. Call it at module
 * level, after {@link captureWarnings}, so its after-hook runs first (a close saves too).
 */
export function workspaceOpener() {
  const opened: Workspace[] = [];
  afterEach(async () => {
    for (const ws of opened.splice(0)) await ws.close().catch(() => {});
  });
  const open = async (store: Storage, extra: WorkspaceOptions = {}): Promise<Workspace> => {
    // A huge autosave delay: saves happen when a test flushes, so each step is deterministic.
    const ws = new Workspace({ meta: store.meta.backend, values: store.values.backend, storage: null, autosaveDelayMs: 60_000, ...extra });
    opened.push(ws);
    await ws.load();
    return ws;
  };
  /** Closes a workspace the test built itself, after the test. */
  const track = (ws: Workspace): Workspace => {
    opened.push(ws);
    return ws;
  };
  return Object.assign(open, { track });
}
