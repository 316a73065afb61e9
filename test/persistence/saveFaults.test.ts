import { describe, expect, it } from 'vitest';
import { Workspace } from '../../src/persistence/workspace';
import { KEEP_SNAPSHOTS, POINTER_KEY, type Pointer } from '../../src/persistence/snapshots';
import { NOTICES } from '../../src/persistence/faults';
import { openWorkspaceDatabase } from '../../src/persistence/workspaceDb';
import { loadSqlJs } from '../../src/engine';
import { bigValue, captureWarnings, extract, quotaError, storage, workflowRecord, workspaceOpener, type Operation, type Storage } from './helpers';

// First, so its after-hook runs after the workspaces below are closed (a close saves too).
const warnings = captureWarnings();
const saveFailed = (message: string) => `Workspace save failed: ${message}`;

const open = workspaceOpener();

/** A page reload: a new Workspace over the same stored data, faults removed. */
async function reload(store: Storage): Promise<Workspace> {
  store.meta.failOn(null);
  store.values.failOn(null);
  store.meta.lieOnGet(null);
  return open(store);
}

async function names(ws: Workspace): Promise<string[]> {
  return ws.database
    .listWorkflows()
    .map((w) => w.name)
    .sort();
}

/** A workspace saved once with workflow A and an extract, then edited (workflow B, a new extract). */
async function savedThenEdited(store: Storage) {
  const ws = await open(store);
  ws.saveWorkflow(workflowRecord('a', 'A'));
  ws.putExtracts('a', [extract('s0', { n: 1 }, { out: 'first' })]);
  await ws.flush();
  expect(ws.status.notice).toBeNull();
  ws.saveWorkflow(workflowRecord('b', 'B'));
  ws.putExtracts('b', [extract('s0', { n: 2 }, { out: 'second' })]);
  return ws;
}

async function expectFirstSaveOnly(store: Storage) {
  const again = await reload(store);
  expect(await names(again)).toEqual(['A']);
  expect((await again.database.getExtracts('a')).map((e) => e.output.value)).toEqual([{ out: 'first' }]);
  expect(again.status.notice).toBeNull();
}

const fail = (error: () => Error, target: 'meta' | 'values', op: Operation, key?: (k: string) => boolean) => (store: Storage) =>
  store[target].failOn((o, keys) => {
    if (o === op && (!key || keys.some(key))) throw error();
  });

describe('When a save fails at one of its steps', () => {
  const quota = quotaError().message;
  // The step, the fault injected there, and the message the workspace warns with.
  const steps: [string, (store: Storage) => void, string][] = [
    ['writing the new values', fail(() => new Error('disk I/O'), 'values', 'setMany'), 'disk I/O'],
    ['writing the new values (quota)', fail(quotaError, 'values', 'setMany'), quota],
    [
      'writing the snapshot',
      fail(
        () => new Error('disk I/O'),
        'meta',
        'set',
        (k) => k.startsWith('snapshot:'),
      ),
      'disk I/O',
    ],
    ['writing the snapshot (quota)', fail(quotaError, 'meta', 'set', (k) => k.startsWith('snapshot:')), quota],
    [
      'reading the snapshot back',
      fail(
        () => new Error('read error'),
        'meta',
        'get',
        (k) => k.startsWith('snapshot:'),
      ),
      'read error',
    ],
    ['switching the pointer', fail(() => new Error('transaction aborted'), 'meta', 'commit'), 'transaction aborted'],
    ['switching the pointer (quota)', fail(quotaError, 'meta', 'commit'), quota],
  ];

  it.each(steps)('case 2: at %s, a reload gets the last complete save', async (_step, inject, message) => {
    const store = storage();
    const ws = await savedThenEdited(store);
    inject(store);
    await ws.flush();
    expect(warnings.take()).toEqual([saveFailed(message)]);
    expect(ws.hasUnsavedChanges).toBe(true);
    expect(ws.status.notice).toMatch(/Storage is full|Saving failed/);
    // The work is still in memory.
    expect(await names(ws)).toEqual(['A', 'B']);
    await expectFirstSaveOnly(store);
  });

  it.each(steps)('at %s, the save is retried and succeeds once storage works again', async (_step, inject, message) => {
    const store = storage();
    const ws = await savedThenEdited(store);
    inject(store);
    await ws.flush();
    expect(warnings.take()).toEqual([saveFailed(message)]);
    store.meta.failOn(null);
    store.values.failOn(null);
    await ws.flush();
    expect(ws.hasUnsavedChanges).toBe(false);
    expect(ws.status.notice).toBeNull();
    const again = await reload(store);
    expect(await names(again)).toEqual(['A', 'B']);
    expect((await again.database.getExtracts('b')).map((e) => e.output.value)).toEqual([{ out: 'second' }]);
  });

  it('case 1: says what to do when the quota is exceeded, in every browser’s words', async () => {
    for (const error of [quotaError(), Object.assign(new Error('x'), { name: 'NS_ERROR_DOM_QUOTA_ERR' }), Object.assign(new Error('x'), { code: 22 })]) {
      const store = storage();
      const ws = await savedThenEdited(store);
      store.meta.failOn(() => {
        throw error;
      });
      await ws.flush();
      expect(ws.status.notice).toBe(NOTICES.quota);
      expect(ws.status.notice).toMatch(/Clear cached extracts.*export a backup/);
      expect(warnings.take()).toEqual([saveFailed(error.message)]);
      store.meta.failOn(null);
    }
  });

  it('rejects a snapshot that reads back truncated, keeping the previous one', async () => {
    const store = storage();
    const ws = await savedThenEdited(store);
    store.meta.lieOnGet((key, value) => (key.startsWith('snapshot:') && value instanceof Uint8Array ? value.slice(0, value.length / 2) : value));
    await ws.flush();
    expect(ws.status.notice).toMatch(/did not read back correctly/);
    expect(warnings.take()).toEqual([
      expect.stringMatching(/^Workspace save failed: the new snapshot did not read back correctly \(\d+ bytes stored of \d+\); the previous save is kept$/),
    ]);
    await expectFirstSaveOnly(store);
  });

  it('case 3: rejects a snapshot that reads back empty of what memory holds (never an empty db over good data)', async () => {
    const store = storage();
    const ws = await savedThenEdited(store);
    const empty = (await openWorkspaceDatabase()).toBytes();
    store.meta.lieOnGet((key, value) => (key.startsWith('snapshot:2') ? empty : value));
    await ws.flush();
    expect(ws.status.notice).toMatch(/did not read back correctly.*0 workflows stored, 2 in memory/);
    expect(warnings.take()).toEqual([saveFailed('the new snapshot did not read back correctly (0 workflows stored, 2 in memory); the previous save is kept')]);
    await expectFirstSaveOnly(store);
  });
});

