import { describe, expect, it } from 'vitest';
import type { Database } from 'sql.js';
import { loadSqlJs } from '../../src/engine';
import { withInlineValues, type ValueTableRoots } from '../../src/persistence/db/inlineValuePages';

async function emptyFile(pageSize: number): Promise<{ bytes: Uint8Array; roots: ValueTableRoots }> {
  const SQL = await loadSqlJs();
  const db = new SQL.Database();
  db.run(`PRAGMA page_size = ${pageSize}`);
  db.run('CREATE TABLE workflows (id TEXT PRIMARY KEY, body TEXT)');
  db.run('CREATE TABLE value_blobs (ref TEXT PRIMARY KEY, json TEXT NOT NULL)');
  db.run("INSERT INTO workflows VALUES ('w', 'kept as it was')");
  const roots = Object.fromEntries(
    (db.exec("SELECT type, rootpage FROM sqlite_master WHERE tbl_name = 'value_blobs'")[0]?.values ?? []).map(([type, page]) => [
      type === 'table' ? 'table' : 'index',
      Number(page),
    ]),
  ) as unknown as ValueTableRoots;
  const bytes = db.export();
  db.close();
  return { bytes, roots };
}

async function* inOrder(values: Map<string, string>) {
  for (const ref of [...values.keys()].sort()) yield [ref, values.get(ref) as string] as const;
}

async function opened(blob: Blob): Promise<Database> {
  const SQL = await loadSqlJs();
  return new SQL.Database(new Uint8Array(await blob.arrayBuffer()));
}

const ref = (i: number) => `x${i.toString(16).padStart(16, '0')}-${i.toString(36)}`;

describe('A workspace file written page by page with its values inline', () => {
  const cases: { name: string; pageSize?: number; values: () => Map<string, string> }[] = [
    { name: 'no values', values: () => new Map() },
    { name: 'one small value', values: () => new Map([[ref(1), '"hi"']]) },
    { name: 'values of every size around the page limits', values: () => new Map(Array.from({ length: 120 }, (_, i) => [ref(i), 'y'.repeat(3900 + i * 3)])) },
    {
      name: '5,000 small values (trees of three levels)',
      pageSize: 512,
      values: () => new Map(Array.from({ length: 5000 }, (_, i) => [ref(i * 7919), JSON.stringify({ i })])),
    },
    {
      name: 'large values over many overflow pages',
      values: () => new Map(Array.from({ length: 6 }, (_, i) => [ref(i), `"${String(i).repeat(700_000 + i)}"`])),
    },
    {
      name: 'text beyond ASCII',
      values: () =>
        new Map([
          [ref(2), '"é, ∑ and 🎉 in UTF-8"'],
          [ref(3), `"${'ü'.repeat(5000)}"`],
        ]),
    },
    { name: '64 KiB pages', pageSize: 65536, values: () => new Map(Array.from({ length: 40 }, (_, i) => [ref(i), 'z'.repeat(i * 10_000)])) },
  ];
  for (const { name, pageSize = 4096, values } of cases) {
    it(`${name}: SQLite finds the file sound and reads every value back, by row and by ref`, async () => {
      const { bytes, roots } = await emptyFile(pageSize);
      const texts = values();
      const blob = await withInlineValues(bytes, roots, inOrder(texts));
      expect(blob).not.toBeNull();
      const db = await opened(blob as Blob);
      try {
        expect(db.exec('PRAGMA integrity_check')[0]?.values).toEqual([['ok']]);
        const rows = db.exec('SELECT ref, json FROM value_blobs ORDER BY rowid')[0]?.values ?? [];
        expect(rows).toEqual([...texts.keys()].sort().map((key) => [key, texts.get(key)]));
        for (const key of [...texts.keys()].slice(0, 50)) {
          expect(db.exec('SELECT json FROM value_blobs INDEXED BY sqlite_autoindex_value_blobs_1 WHERE ref = ?', [key])[0]?.values).toEqual([[texts.get(key)]]);
        }
        expect(db.exec('SELECT body FROM workflows')[0]?.values).toEqual([['kept as it was']]);
        // An ordinary database from here on: SQLite writes to it and it stays sound.
        db.run("INSERT INTO value_blobs VALUES ('x-new', '1')");
        db.run('DELETE FROM value_blobs WHERE rowid % 3 = 0');
        expect(db.exec('PRAGMA integrity_check')[0]?.values).toEqual([['ok']]);
      } finally {
        db.close();
      }
    });
  }

  it('every count of values from 1 to 700 on 512-byte pages makes a sound file (each way a tree can fill)', async () => {
    const SQL = await loadSqlJs();
    for (let count = 1; count <= 700; count += count < 60 ? 1 : 13) {
      const { bytes, roots } = await emptyFile(512);
      const texts = new Map(Array.from({ length: count }, (_, i) => [ref(i * 31), 'v'.repeat((i * 37) % 900)]));
      const db = new SQL.Database(new Uint8Array(await ((await withInlineValues(bytes, roots, inOrder(texts))) as Blob).arrayBuffer()));
      try {
        expect([count, db.exec('PRAGMA integrity_check')[0]?.values]).toEqual([count, [['ok']]]);
        expect(db.exec('SELECT count(*) FROM value_blobs INDEXED BY sqlite_autoindex_value_blobs_1')[0]?.values).toEqual([[count]]);
      } finally {
        db.close();
      }
    }
  });

  it('writes the same bytes whatever the size of the pieces handed to the Blob (a reused buffer leaves no stale bytes)', async () => {
    // Chains of every length and remainder on 1 KiB pages; distinct text per value, so a byte left over from an earlier page shows.
    const texts = new Map(Array.from({ length: 60 }, (_, i) => [ref(i), `"${String.fromCharCode(65 + (i % 26)).repeat(i * 517 + (i % 7))}"`]));
    const written = async (chunkBytes: number) => {
      const { bytes, roots } = await emptyFile(1024);
      return new Uint8Array(await ((await withInlineValues(bytes, roots, inOrder(texts), chunkBytes)) as Blob).arrayBuffer());
    };
    const fresh = await written(64 * 1024 * 1024); // one piece: no page is ever written twice
    for (const chunkBytes of [1024, 3 * 1024, 64 * 1024]) expect(Buffer.compare(await written(chunkBytes), fresh), `pieces of ${chunkBytes} bytes`).toBe(0);
    const db = await opened(new Blob([fresh]));
    try {
      expect(db.exec('PRAGMA integrity_check')[0]?.values).toEqual([['ok']]);
      expect(db.exec('SELECT count(*), sum(length(json)) FROM value_blobs')[0]?.values).toEqual([
        [60, [...texts.values()].reduce((n, text) => n + text.length, 0)],
      ]);
    } finally {
      db.close();
    }
  });

  it('refuses values out of ref order, and leaves a file it cannot extend to SQLite', async () => {
    const { bytes, roots } = await emptyFile(4096);
    await expect(
      withInlineValues(
        bytes.slice(),
        roots,
        (async function* () {
          yield [ref(2), '1'] as const;
          yield [ref(1), '2'] as const;
        })(),
      ),
    ).rejects.toThrow(/ref order/);
    expect(await withInlineValues(bytes.slice(), { table: roots.index, index: roots.table }, inOrder(new Map()))).toBeNull();
    expect(await withInlineValues(bytes.slice(0, bytes.byteLength - 1), roots, inOrder(new Map()))).toBeNull();
  });
});
