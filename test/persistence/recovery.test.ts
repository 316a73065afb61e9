import { describe, expect, it } from 'vitest';
import { ASIDE_PREFIX, POINTER_KEY, type Pointer } from '../../src/persistence/snapshots';
import { SCHEMA_VERSION } from '../../src/persistence/schema';
import { openWorkspaceDatabase, type WorkspaceDatabase } from '../../src/persistence/workspaceDb';
import { Workspace } from '../../src/persistence/workspace';
import { loadSqlJs } from '../../src/engine';
import { memoryWebStorage } from './webStorage';
import { captureWarnings, extract, storage, workflowRecord, workspaceOpener, type Storage } from './helpers';

const warnings = captureWarnings();
const open = workspaceOpener();

/** Stores `bytes` as the only save there is, as a save would have (pointer and snapshot). */
async function storeOnly(store: Storage, bytes: Uint8Array, schemaVersion = SCHEMA_VERSION): Promise<void> {
  await store.meta.backend.set('snapshot:1', bytes);
  const counts = { workflows: 1, extracts: 0, runs: 0, customModels: 0 };
  await store.meta.backend.set(POINTER_KEY, { format: 1, snapshots: [{ key: 'snapshot:1', seq: 1, savedAt: 1, schemaVersion, bytes: bytes.length, counts }] });
}

/** A workspace database with one workflow, changed by `damage`, as bytes. */
async function damagedBytes(damage: (db: WorkspaceDatabase) => void): Promise<Uint8Array> {
  const ws = await openWorkspaceDatabase();
  ws.saveWorkflow(workflowRecord('w1', 'Kept'));
  damage(ws);
  return ws.toBytes();
}

const writes = (store: Storage) => store.meta.calls.filter((call) => call.op === 'set' || call.op === 'setMany' || call.op === 'commit').length;

/** The workspace opened damaged: nothing was written, and the stored bytes download exactly as stored. */
async function expectDamaged(ws: Workspace, store: Storage, cause: string, message: RegExp): Promise<void> {
  const writesBefore = writes(store);
  expect(ws.status.phase).toBe('damaged');
  expect(ws.damage?.cause).toBe(cause);
  expect(ws.damage?.message).toMatch(message);
  expect(ws.status.notice).toBe(ws.damage?.message);
  // An edit waits; nothing is saved over the damage.
  ws.saveWorkflow(workflowRecord('new', 'New'));
  await ws.flush();
  expect(writes(store)).toBe(writesBefore);
}

