/**
 * The value store's format (`src/persistence/valueFormat.ts`): format 1 kept each value as a JS
 * string, format 2 keeps its UTF-8 bytes; a store written by an older version is read as it is and
 * moved to format 2 in the background by the writer tab.
 */
import { IDBFactory } from 'fake-indexeddb';
import { describe, expect, it } from 'vitest';
import { exportBackupFile } from '../../src/persistence/backupExport';
import { idbBackend, memoryBackend } from '../../src/persistence/keyValue';
import { VALUE_FORMAT_KEY, migrateValueStore, valueFormatOf } from '../../src/persistence/valueFormat';
import { ExternalValues, VALUE_FORMAT, encodeForStore, initValueHashing, refNamesBytes, storedForm, textOfStored } from '../../src/persistence/values';
import { openWorkspaceDatabase } from '../../src/persistence/workspaceDb';
import { bigValue, captureWarnings, extract, storage, workflowRecord, workspaceOpener, type Storage } from './helpers';

captureWarnings();
const open = workspaceOpener();

/** Text beyond ASCII (two-, three- and four-byte UTF-8, a lone surrogate's replacement aside). */
const WIDE = { name: 'Zürich — 東京 🚀', rows: ['ÿ', '€', '𝄞'] };

/** `store` as the previous version left it: every value a string, no format mark. */
function asFormatOne(store: Storage): void {
  for (const [ref, stored] of store.values.data) store.values.data.set(ref, textOfStored(stored));
  store.meta.data.delete(VALUE_FORMAT_KEY);
}

/** A saved workspace with a big value, a small one and one beyond ASCII; its refs. */
async function savedWorkspace(store: Storage): Promise<string[]> {
  const ws = await open(store);
  ws.saveWorkflow(workflowRecord('a'));
  ws.putExtracts('a', [extract('big', { n: 1 }, bigValue(200_000)), extract('wide', { n: 2 }, WIDE)]);
  await ws.flush();
  const refs = [...ws.database.referencedValues()].sort();
  await ws.close();
  return refs;
}

describe('When values are saved', () => {
  it('the value store keeps each one as its UTF-8 bytes, marked format 2', async () => {
    const store = storage();
    const refs = await savedWorkspace(store);
    expect(refs.length).toBeGreaterThanOrEqual(4);
    for (const ref of refs) expect(store.values.data.get(ref)).toBeInstanceOf(Uint8Array);
    const wide = encodeForStore(WIDE);
    expect(store.values.data.get(wide.ref)).toEqual(new TextEncoder().encode(wide.json));
    expect(store.meta.data.get(VALUE_FORMAT_KEY)).toBe(VALUE_FORMAT);
  });

  it('a stored form is exactly the text’s bytes (its buffer no larger), ASCII or not', () => {
    for (const text of ['', 'plain', JSON.stringify(WIDE), '\u{1F680}'.repeat(1000)]) {
      const bytes = storedForm(text);
      expect(bytes).toEqual(new TextEncoder().encode(text));
      expect(bytes.buffer.byteLength).toBe(bytes.byteLength);
      expect(textOfStored(bytes)).toBe(text);
    }
  });
});