describe('When the stored bytes are damaged', () => {
  async function threeSaves(store: Storage) {
    const ws = await open(store);
    for (const name of ['A', 'B', 'C']) {
      ws.saveWorkflow(workflowRecord(name.toLowerCase(), name));
      await ws.flush();
    }
    await ws.close();
    return ((await store.meta.backend.get<Pointer>(POINTER_KEY)) as Pointer).snapshots;
  }

  const damages: [string, (bytes: Uint8Array) => unknown][] = [
    ['empty', () => new Uint8Array(0)],
    ['truncated', (bytes) => bytes.slice(0, 1000)],
    ['not a database', () => new TextEncoder().encode('not a database at all'.repeat(20))],
    ['missing', () => undefined],
  ];

  it.each(damages)('case 3: (%s) the last good snapshot is loaded and the person is told', async (_name, damage) => {
    const store = storage();
    const [newest] = await threeSaves(store);
    store.meta.data.set(newest!.key, damage(store.meta.data.get(newest!.key) as Uint8Array));
    const ws = await reload(store);
    expect(await names(ws)).toEqual(['A', 'B']);
    expect(ws.status.notice).toMatch(/latest save could not be read .*restored from the save of/);
  });

  it('an unreadable pointer falls back to the newest readable snapshot', async () => {
    const store = storage();
    await threeSaves(store);
    store.meta.data.set(POINTER_KEY, 'garbage');
    const ws = await reload(store);
    expect(await names(ws)).toEqual(['A', 'B', 'C']);
    // And the next save does not overwrite an existing snapshot key.
    ws.saveWorkflow(workflowRecord('d', 'D'));
    await ws.flush();
    expect((await reload(store)).database.listWorkflows()).toHaveLength(4);
  });

  it('with every snapshot damaged, opens damaged, says so, and keeps the damaged bytes when the person starts empty', async () => {
    const store = storage();
    const snapshots = await threeSaves(store);
    for (const s of snapshots) store.meta.data.set(s.key, new Uint8Array(10));
    const ws = await reload(store);
    expect(ws.status.phase).toBe('damaged');
    expect(ws.status.notice).toMatch(
      /The stored workspace could not be read: no save could be opened \(snapshot:3: not a Swark workspace: it is not a SQLite file/,
    );
    await ws.startEmpty();
    expect(await names(ws)).toEqual([]);
    for (let i = 0; i < 4; i++) {
      ws.saveWorkflow(workflowRecord(`n${i}`));
      await ws.flush();
    }
    for (const s of snapshots) expect(store.meta.data.has(s.key)).toBe(true);
  });
});

describe('Snapshots and values', () => {
  it(`keeps the last ${KEEP_SNAPSHOTS} snapshots and drops older ones`, async () => {
    const store = storage();
    const ws = await open(store);
    for (let i = 0; i < 6; i++) {
      ws.saveWorkflow(workflowRecord(`w${i}`));
      await ws.flush();
    }
    const snapshotKeys = [...store.meta.data.keys()].filter((k) => k.startsWith('snapshot:')).sort();
    expect(snapshotKeys).toEqual(['snapshot:4', 'snapshot:5', 'snapshot:6']);
  });

  it('an edit that adds no data writes no values and a snapshot far smaller than the extracts', async () => {
    const store = storage();
    const ws = await open(store);
    ws.saveWorkflow(workflowRecord('a'));
    ws.putExtracts('a', [extract('s0', bigValue(500_000, 1), bigValue(500_000, 2))]);
    await ws.flush();
    store.values.calls.length = 0;
    const record = workflowRecord('a', 'Renamed');
    ws.saveWorkflow(record);
    await ws.flush();
    expect(store.values.calls.filter((c) => c.op === 'setMany' || c.op === 'set')).toEqual([]);
    const pointer = (await store.meta.backend.get<Pointer>(POINTER_KEY)) as Pointer;
    expect(pointer.snapshots[0]!.bytes).toBeLessThan(100_000);
  });

  it('a value used as one step’s output and the next step’s input is stored once', async () => {
    const store = storage();
    const ws = await open(store);
    const shared = bigValue(10_000, 3);
    ws.putExtracts('a', [extract('s0', { n: 1 }, shared), extract('s1', shared, { n: 2 })]);
    await ws.flush();
    expect(store.values.data.size).toBe(3);
  });

  it('values load only when first asked for', async () => {
    const store = storage();
    const ws = await open(store);
    ws.putExtracts('a', [extract('s0', { n: 1 }, bigValue(10_000))]);
    ws.putLastState('a', { mutable: false, values: { x: 1 } });
    await ws.flush();
    store.values.calls.length = 0;
    const again = await reload(store);
    expect(store.values.calls.filter((c) => c.op === 'get' && c.keys[0] !== 'probe')).toEqual([]);
    expect((await again.database.getExtracts('a'))[0]?.output.value).toEqual(bigValue(10_000));
    expect(await again.database.getLastState('a')).toEqual({ mutable: false, values: { x: 1 } });
    expect(store.values.calls.filter((c) => c.op === 'get').length).toBeGreaterThan(1);
  });

  it('values no kept snapshot refers to are deleted, those of kept snapshots stay', async () => {
    const store = storage();
    const ws = await open(store);
    ws.putExtracts('a', [extract('s0', { n: 1 }, { old: true })]);
    await ws.flush();
    const oldRefs = new Set(store.values.data.keys());
    ws.clearExtracts('a');
    await ws.flush();
    // Still referenced by an older kept snapshot.
    for (const ref of oldRefs) expect(store.values.data.has(ref)).toBe(true);
    for (let i = 0; i < KEEP_SNAPSHOTS; i++) {
      ws.saveWorkflow(workflowRecord(`w${i}`));
      ws.clearExtracts('none');
      await ws.flush();
    }
    expect(store.values.data.size).toBe(0);
  });
});

describe('When storage is unavailable', () => {
  it('case 12: a hanging IndexedDB gives a memory-only workspace that says nothing will be kept', async () => {
    const store = storage();
    const hanging = { ...store.meta.backend, get: () => new Promise<never>(() => {}) };
    const ws = new Workspace({ meta: hanging, values: store.values.backend, storage: null, openTimeoutMs: 50 });
    open.track(ws);
    await ws.load();
    expect(ws.status.phase).toBe('memory-only');
    expect(ws.status.notice).toBe(NOTICES.memoryOnly);
    expect(warnings.take()).toEqual(['Workspace storage unavailable, working in memory: browser storage (IndexedDB) did not answer within 50 ms']);
    ws.saveWorkflow(workflowRecord('a', 'A'));
    expect(await names(ws)).toEqual(['A']);
  });

  it('case 12: a failing IndexedDB open does the same', async () => {
    const store = storage();
    store.meta.failOn(() => {
      throw new Error('InvalidStateError: A mutation operation was attempted on a database that did not allow mutations.');
    });
    const ws = await open(store);
    expect(ws.status.phase).toBe('memory-only');
    expect(warnings.take()).toEqual([expect.stringMatching(/^Workspace storage unavailable, working in memory: .*did not allow mutations/)]);
  });
});

describe('Versions', () => {
  it('case 9: a workspace written by a newer version opens read-only with a notice, and is never written', async () => {
    const store = storage();
    const future = await openWorkspaceDatabase();
    future.saveWorkflow(workflowRecord('a', 'A'));
    future.db.run('PRAGMA user_version = 99');
    const bytes = future.toBytes();
    await store.meta.backend.set('snapshot:1', bytes);
    await store.meta.backend.set(POINTER_KEY, {
      format: 1,
      snapshots: [
        { key: 'snapshot:1', seq: 1, savedAt: 1, schemaVersion: 99, bytes: bytes.length, counts: { workflows: 1, extracts: 0, runs: 0, customModels: 0 } },
      ],
    });
    const ws = await open(store);
    expect(ws.status.phase).toBe('read-only');
    expect(ws.status.notice).toBe(NOTICES.newerWorkspace);
    expect(await names(ws)).toEqual(['A']);
    ws.saveWorkflow(workflowRecord('b', 'B'));
    await ws.flush();
    expect(await names(ws)).toEqual(['A']);
    expect(store.meta.calls.filter((c) => c.op === 'set' || c.op === 'commit')).toHaveLength(2); // the two set-up writes
  });

  it('case 10: a migration failing on load leaves the stored snapshot as it was, read-only', async () => {
    const store = storage();
    const ws = await open(store);
    ws.saveWorkflow(workflowRecord('a', 'A'));
    await ws.flush();
    await ws.close();
    const before = new Map(store.meta.data);
    const failing = await open(store, {
      migrations: [
        ...(await import('../../src/persistence/schema')).MIGRATIONS,
        { version: 99, description: 'broken', up: (db) => db.run('CREATE TABLE x (a); NOT SQL') },
      ],
    });
    expect(failing.status.phase).toBe('read-only');
    expect(failing.status.notice).toMatch(/failed at migration 99.*left unchanged/);
    await failing.flush();
    expect(store.meta.data).toEqual(before);
    expect(await names(await reload(store))).toEqual(['A']);
  });
});

describe('Backups', () => {
  it('export then import into another workspace gives the same workflows, values, state and runs', async () => {
    const source = await open(storage());
    source.saveWorkflow(workflowRecord('a', 'A'));
    source.putExtracts('a', [extract('s0', { n: NaN }, bigValue(5000))]);
    source.putLastState('a', { mutable: false, values: { z: 3 } });
    await source.flush();
    const file = new Uint8Array(await (await source.exportBackup()).arrayBuffer());
    // The file is complete on its own, e.g. for the CLI.
    const standalone = await openWorkspaceDatabase(file);
    expect((await standalone.getExtracts('a'))[0]?.output.value).toEqual(bigValue(5000));

    const targetStore = storage();
    const target = await open(targetStore);
    target.saveWorkflow(workflowRecord('old', 'Old'));
    await target.importBackup(file);
    expect(await names(target)).toEqual(['A']);
    const again = await reload(targetStore);
    expect(await names(again)).toEqual(['A']);
    const [stored] = await again.database.getExtracts('a');
    expect(Number.isNaN((stored?.input.value as { n: number }).n)).toBe(true);
    expect(stored?.output.value).toEqual(bigValue(5000));
    expect(await again.database.getLastState('a')).toEqual({ mutable: false, values: { z: 3 } });
    // Values live outside the snapshot in the browser.
    expect(again.database.db.exec('SELECT count(*) FROM value_blobs')[0]?.values[0]?.[0]).toBe(0);
  });

  it('an invalid file is refused in words and the workspace stays as it was', async () => {
    const ws = await open(storage());
    ws.saveWorkflow(workflowRecord('a', 'A'));
    await expect(ws.importBackup(new TextEncoder().encode('hello'))).rejects.toThrow(
      /not a Swark workspace: it is not a SQLite file \(it looks like text: "hello"\)/,
    );
    const empty = new (await loadSqlJs()).Database();
    await expect(ws.importBackup(empty.export())).rejects.toThrow(/not a Swark workspace: it is an empty SQLite database/);
    empty.close();
    const noValues = await openWorkspaceDatabase();
    noValues.putExtracts('x', [extract('s0', { n: 1 }, { m: 2 })]);
    noValues.db.run('DELETE FROM value_blobs');
    await expect(ws.importBackup(noValues.toBytes())).rejects.toThrow(/2 stored value\(s\) it refers to are missing/);
    expect(await names(ws)).toEqual(['A']);
  });
});

describe('Before the stored workspace has loaded', () => {
  it('edits wait for the load and nothing is saved over the stored data', async () => {
    const store = storage();
    const first = await open(store);
    first.saveWorkflow(workflowRecord('a', 'A'));
    await first.flush();
    await first.close();
    const second = new Workspace({ meta: store.meta.backend, values: store.values.backend, storage: null, autosaveDelayMs: 60_000 });
    open.track(second);
    second.saveWorkflow(workflowRecord('b', 'B'));
    await second.flush();
    expect(second.isLoaded).toBe(false);
    await second.load();
    expect(await names(second)).toEqual(['A', 'B']);
    await second.flush();
    expect(await names(await reload(store))).toEqual(['A', 'B']);
  });
});
