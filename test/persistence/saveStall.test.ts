import { IDBFactory } from 'fake-indexeddb';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { Workspace } from '../../src/persistence/workspace';
import { captureWarnings, extract, storage, workflowRecord, workspaceOpener, type Operation, type Storage } from './helpers';
import { memoryWebStorage } from './webStorage';

// First, so its after-hook runs after the workspaces below are closed (a close saves too).
const warnings = captureWarnings();
const open = workspaceOpener();

/** Storage steps answer at once here; a held one counts as stuck after this long. */
const STEP_MS = 200;
const STUCK =
  /^Saving is stuck: the browser's storage did not answer within \d+ m?s \((.+)\)\. Your work is kept in this tab and saving is retried automatically/;

/** Takes the warnings the stalled saves gave, which must all be stalls. */
function takeStallWarnings(): string[] {
  const taken = warnings.take();
  for (const warning of taken) expect(warning).toMatch(/^Workspace save failed: the browser's storage did not answer within/);
  return taken;
}

const names = (ws: Workspace) =>
  ws.database
    .listWorkflows()
    .map((w) => w.name)
    .sort();

async function reloadNames(store: Storage): Promise<string[]> {
  const ws = await open(store, { webStorage: null });
  const result = names(ws);
  await ws.close();
  return result;
}

describe('When a save stalls at one of its steps', () => {
  // The step, which area holds it, and the operation that never answers until released.
  const steps: [string, 'meta' | 'values', (op: Operation, keys: string[]) => boolean][] = [
    ['reading the pointer', 'meta', (op, keys) => op === 'get' && keys.includes('pointer')],
    ['writing the new values', 'values', (op) => op === 'setMany'],
    ['writing the snapshot', 'meta', (op, keys) => op === 'set' && keys.some((k) => k.startsWith('snapshot:'))],
    ['reading the snapshot back', 'meta', (op, keys) => op === 'get' && keys.some((k) => k.startsWith('snapshot:'))],
    ['switching the pointer', 'meta', (op) => op === 'commit'],
  ];

  it.each(steps)('case 12: %s: the footer says it is stuck, the work stays in memory and the journal, and the retry saves it', async (_step, area, held) => {
    const store = storage();
    const web = memoryWebStorage();
    const ws = await open(store, { webStorage: web, saveStepTimeoutMs: STEP_MS });
    ws.saveWorkflow(workflowRecord('a', 'A'));
    await ws.flush();

    const hold = store[area].stall(held);
    ws.saveWorkflow(workflowRecord('b', 'B'));
    ws.putExtracts('b', [extract('s0', { n: 1 }, { out: 'kept' })]);
    await ws.flush();
    expect(ws.status.saveStuck).toBe(true);
    expect(ws.status.notice).toMatch(STUCK);
    expect(ws.hasUnsavedChanges).toBe(true);
    expect(ws.status.phase).toBe('ready');
    expect(names(ws)).toEqual(['A', 'B']);
    // Kept for a reload as well: the journal holds the workflow (a stuck tab may yet be closed).
    expect(web.getItem('swark-edit-journal')).toContain('"name":"B"');
    expect(takeStallWarnings()).toHaveLength(1);

    // Storage answers again (the held request lands late): the retry saves and the notice goes.
    hold.release();
    // One condition: on a loaded machine a retry's own step may outlast its time and stall once more before it lands.
    await expect.poll(() => !ws.status.saveStuck && !ws.hasUnsavedChanges, { timeout: 30_000 }).toBe(true);
    expect(ws.status).toMatchObject({ saveStuck: false, notice: null, phase: 'ready' });
    takeStallWarnings();
    expect(await reloadNames(store)).toEqual(['A', 'B']);
    const again = await open(store, { webStorage: null });
    expect((await again.database.getExtracts('b'))[0]?.output.value).toEqual({ out: 'kept' });
    expect(web.getItem('swark-edit-journal')).toBeNull();
  });

  it('a pointer switch that lands after its time ran out is taken as this tab’s save, not as another tab’s', async () => {
    const store = storage();
    const ws = await open(store, { webStorage: memoryWebStorage(), saveStepTimeoutMs: STEP_MS });
    ws.saveWorkflow(workflowRecord('a', 'A'));
    await ws.flush();
    const hold = store.meta.stall((op) => op === 'commit');
    ws.saveWorkflow(workflowRecord('b', 'B'));
    await ws.flush();
    expect(ws.status.saveStuck).toBe(true);
    // An edit while stuck, then the late switch lands: the next save follows it.
    ws.saveWorkflow(workflowRecord('c', 'C'));
    hold.release();
    // One condition: on a loaded machine a retry's own step may outlast its time and stall once more before it lands.
    await expect.poll(() => !ws.status.saveStuck && !ws.hasUnsavedChanges, { timeout: 30_000 }).toBe(true);
    expect(ws.status).toMatchObject({ phase: 'ready', saveStuck: false, notice: null });
    expect(ws.readOnlyReason).toBeNull();
    takeStallWarnings();
    expect(await reloadNames(store)).toEqual(['A', 'B', 'C']);
  });

  it('storage that never answers again keeps the notice and the work, retrying with backoff', async () => {
    const store = storage();
    const ws = await open(store, { webStorage: memoryWebStorage(), saveStepTimeoutMs: STEP_MS });
    store.meta.stall(() => true);
    ws.saveWorkflow(workflowRecord('a', 'A'));
    await ws.flush();
    // The first attempt and its retry 1 s later stall; the next retry waits 2 s more. Timers fire
    // late under load, never early: so once two have stalled, a third cannot within the next second
    // (a busy loop would give many).
    const seen: string[] = [];
    await vi.waitFor(
      () => {
        seen.push(...takeStallWarnings());
        expect(seen.length).toBeGreaterThanOrEqual(2);
      },
      { timeout: 30_000, interval: 20 },
    );
    await new Promise((resolve) => setTimeout(resolve, 1000));
    seen.push(...takeStallWarnings());
    expect(seen).toHaveLength(2);
    expect(ws.status.saveStuck).toBe(true);
    expect(ws.hasUnsavedChanges).toBe(true);
    expect(names(ws)).toEqual(['A']);
    // The tab is closed while stuck: what it could not save is still journaled (see journal.test.ts).
    await ws.close();
    takeStallWarnings();
  });
});

describe('When another connection holds IndexedDB (fake-indexeddb)', () => {
  let previous: IDBFactory;
  beforeEach(() => {
    previous = globalThis.indexedDB;
    globalThis.indexedDB = new IDBFactory();
  });
  afterEach(() => {
    globalThis.indexedDB = previous;
  });

  /** Holds a read-write transaction on the snapshot store, as a hung tab would, until released. */
  async function holdSnapshotStore(): Promise<() => void> {
    const db = await new Promise<IDBDatabase>((resolve, reject) => {
      const request = indexedDB.open('swark-workspace');
      request.onsuccess = () => resolve(request.result);
      request.onerror = () => reject(request.error);
    });
    const objects = db.transaction('snapshots', 'readwrite').objectStore('snapshots');
    let held = true;
    const keepBusy = () => {
      if (held) objects.get('nothing').onsuccess = keepBusy;
    };
    keepBusy();
    return () => {
      held = false;
      db.close();
    };
  }

  it('a save queued behind it is reported stuck, and saved once the other transaction ends', async () => {
    // fake-indexeddb is slower than memory: a step gets a second before it counts as stuck.
    const ws = open.track(new Workspace({ storage: null, webStorage: null, autosaveDelayMs: 60_000, saveStepTimeoutMs: 1000 }));
    await ws.load();
    ws.saveWorkflow(workflowRecord('a', 'A'));
    await ws.flush();
    expect(ws.status.notice).toBeNull();

    const release = await holdSnapshotStore();
    ws.saveWorkflow(workflowRecord('b', 'B'));
    await ws.flush();
    expect(ws.status.saveStuck).toBe(true);
    expect(ws.status.notice).toMatch(STUCK);
    expect(ws.status.notice).toMatch(/reading pointer from the snapshot store/);
    expect(takeStallWarnings()).toHaveLength(1);

    release();
    // One condition: on a loaded machine a retry's own step may outlast its time and stall once more before it lands.
    await expect.poll(() => !ws.status.saveStuck && !ws.hasUnsavedChanges, { timeout: 30_000 }).toBe(true);
    expect(ws.status).toMatchObject({ phase: 'ready', saveStuck: false, notice: null });
    takeStallWarnings();
    const again = open.track(new Workspace({ storage: null, webStorage: null, autosaveDelayMs: 60_000 }));
    await again.load();
    expect(names(again)).toEqual(['A', 'B']);
  });
});