describe('When the value store was written by the previous version (format 1: strings)', () => {
  it('the workspace reads every value at once, and the writer tab rewrites them as bytes', async () => {
    const store = storage();
    const refs = await savedWorkspace(store);
    asFormatOne(store);

    const ws = await open(store);
    // Read before the migration is over, and after.
    expect((await ws.database.getExtracts('a')).map((e) => e.output.value)).toEqual([bigValue(200_000), WIDE]);
    await ws.valueStoreMigrated();
    for (const ref of refs) expect(store.values.data.get(ref)).toBeInstanceOf(Uint8Array);
    expect(store.meta.data.get(VALUE_FORMAT_KEY)).toBe(VALUE_FORMAT);
    const again = await open(store);
    expect((await again.database.getExtracts('a')).map((e) => e.output.value)).toEqual([bigValue(200_000), WIDE]);
  });

  it('a backup made from it is the same file as one made from format 2', async () => {
    const store = storage();
    await savedWorkspace(store);
    const db = (await open(store)).database.db;
    const fromBytes = new Uint8Array(await (await exportBackupFile(db, new ExternalValues(store.values.backend))).arrayBuffer());
    asFormatOne(store);
    const fromStrings = new Uint8Array(await (await exportBackupFile(db, new ExternalValues(store.values.backend))).arrayBuffer());
    expect(fromStrings).toEqual(fromBytes);
    const file = await openWorkspaceDatabase(fromStrings);
    expect((await file.getExtracts('a')).map((e) => e.output.value)).toEqual([bigValue(200_000), WIDE]);
  });

  it('a migration stopped part-way (some values bytes already) rewrites only the strings, then marks the store', async () => {
    const meta = memoryBackend();
    const values = memoryBackend();
    const [a, b, c] = [encodeForStore({ a: 1 }), encodeForStore(WIDE), encodeForStore(bigValue(100_000))];
    values.data.set(a.ref, a.json);
    values.data.set(b.ref, storedForm(b.json));
    values.data.set(c.ref, c.json);
    expect(await valueFormatOf(meta)).toBe(1);
    expect(await migrateValueStore(meta, values)).toBe(2);
    expect([...values.data.values()].every((value) => value instanceof Uint8Array)).toBe(true);
    expect(textOfStored(values.data.get(b.ref))).toBe(b.json);
    expect(textOfStored(values.data.get(c.ref))).toBe(c.json);
    expect(await valueFormatOf(meta)).toBe(VALUE_FORMAT);
    // Done once: a second call reads nothing.
    values.data.set(a.ref, a.json);
    expect(await migrateValueStore(meta, values)).toBe(0);
  });

  it('a store marked with a newer format than this version knows is left as it is', async () => {
    const meta = memoryBackend(new Map([[VALUE_FORMAT_KEY, VALUE_FORMAT + 1]]));
    const values = memoryBackend(new Map([['xa-1', 'kept as it is']]));
    expect(await migrateValueStore(meta, values)).toBe(0);
    expect(values.data.get('xa-1')).toBe('kept as it is');
  });

  it('in IndexedDB (fake-indexeddb) the strings become Uint8Arrays and read back the same', async () => {
    const original = globalThis.indexedDB;
    globalThis.indexedDB = new IDBFactory();
    try {
      const meta = idbBackend('format-test', 'snapshots');
      const values = idbBackend('format-test-values', 'values');
      const entries = [encodeForStore(WIDE), encodeForStore(bigValue(50_000))];
      await values.setMany(entries.map(({ ref, json }) => [ref, json]));
      expect(await migrateValueStore(meta, values)).toBe(2);
      const stored = await values.getMany<unknown>(entries.map(({ ref }) => ref));
      expect(stored.every((value) => value instanceof Uint8Array)).toBe(true);
      expect(await new ExternalValues(values).getMany(entries.map(({ ref }) => ref))).toEqual(entries.map(({ json }) => json));
      expect(await meta.get(VALUE_FORMAT_KEY)).toBe(VALUE_FORMAT);
    } finally {
      globalThis.indexedDB = original;
    }
  });
});

describe('When a backup’s value is checked on its bytes (import)', () => {
  it('its ref names it, ASCII or not, by either hash; a changed byte or length does not', async () => {
    await initValueHashing();
    for (const json of ['"plain"', JSON.stringify(WIDE), JSON.stringify(bigValue(10_000))]) {
      const { ref } = encodeForStore(JSON.parse(json));
      const bytes = storedForm(json);
      const chars = [...json].length; // SQLite's length(): characters, not UTF-16 units
      expect(refNamesBytes(ref, bytes, chars)).toBe(true);
      const changed = bytes.slice();
      changed[1] = changed[1] === 0x61 ? 0x62 : 0x61;
      expect(refNamesBytes(ref, changed, chars)).toBe(false);
      expect(refNamesBytes(ref, storedForm(`${json} `), chars + 1)).toBe(false);
    }
  });
});
