/**
 * Reliability cases 4, 5, 8 and 13 (`../shared/reliability-cases.md`): a save or backup while the
 * database is busy, what an export leaves of the connection, an older tab beside a newer one, and
 * a backup that runs out of memory.
 */
import { describe, expect, it } from 'vitest';
import { NOTICES } from '../../src/persistence/faults';
import { POINTER_KEY, type Pointer, type SnapshotStore } from '../../src/persistence/snapshots';
import type { ExternalValues } from '../../src/persistence/values';
import { openWorkspaceDatabase } from '../../src/persistence/workspaceDb';
import type { Workspace } from '../../src/persistence/workspace';
import { bigValue, captureWarnings, extract, storage, workflowRecord, workspaceOpener } from './helpers';

const warnings = captureWarnings();
const open = workspaceOpener();

const names = (ws: Workspace) =>
  ws.database
    .listWorkflows()
    .map((w) => w.name)
    .sort();

const storedNames = async (store: ReturnType<typeof storage>) => names(await open(store));

const blobBytes = async (blob: Blob) => new Uint8Array(await blob.arrayBuffer());

describe('case 4: a save or a backup while SQLite is busy', () => {
  it('a save while a write transaction is open fails in words, keeps the edit, and saves it once the transaction ends', async () => {
    const store = storage();
    const ws = await open(store);
    ws.saveWorkflow(workflowRecord('a', 'A'));
    await ws.flush();
    ws.database.db.run('BEGIN');
    ws.saveWorkflow(workflowRecord('b', 'B'));
    await ws.flush();
    expect(ws.status.notice).toMatch(/busy or locked/);
    expect(warnings.take().join('\n')).toMatch(/busy or locked/);
    expect(names(ws)).toEqual(['A', 'B']);
    ws.database.db.run('COMMIT');
    await ws.flush();
    expect(ws.status.notice).toBeNull();
    expect(await storedNames(store)).toEqual(['A', 'B']);
  });

  it('a backup made while a run keeps writing is whole (every extract it lists has its value), and the writes after it are saved', async () => {
    const store = storage();
    const ws = await open(store);
    ws.saveWorkflow(workflowRecord('a', 'A'));
    ws.putExtracts('a', [extract('s0', { n: 1 }, bigValue(50_000, 0))]);
    await ws.flush();
    const backup = ws.exportBackup();
    // The run's next steps land while the backup is being made.
    for (let i = 1; i <= 3; i++) {
      await Promise.resolve();
      ws.putExtracts('a', [extract(`s${i}`, { n: i }, bigValue(50_000, i))]);
    }
    const file = await openWorkspaceDatabase(await blobBytes(await backup));
    const inFile = await file.getExtracts('a');
    expect(inFile.map((e) => e.stepKey)).toContain('s0');
    for (const entry of inFile) expect(entry.output.value).toEqual(bigValue(50_000, Number(entry.stepKey.slice(1))));
    await ws.flush();
    const again = await open(store);
    expect((await again.database.getExtracts('a')).map((e) => e.stepKey).sort()).toEqual(['s0', 's1', 's2', 's3']);
  });
});

describe('case 5: what a save’s export() leaves of the connection (sql.js ≥ 1.15.2)', () => {
  it('prepared statements and the foreign_keys setting made before a save still work after it', async () => {
    const store = storage();
    const ws = await open(store);
    const db = ws.database.db;
    db.run('PRAGMA foreign_keys = ON');
    const statement = db.prepare('SELECT name FROM workflows WHERE id = ?');
    try {
      ws.saveWorkflow(workflowRecord('a', 'A'));
      await ws.flush();
      expect(store.meta.calls.some((call) => call.op === 'set')).toBe(true);
      expect(statement.get(['a'])).toEqual(['A']);
      expect(db.exec('PRAGMA foreign_keys')[0]?.values).toEqual([[1]]);
      await ws.exportBackup();
      expect(statement.get(['a'])).toEqual(['A']);
      expect(db.exec('PRAGMA foreign_keys')[0]?.values).toEqual([[1]]);
    } finally {
      statement.free();
    }
  });
});

