/**
 * The re-encoding of stored tables (`src/persistence/tableFormat.ts`): a workspace whose value store
 * holds tables in payload version 1 (as the previous release wrote them) has them re-encoded as
 * version 2 by the writer tab, in the background; refs and input hashes are renamed in the database,
 * nothing is lost when it stops part-way, and a worker's old refs are taken as the new ones.
 */
import { IDBFactory } from 'fake-indexeddb';
import { afterEach, describe, expect, it } from 'vitest';
import { encodeValue, hashValue, type JsonValue } from '../../src/engine';
import { Table } from '../../src/models';
import { idbBackend } from '../../src/persistence/keyValue';
import { TABLE_FORMAT, TABLE_FORMAT_KEY, holdsLegacyTable } from '../../src/persistence/tableFormat';
import { initValueHashing, textOfStored } from '../../src/persistence/values';
import { Workspace } from '../../src/persistence/workspace';
import { openWorkspaceDatabase } from '../../src/persistence/workspaceDb';
import { allBlobs } from '../../src/persistence/db/valueBlobs';
import { registerCurrentTables, registerLegacyTables } from '../fixtures/legacyTables';
import { captureWarnings, extract, storage, workflowRecord, workspaceOpener, type Storage } from './helpers';

const warnings = captureWarnings();
const open = workspaceOpener();

afterEach(registerCurrentTables);

const weather = () =>
  Table.fromRows(
    Array.from({ length: 500 }, (_, i) => ({
      date: new Date(Date.UTC(2012, 0, 1) + i * 86_400_000),
      temp: i % 7 === 0 ? null : Math.round(Math.sin(i) * 200) / 10,
      weather: ['sun', 'rain', 'fog'][i % 3],
      dry: i % 2 === 0,
    })),
  );
const cities = () => Table.fromColumns({ city: ['Zürich', '東京', '🚀', '', null], n: [1, NaN, -0, Infinity, null] });

/** The output of step `key` among `entries`. */
const outputOf = (entries: { stepKey: string; output: { value: unknown } }[], key: string): unknown => entries.find((e) => e.stepKey === key)?.output.value;
const weatherOf = (entries: { stepKey: string; output: { value: unknown } }[]) => outputOf(entries, 'load') as Table;
const citiesOf = (entries: { stepKey: string; output: { value: unknown } }[]) => (outputOf(entries, 'filter') as { t: Table }).t;

/** Stored texts by ref, as strings. */
const texts = (store: Storage) => new Map([...store.values.data].map(([ref, stored]) => [ref, textOfStored(stored) ?? '']));
const legacyRefs = (store: Storage) => [...texts(store)].filter(([, text]) => holdsLegacyTable(JSON.parse(text) as JsonValue)).map(([ref]) => ref);

/** A workspace saved by the previous release: extracts and a kept state holding version 1 tables. */
async function savedByPreviousRelease(store: Storage): Promise<void> {
  registerLegacyTables();
  const ws = await open(store);
  ws.saveWorkflow(workflowRecord('a'));
  ws.putExtracts('a', [extract('load', { rows: 500 }, weather()), extract('filter', { table: weather(), limit: 3 }, { t: cities(), note: 'x' })]);
  ws.putExtracts('b', [extract('plain', { n: 1 }, { n: 2 })]);
  ws.putLastState('a', { mutable: false, values: { out: encodeValue(cities()), n: 5 } });
  await ws.flush();
  await ws.valueStoreMigrated();
  await ws.close();
  // That release knew no table format.
  store.meta.data.delete(TABLE_FORMAT_KEY);
  registerCurrentTables();
}