describe('When the stored workspace cannot be opened, the workspace is damaged and says why', () => {
  const causes: [string, string, () => Promise<Uint8Array>, RegExp][] = [
    ['unreadable bytes', 'unreadable', async () => new TextEncoder().encode('garbage, not a database '.repeat(10)), /could not be read: .*not a SQLite file/],
    ['a zero-length save', 'unreadable', async () => new Uint8Array(0), /could not be read: .*empty \(0 bytes\)/],
    [
      'a trigger',
      'schema',
      () => damagedBytes((ws) => ws.db.run('CREATE TRIGGER wipe AFTER INSERT ON workflows BEGIN DELETE FROM workflows WHERE id <> NEW.id; END')),
      /not in the form this app saves: .*a trigger "wipe" on table "workflows"/,
    ],
    [
      'a view in place of runs',
      'schema',
      () =>
        damagedBytes((ws) => {
          ws.db.run('DROP TABLE runs');
          ws.db.run("CREATE VIEW runs AS SELECT 'r' AS id, 'w1' AS workflow_id");
        }),
      /a view "runs" where the workspace has a table/,
    ],
    ['an extra column', 'schema', () => damagedBytes((ws) => ws.db.run('ALTER TABLE runs ADD COLUMN note TEXT')), /table "runs" has an extra column "note"/],
    [
      'a workflows row whose JSON is cut',
      'rows',
      () => damagedBytes((ws) => ws.db.run(`UPDATE workflows SET workflow = '{"steps": [' WHERE id = 'w1'`)),
      /holds data this app cannot read: .*table "workflows", row "w1": column "workflow" is not valid JSON/,
    ],
    [
      'a run of an unknown kind',
      'rows',
      () =>
        damagedBytes((ws) =>
          ws.db.run(`INSERT INTO runs VALUES ('r1', 'w1', 'sprint', 1, 2, '{"useExtracts":true,"populateExtracts":true,"mutable":false}', 'ok', NULL, '[]')`),
        ),
      /table "runs", row "r1": column "kind" is "sprint", not one of run, rerun, run-to/,
    ],
    [
      'a version no app writes',
      'version',
      () => damagedBytes((ws) => ws.db.run('PRAGMA user_version = -3')),
      /schema version -3, which no version of Swark Studio writes/,
    ],
    [
      'a newer version this one cannot read',
      'newer',
      () =>
        damagedBytes((ws) => {
          ws.db.run('ALTER TABLE workflows RENAME COLUMN layout TO placement');
          ws.db.run('PRAGMA user_version = 99');
        }),
      /newer version .*schema 99 .*table "workflows" has no column "layout"/,
    ],
  ];

  it.each(causes)('%s', async (_name, cause, bytes, message) => {
    const store = storage();
    const stored = await bytes();
    await storeOnly(store, stored);
    const ws = await open(store);
    await expectDamaged(ws, store, cause, message);
    expect(await ws.storedBytes()).toEqual(stored);
  });

  it('case 12: a read that never answers times out, and working on keeps nothing', async () => {
    const store = storage();
    await storeOnly(store, await damagedBytes(() => {}));
    const hanging = { ...store.meta.backend, get: <T>(key: string) => (key === 'snapshot:1' ? new Promise<never>(() => {}) : store.meta.backend.get<T>(key)) };
    const ws = open.track(new Workspace({ meta: hanging, values: store.values.backend, storage: null, readTimeoutMs: 50 }));
    await ws.load();
    expect(ws.status.phase).toBe('damaged');
    expect(ws.damage).toMatchObject({ cause: 'timeout', hasStoredBytes: false });
    expect(ws.damage?.message).toMatch(/stopped answering .*browser storage \(IndexedDB\) did not answer within 50 ms/);
    expect(warnings.take()).toEqual([expect.stringMatching(/^Reading the stored workspace failed: browser storage/)]);
    await ws.startEmpty();
    expect(ws.status.phase).toBe('memory-only');
    ws.saveWorkflow(workflowRecord('a', 'A'));
    expect(ws.listWorkflows().map((w) => w.name)).toEqual(['A']);
    expect(writes(store)).toBe(2); // the two set-up writes
  });

  it('an older save that passes the checks opens instead, and the person is told why the newest did not', async () => {
    const store = storage();
    const first = await open(store);
    first.saveWorkflow(workflowRecord('a', 'A'));
    await first.flush();
    first.saveWorkflow(workflowRecord('b', 'B'));
    await first.flush();
    await first.close();
    const pointer = (await store.meta.backend.get<Pointer>(POINTER_KEY)) as Pointer;
    const SQL = await loadSqlJs();
    const newest = new SQL.Database(store.meta.data.get(pointer.snapshots[0]!.key) as Uint8Array);
    newest.run("UPDATE workflows SET layout = 'not json' WHERE id = 'b'");
    store.meta.data.set(pointer.snapshots[0]!.key, newest.export());
    const ws = await open(store);
    expect(ws.status.phase).toBe('ready');
    expect(ws.listWorkflows().map((w) => w.name)).toEqual(['A']);
    expect(ws.status.notice).toMatch(
      /latest save could not be read \(snapshot:2: it holds rows this app cannot read: table "workflows", row "b": column "layout"/,
    );
  });
});

describe('When the person leaves a damaged workspace', () => {
  it('starting empty sets every stored save aside, where no later save or clean-up removes it or its values', async () => {
    const store = storage();
    const good = await open(store);
    good.saveWorkflow(workflowRecord('a', 'A'));
    good.putExtracts('a', [extract('s0', { n: 1 }, { out: 'kept' })]);
    await good.flush();
    await good.close();
    const pointer = (await store.meta.backend.get<Pointer>(POINTER_KEY)) as Pointer;
    const key = pointer.snapshots[0]!.key;
    const SQL = await loadSqlJs();
    const damaged = new SQL.Database(store.meta.data.get(key) as Uint8Array);
    damaged.run('CREATE VIEW everything AS SELECT * FROM workflows');
    const damagedBytes = damaged.export();
    store.meta.data.set(key, damagedBytes);
    const valuesBefore = new Map(store.values.data);

    const ws = await open(store);
    expect(ws.damage?.cause).toBe('schema');
    await ws.startEmpty();
    expect(ws.status.phase).toBe('ready');
    expect(ws.damage).toBeNull();
    expect(ws.listWorkflows()).toEqual([]);
    const aside = [...store.meta.data.keys()].filter((k) => k.startsWith(ASIDE_PREFIX));
    expect(aside.sort()).toEqual([expect.stringMatching(new RegExp(`:${POINTER_KEY}$`)), expect.stringMatching(new RegExp(`:${key}$`))].sort());
    expect(store.meta.data.get(aside.find((k) => k.endsWith(key))!)).toEqual(damagedBytes);

    // Several saves later (rotation drops old snapshots; garbage collection runs), the damaged save and its values remain.
    for (let i = 0; i < 5; i++) {
      ws.saveWorkflow(workflowRecord(`n${i}`));
      ws.deleteWorkflow(`n${i}`);
      await ws.flush();
    }
    expect(store.meta.data.get(aside.find((k) => k.endsWith(key))!)).toEqual(damagedBytes);
    for (const [ref, text] of valuesBefore) expect(store.values.data.get(ref)).toBe(text);
    // And a reload opens the new workspace.
    await ws.close();
    const again = await open(store);
    expect(again.status.phase).toBe('ready');
  });
});

describe('When the browser removed the stored workspace', () => {
  it('case 11: a workspace saved before and now missing is said so', async () => {
    const store = storage();
    const web = memoryWebStorage();
    const ws = await open(store, { webStorage: web });
    ws.saveWorkflow(workflowRecord('a', 'A'));
    ws.saveWorkflow(workflowRecord('b', 'B'));
    await ws.flush();
    await ws.close();
    // Eviction: every IndexedDB entry gone, localStorage kept.
    store.meta.data.clear();
    store.values.data.clear();
    const after = await open(store, { webStorage: web });
    expect(after.status.phase).toBe('damaged');
    expect(after.damage).toMatchObject({ cause: 'evicted', hasStoredBytes: false });
    expect(after.damage?.message).toMatch(
      /The browser removed the stored workspace: a workspace was saved in this browser before, and .* is now empty.*Import a backup/,
    );
    expect(await after.storedBytes()).toBeNull();
  });

  it('a browser that never saved opens an empty workspace, ready', async () => {
    const ws = await open(storage(), { webStorage: memoryWebStorage() });
    expect(ws.status.phase).toBe('ready');
    expect(ws.damage).toBeNull();
  });
});