describe('case 8: an older version’s tab beside a tab that saved a newer schema', () => {
  it('the older tab stops writing at its next save, says why, and the newer save stays', async () => {
    const store = storage();
    const old = await open(store);
    old.saveWorkflow(workflowRecord('a', 'A'));
    await old.flush();
    // The newer version's tab saves its own schema over it.
    const newer = await openWorkspaceDatabase();
    newer.saveWorkflow(workflowRecord('n', 'From the newer version'));
    newer.db.run('PRAGMA user_version = 99');
    const bytes = newer.toBytes();
    const pointer = (await store.meta.backend.get<Pointer>(POINTER_KEY)) as Pointer;
    const entry = {
      key: 'snapshot:99',
      seq: (pointer.snapshots[0]?.seq ?? 0) + 1,
      savedAt: 2,
      schemaVersion: 99,
      bytes: bytes.length,
      counts: { workflows: 1, extracts: 0, runs: 0, customModels: 0 },
    };
    await store.meta.backend.set('snapshot:99', bytes);
    await store.meta.backend.set(POINTER_KEY, { format: 1, snapshots: [entry, ...pointer.snapshots] } satisfies Pointer);
    const writesBefore = store.meta.calls.filter((c) => c.op === 'set' || c.op === 'commit').length;

    old.saveWorkflow(workflowRecord('b', 'B'));
    await old.flush();
    expect(old.status.phase).toBe('read-only');
    expect(old.status.notice).toBe(NOTICES.newerWorkspace);
    old.saveWorkflow(workflowRecord('c', 'C'));
    await old.flush();
    expect(store.meta.calls.filter((c) => c.op === 'set' || c.op === 'commit')).toHaveLength(writesBefore);
    expect((await store.meta.backend.get<Pointer>(POINTER_KEY))?.snapshots[0]?.key).toBe('snapshot:99');
  });
});