describe('When the value store holds tables of payload version 1', () => {
  it('the writer tab re-encodes them as version 2, renames refs and input hashes, and reads the same values', async () => {
    await initValueHashing();
    const store = storage();
    await savedByPreviousRelease(store);
    const before = legacyRefs(store);
    // The load step's output, the filter step's input and output, the kept slot.
    expect(before.length).toBe(4);
    const ws = await open(store);
    // Readable before the migration is over…
    expect(weatherOf(await ws.getExtracts('a')).equals(weather())).toBe(true);
    await ws.valueStoreMigrated();
    expect(store.meta.data.get(TABLE_FORMAT_KEY)).toBe(TABLE_FORMAT);
    const live = [...ws.database.referencedValues()];
    expect(live.filter((ref) => before.includes(ref))).toEqual([]);
    expect(live.every((ref) => !holdsLegacyTable(JSON.parse(texts(store).get(ref) ?? 'null') as JsonValue))).toBe(true);
    // … and after: the same values, each input under the hash the engine gives it now.
    const entries = await ws.getExtracts('a');
    expect(weatherOf(entries).equals(weather())).toBe(true);
    expect(citiesOf(entries).equals(cities())).toBe(true);
    for (const entry of entries) expect(entry.inputHash).toBe(hashValue(entry.input.value));
    expect(ws.extractInputHashes('a')).toEqual(Object.fromEntries(entries.map((e) => [e.stepKey, hashValue(e.input.value)])));
    const state = await ws.getLastState('a');
    expect(state?.values.n).toBe(5);
    expect(JSON.stringify(state?.values.out)).toContain('"v":2');
    expect((await ws.getExtracts('b'))[0]?.output.value).toEqual({ n: 2 });
    // Saved: another tab reads the renamed workspace; the old values go with the next collections.
    await ws.close();
    const again = await open(store);
    expect(weatherOf(await again.getExtracts('a')).equals(weather())).toBe(true);
    expect(await again.valueStoreMigrated()).toBeUndefined();
  });

  it('stopped before the renamed database was saved, the next load still reads every value and finishes', async () => {
    await initValueHashing();
    const store = storage();
    await savedByPreviousRelease(store);
    // The save after the renames never lands (the tab closes): the snapshot store refuses it.
    store.meta.failOn((op) => {
      if (op === 'commit') throw new Error('tab closed');
    });
    const ws = new Workspace({ meta: store.meta.backend, values: store.values.backend, storage: null, autosaveDelayMs: 60_000 });
    open.track(ws);
    await ws.load();
    await ws.valueStoreMigrated();
    expect(store.meta.data.get(TABLE_FORMAT_KEY)).toBeUndefined();
    store.meta.failOn(null);
    await ws.close().catch(() => {});
    warnings.take();

    const next = await open(store);
    const entries = await next.getExtracts('a');
    expect(weatherOf(entries).equals(weather())).toBe(true);
    await next.valueStoreMigrated();
    expect(store.meta.data.get(TABLE_FORMAT_KEY)).toBe(TABLE_FORMAT);
    expect([...next.database.referencedValues()].some((ref) => legacyRefs(store).includes(ref))).toBe(false);
    expect(citiesOf(await next.getExtracts('a')).equals(cities())).toBe(true);
  });

  it('a worker that loaded the cache before reports the old refs and hashes: they are recorded as the new ones', async () => {
    await initValueHashing();
    const store = storage();
    await savedByPreviousRelease(store);
    const ws = await open(store);
    const old = ws.database.extractRefs('a');
    const oldState = ws.database.lastStateRefs('a');
    await ws.valueStoreMigrated();
    const renamed = ws.database.extractRefs('a');
    expect(renamed.map((e) => e.output.ref)).not.toEqual(old.map((e) => e.output.ref));
    ws.putExtractRefs('a', old);
    ws.putLastStateRefs('a', oldState ?? { mutable: false, slots: [] });
    expect(ws.database.extractRefs('a')).toEqual(renamed);
    expect(
      ws.database
        .lastStateRefs('a')
        ?.slots.map((s) => s.ref)
        .some((ref) => legacyRefs(store).includes(ref)),
    ).toBe(false);
    await ws.flush();
    expect(weatherOf(await ws.getExtracts('a')).equals(weather())).toBe(true);
  });

  it('in IndexedDB (fake-indexeddb) as well', async () => {
    await initValueHashing();
    const original = globalThis.indexedDB;
    globalThis.indexedDB = new IDBFactory();
    try {
      const backends = () => ({ meta: idbBackend('tables-test', 'snapshots'), values: idbBackend('tables-test-values', 'values') });
      registerLegacyTables();
      const first = new Workspace({ ...backends(), storage: null, autosaveDelayMs: 60_000 });
      await first.load();
      first.saveWorkflow(workflowRecord('a'));
      first.putExtracts('a', [extract('load', { rows: 500 }, weather())]);
      await first.flush();
      await first.valueStoreMigrated();
      await first.close();
      await backends().meta.set(TABLE_FORMAT_KEY, 1);
      registerCurrentTables();

      const ws = new Workspace({ ...backends(), storage: null, autosaveDelayMs: 60_000 });
      await ws.load();
      await ws.valueStoreMigrated();
      expect(await backends().meta.get(TABLE_FORMAT_KEY)).toBe(TABLE_FORMAT);
      const [ref] = ws.database.extractRefs('a').map((e) => e.output.ref);
      const stored = await backends().values.get<unknown>(ref as string);
      expect(stored).toBeInstanceOf(Uint8Array);
      expect(textOfStored(stored)).toContain('"v":2');
      expect(weatherOf(await ws.getExtracts('a')).equals(weather())).toBe(true);
      await ws.close();
    } finally {
      globalThis.indexedDB = original;
    }
  });
});

describe('When a workspace holding tables is exported as a backup and imported', () => {
  it('the backup holds them typed by column, and another workspace takes them in equal', async () => {
    await initValueHashing();
    const store = storage();
    const ws = await open(store);
    ws.saveWorkflow(workflowRecord('a'));
    ws.putExtracts('a', [extract('load', { rows: 500 }, weather()), extract('filter', { table: weather(), limit: 3 }, { t: cities(), note: 'x' })]);
    await ws.flush();
    const bytes = new Uint8Array(await (await ws.exportBackup()).arrayBuffer());
    const file = await openWorkspaceDatabase(bytes);
    const inFile = await file.getExtracts('a');
    expect(weatherOf(inFile).equals(weather())).toBe(true);
    expect(citiesOf(inFile).equals(cities())).toBe(true);
    const blobs = [...allBlobs(file.db).values()];
    expect(blobs.some((json) => json.includes('"$swark":"date"'))).toBe(false);
    expect(blobs.filter((json) => json.includes('"$swark":"table","v":{"v":2')).length).toBe(3);
    file.close();

    const other = await open(storage());
    const backup = await other.readBackup(bytes);
    expect((await other.takeInBackup(backup)).saved).toBe(true);
    const taken = await other.getExtracts('a');
    expect(weatherOf(taken).equals(weather())).toBe(true);
    expect(citiesOf(taken).equals(cities())).toBe(true);
    for (const entry of taken) expect(entry.inputHash).toBe(hashValue(entry.input.value));
  });
});

describe('When refs are renamed in the database', () => {
  it('an entry whose renamed input a newer entry of its step already has (a run since) gives way to it', async () => {
    const db = await openWorkspaceDatabase();
    db.saveWorkflow(workflowRecord('a'));
    const side = (ref: string) => ({ model: 'm', version: '1', ref });
    db.putExtractRefs('a', [
      { stepKey: 's', inputHash: 'new', input: side('xnew-1'), output: side('xout2-1') },
      { stepKey: 's', inputHash: 'old', input: side('xold-1'), output: side('xout1-1') },
      { stepKey: 't', inputHash: 'old', input: side('xold-1'), output: side('xold-1') },
    ]);
    db.putLastStateRefs('a', { mutable: false, slots: [{ name: 'x', ref: 'xold-1' }] });
    db.renameValueRefs(new Map([['xold-1', { ref: 'xnew-1', inputHash: 'new' }]]));
    expect(db.extractRefs('a').map((e) => [e.stepKey, e.inputHash, e.input.ref, e.output.ref])).toEqual([
      ['s', 'new', 'xnew-1', 'xout2-1'],
      ['t', 'new', 'xnew-1', 'xnew-1'],
    ]);
    expect(db.lastStateRefs('a')?.slots).toEqual([{ name: 'x', ref: 'xnew-1' }]);
    db.close();
  });
});