describe('case 13: a backup of a workspace too big for memory', () => {
  it('an allocation failure while the backup is made rejects in words, and the workspace goes on saving', async () => {
    const store = storage();
    const ws = await open(store);
    ws.saveWorkflow(workflowRecord('a', 'A'));
    ws.putExtracts('a', [extract('s0', { n: 1 }, bigValue(20_000))]);
    await ws.flush();
    store.values.failOn((op) => {
      if (op === 'getMany' || op === 'get') throw new RangeError('Array buffer allocation failed');
    });
    await expect(ws.exportBackup()).rejects.toThrow('Array buffer allocation failed');
    store.values.failOn(null);
    ws.saveWorkflow(workflowRecord('b', 'B'));
    await ws.flush();
    expect(ws.status.notice).toBeNull();
    expect(await storedNames(store)).toEqual(['A', 'B']);
    expect((await blobBytes(await ws.exportBackup())).byteLength).toBeGreaterThan(20_000);
  });

  it('a backup’s values are written to storage in batches before the workspace refers to them, none kept in memory, and a garbage collection in between keeps them', async () => {
    const source = await open(storage());
    source.saveWorkflow(workflowRecord('a', 'A'));
    source.putExtracts(
      'a',
      Array.from({ length: 12 }, (_, i) => extract(`s${i}`, { n: i }, bigValue(1_000_000, i))),
    );
    await source.flush();
    const file = await blobBytes(await source.exportBackup());

    const store = storage();
    const ws = await open(store);
    ws.saveWorkflow(workflowRecord('b', 'B'));
    ws.putExtracts('b', [extract('s0', { n: 0 }, { out: 1 })]);
    await ws.flush();
    // Two collections while the backup's values arrive (the second batch held): each would take what the other listed.
    let batches = 0;
    let atSecond = () => {};
    const second = new Promise<void>((resolve) => (atSecond = resolve));
    store.values.failOn((op) => {
      if (op === 'setMany' && ++batches === 2) atSecond();
    });
    const held = store.values.stall((op) => op === 'setMany' && batches >= 2);
    // As the autosave collects: what the database refers to, and what is still arriving.
    const inside = ws as unknown as { snapshots: SnapshotStore; values: ExternalValues };
    const collect = () => inside.snapshots.collectGarbage(inside.values.keepArriving(ws.database.referencedValues()));
    const arriving = ws.importBackup(file);
    await second;
    await collect();
    await collect();
    held.release();
    await arriving;
    store.values.failOn(null);
    expect(batches).toBeGreaterThan(1);
    expect(inside.values.pendingCount).toBe(0);
    await ws.flush();
    const again = await open(store);
    expect(names(again)).toEqual(['A']);
    const extracts = await again.database.getExtracts('a');
    expect(extracts).toHaveLength(12);
    for (const entry of extracts) expect(entry.output.value).toEqual(bigValue(1_000_000, Number(entry.stepKey.slice(1))));
  });

  describe('When a backup is under review', () => {
    const backupFile = async () => {
      const source = await open(storage());
      source.saveWorkflow(workflowRecord('a', 'A'));
      source.putExtracts(
        'a',
        Array.from({ length: 3 }, (_, i) => extract(`s${i}`, { n: i }, bigValue(200_000, i))),
      );
      await source.flush();
      return blobBytes(await source.exportBackup());
    };
    const reviewing = async () => {
      const store = storage();
      const ws = await open(store);
      ws.saveWorkflow(workflowRecord('b', 'B'));
      await ws.flush();
      const backup = await ws.readBackup(await backupFile());
      const inside = ws as unknown as { snapshots: SnapshotStore; values: ExternalValues };
      const collect = () => inside.snapshots.collectGarbage(inside.values.keepArriving(ws.database.referencedValues()));
      return { store, ws, backup, collect };
    };

    it('its values are already in the value store and its file keeps none; collections meanwhile keep them, and Replace takes them in', async () => {
      const { store, ws, backup, collect } = await reviewing();
      expect(backup.valuesMoved).toBe(true);
      expect(backup.database.db.exec('SELECT count(*) FROM value_blobs')[0]?.values[0]?.[0]).toBe(0);
      expect(backup.contents.values).toBe(6);
      for (const ref of backup.database.referencedValues()) expect(store.values.data.has(ref)).toBe(true);
      // An edit saved during the review, and two collections (the second may delete what the first listed).
      ws.saveWorkflow(workflowRecord('c', 'C'));
      await ws.flush();
      await collect();
      await collect();
      expect(names(ws)).toEqual(['B', 'C']);
      await ws.takeInBackup(backup);
      await collect();
      await collect();
      const again = await open(store);
      expect(names(again)).toEqual(['A']);
      const extracts = await again.database.getExtracts('a');
      expect(extracts).toHaveLength(3);
      for (const entry of extracts) expect(entry.output.value).toEqual(bigValue(200_000, Number(entry.stepKey.slice(1))));
    });

    it('a value gone from storage before Replace (another tab collected it) refuses the import in words, and the workspace stays as it was', async () => {
      const { store, ws, backup } = await reviewing();
      const [gone] = backup.database.referencedValues();
      store.values.data.delete(gone as string);
      await expect(ws.takeInBackup(backup)).rejects.toThrow(/the backup’s values were removed meanwhile; choose the file again/);
      expect(names(ws)).toEqual(['B']);
      expect(await storedNames(store)).toEqual(['B']);
    });

    it('a backup refused for a damaged value leaves the workspace and its values as they were', async () => {
      const store = storage();
      const ws = await open(store);
      ws.saveWorkflow(workflowRecord('b', 'B'));
      ws.putExtracts('b', [extract('s0', { n: 0 }, { out: 1 })]);
      await ws.flush();
      const file = await openWorkspaceDatabase(await backupFile());
      file.db.run("UPDATE value_blobs SET json = json || ' ' WHERE rowid = (SELECT max(rowid) FROM value_blobs)");
      await expect(ws.readBackup(file.toBytes())).rejects.toThrow(/table "value_blobs", row ".*": the value does not match its ref/);
      await ws.flush();
      const again = await open(store);
      expect(names(again)).toEqual(['B']);
      expect((await again.database.getExtracts('b'))[0]?.output.value).toEqual({ out: 1 });
    });
  });
});
