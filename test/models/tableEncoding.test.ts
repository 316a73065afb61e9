/**
 * The `table` value type's payload (`src/models/table/columnar.ts`): typed by column, version 2.
 * Each table is built from rows generated here and the decoding compared with `Table.fromRows` of
 * those rows (an independent computation), cell by cell with `Object.is` and by `equals()`.
 */
import { describe, expect, it } from 'vitest';
import { decodeValue, encodeValue, hashValue, stableStringify, type JsonValue } from '../../src/engine';
import { Table, type Row } from '../../src/models';
import {
  TABLE_PAYLOAD_VERSION,
  fromBase64,
  portableFromBase64,
  portableToBase64,
  toBase64,
  type ColumnPayload,
  type TablePayload,
} from '../../src/models/table/columnar';
import { seattleWeather } from './helpers';

/** The table through JSON text and back, as every store and file takes it. */
const roundTrip = (table: Table): Table => decodeValue(JSON.parse(JSON.stringify(encodeValue(table)))) as Table;

const payloadOf = (table: Table): TablePayload => (encodeValue(table) as { v: JsonValue }).v as unknown as TablePayload;
const columnTypes = (table: Table): string[] => payloadOf(table).columns.map((column) => column.t);

/** The version 1 payload (before typed columns), as the previous release wrote it. */
function legacyEncoding(table: Table): JsonValue {
  const plain = (values: readonly unknown[]) =>
    values.every((v) => v === null || typeof v === 'string' || typeof v === 'boolean' || (typeof v === 'number' && Number.isFinite(v) && !Object.is(v, -0)));
  return {
    $swark: 'table',
    v: {
      names: [...table.names],
      columns: table.columns.map((values) => (plain(values) ? { plain: true, values: values as JsonValue[] } : { plain: false, values: encodeValue(values) })),
    },
  };
}

/** Every cell of `back` is the cell of `rows` (SameValue; dates by time), and the tables are equal. */
function expectSameAsRows(back: Table, rows: Row[], names?: string[]): void {
  const expected = Table.fromRows(rows, names);
  expect(back).toBeInstanceOf(Table);
  expect(back.names).toEqual(expected.names);
  expect(back.rowCount).toBe(expected.rowCount);
  for (let c = 0; c < expected.names.length; c++) {
    const got = back.columns[c] as unknown[];
    const want = expected.columns[c] as unknown[];
    expect(got.length).toBe(want.length);
    for (let i = 0; i < want.length; i++) {
      const [a, b] = [got[i], want[i]];
      if (b instanceof Date) {
        expect(a).toBeInstanceOf(Date);
        expect(Object.is((a as Date).getTime(), b.getTime())).toBe(true);
      } else if (!Object.is(a, b)) expect({ row: i, column: expected.names[c], got: a }).toEqual({ row: i, column: expected.names[c], got: b });
    }
  }
  expect(back.equals(expected)).toBe(true);
  expect(expected.equals(back)).toBe(true);
}

/** Rows of one column `x` from `cells`. */
const rowsOf = (cells: unknown[]): Row[] => cells.map((x) => ({ x }));

describe('A table is encoded by column, typed', () => {
  it('writes version 2 with each column’s type', () => {
    const table = Table.fromRows([
      { i: 1, f: 1.5, d: new Date(0), b: true, s: 'a', r: 'same', z: null, m: 1 },
      { i: -2, f: 2, d: new Date(1), b: false, s: 'b', r: 'same', z: null, m: 'x' },
      { i: 3, f: 3, d: new Date(2), b: true, s: 'c', r: 'same', z: null, m: 2 },
    ]);
    const payload = payloadOf(table);
    expect(payload.v).toBe(TABLE_PAYLOAD_VERSION);
    expect(payload.rows).toBe(3);
    expect(columnTypes(table)).toEqual(['int', 'int', 'date', 'bool', 'str', 'dict', 'null', 'mixed']);
    expect(payload.columns.every((column) => !('n' in column))).toBe(true);
  });

  it('keeps every number exactly: NaN, -0, ±Infinity, the largest and smallest doubles, int32 bounds', () => {
    const numbers = [0, -0, NaN, Infinity, -Infinity, Number.MAX_VALUE, -Number.MAX_VALUE, Number.MIN_VALUE, 5e-324, 1e-300, 1e300, 0.1 + 0.2];
    numbers.push(2 ** 31 - 1, -(2 ** 31), 2 ** 31, -(2 ** 31) - 1, Number.MAX_SAFE_INTEGER, -Number.MAX_SAFE_INTEGER, 2 ** 53 + 2);
    const back = roundTrip(Table.fromRows(rowsOf(numbers)));
    expectSameAsRows(back, rowsOf(numbers));
    expect(columnTypes(back)).toEqual(['f64']);
    expect(Object.is(back.column('x')[1], -0)).toBe(true);
  });

  it('keeps int32 columns and short decimals as 1-, 2- or 4-byte ints (and -0, 2^31 or long decimals as Float64)', () => {
    const cases: [unknown[], number, number | undefined][] = [
      [[0, 1, -1, 127, -128, null], 1, undefined],
      [[0, 128, -129, null], 2, undefined],
      [[2 ** 31 - 1, -(2 ** 31), 42, null], 4, undefined],
      [[12.7, -3.3, 0, 5, null], 1, 1],
      [[12.8, -3.3], 2, 1],
      [[0.1, 0.2, 0.3, 1234.5], 2, 1],
      [[0.15, 0.5, 1e-6, 2.147483], 4, 6],
    ];
    for (const [cells, width, exponent] of cases) {
      const column = payloadOf(Table.fromRows(rowsOf(cells))).columns[0] as ColumnPayload & { w?: number; e?: number };
      expect([column.t, column.w, column.e]).toEqual(['int', width, exponent]);
      expectSameAsRows(roundTrip(Table.fromRows(rowsOf(cells))), rowsOf(cells));
    }
    for (const cells of [[1, -0], [1, 2 ** 31], [0.1 + 0.2], [1e-7], [Math.PI], [1, NaN], [2.1474837]]) {
      expect(columnTypes(Table.fromRows(rowsOf(cells)))).toEqual(['f64']);
      expectSameAsRows(roundTrip(Table.fromRows(rowsOf([...cells, null]))), rowsOf([...cells, null]));
    }
  });

  it('keeps dates as epoch ms: before 1970, the range’s ends, invalid dates and nulls', () => {
    const dates = [
      new Date(0),
      new Date(-1),
      new Date(Date.UTC(1066, 9, 14, 9, 30, 15, 123)),
      new Date(Date.UTC(-271821, 3, 20)),
      new Date(8.64e15),
      new Date(-8.64e15),
      new Date(NaN),
      new Date('not a date'),
      null,
      new Date(Date.UTC(2024, 1, 29, 23, 59, 59, 999)),
    ];
    const back = roundTrip(Table.fromRows(rowsOf(dates)));
    expectSameAsRows(back, rowsOf(dates));
    expect(columnTypes(back)).toEqual(['date']);
    expect(Number.isNaN((back.column('x')[6] as Date).getTime())).toBe(true);
    expect(back.column('x')[8]).toBeNull();
  });

  it('counts dates in whole days, seconds or ms from the first when they are, in 1, 2 or 4 bytes, else Float64', () => {
    const day = 86_400_000;
    const start = Date.UTC(1950, 0, 1);
    const cases: [(Date | null)[], number | undefined, number | undefined][] = [
      [[new Date(start), new Date(start + 100 * day), null, new Date(start - 20 * day)], day, 1],
      [Array.from({ length: 1461 }, (_, i) => new Date(start + i * day)), day, 2],
      [[new Date(start), new Date(start + 5000 * 1000), new Date(start - 7)], 1, 4],
      [[new Date(start), new Date(start + 70_000 * 1000)], 1000, 4],
      [[new Date(0), new Date(-1), new Date(2 ** 31 - 1)], 1, 4],
      [[new Date(0), new Date(1), new Date(2 ** 31 + 1)], undefined, undefined],
      [[new Date(start), new Date(NaN)], undefined, undefined],
      [[new Date(NaN), new Date(start)], undefined, undefined],
    ];
    for (const [cells, unit, width] of cases) {
      const column = payloadOf(Table.fromRows(rowsOf(cells))).columns[0] as ColumnPayload & { u?: number; w?: number };
      expect([column.t, column.u, column.w]).toEqual(['date', unit, width]);
      expectSameAsRows(roundTrip(Table.fromRows(rowsOf(cells))), rowsOf(cells));
    }
  });

  it('keeps booleans bit-packed, with nulls, across byte boundaries', () => {
    for (const length of [1, 7, 8, 9, 16, 17, 1000]) {
      const cells = Array.from({ length }, (_, i) => (i % 5 === 3 ? null : i % 3 === 0));
      expectSameAsRows(roundTrip(Table.fromRows(rowsOf(cells))), rowsOf(cells));
    }
    expect(columnTypes(Table.fromRows(rowsOf([true, false, null])))).toEqual(['bool']);
  });

  it('keeps strings: empty apart from null, unicode with surrogate pairs, lone surrogates, JSON’s special characters', () => {
    const strings = ['', null, 'plain', 'Zürich — 東京', '🚀𝄞', '\ud800', '\udfff', 'a\ud83d', '"quoted"\\', '\n\t\u0000', '__proto__', ' '];
    const back = roundTrip(Table.fromRows(rowsOf(strings)));
    expectSameAsRows(back, rowsOf(strings));
    expect(back.column('x')[0]).toBe('');
    expect(back.column('x')[1]).toBeNull();
    expect(columnTypes(back)).toEqual(['str']);
  });

  it('dictionary-encodes strings when that is smaller, with 1-, 2- and 4-byte codes', () => {
    for (const distinct of [2, 300, 70_000]) {
      const cells = Array.from({ length: distinct * 3 }, (_, i) => (i % 11 === 0 ? null : `value number ${i % distinct}`));
      const table = Table.fromRows(rowsOf(cells));
      const column = payloadOf(table).columns[0] as ColumnPayload & { w?: number };
      expect(column.t).toBe('dict');
      expect(column.w).toBe(distinct <= 256 ? 1 : distinct <= 65536 ? 2 : 4);
      expectSameAsRows(roundTrip(table), rowsOf(cells));
    }
    // All distinct: the plain array is smaller.
    expect(columnTypes(Table.fromRows(rowsOf(['a', 'b', 'c'])))).toEqual(['str']);
  });

  it('encodes one string repeated 1,000,000 times in a few hundred kB and decodes it', () => {
    const values = new Array<string>(1_000_000).fill('Seattle, WA 🌧');
    const table = Table.fromColumns({ city: values });
    const json = JSON.stringify(encodeValue(table));
    expect(json.length).toBeLessThan(1_400_000);
    expect(payloadOf(table).columns[0]?.t).toBe('dict');
    const back = decodeValue(JSON.parse(json)) as Table;
    expect(back.rowCount).toBe(1_000_000);
    expect(back.column('city').every((value) => value === 'Seattle, WA 🌧')).toBe(true);
    expect(back.equals(table)).toBe(true);
  });

  it('keeps columns of all nulls, and a table of no rows or no columns', () => {
    expectSameAsRows(roundTrip(Table.fromRows(rowsOf([null, null, null]))), rowsOf([null, null, null]));
    expect(columnTypes(Table.fromRows(rowsOf([null])))).toEqual(['null']);
    const none = roundTrip(Table.empty());
    expect(none.rowCount).toBe(0);
    expect(none.names).toEqual([]);
    const noRows = roundTrip(Table.empty(['a', 'b']));
    expect(noRows.names).toEqual(['a', 'b']);
    expect(noRows.rowCount).toBe(0);
    expect(noRows.equals(Table.empty(['a', 'b']))).toBe(true);
    // Rows without columns (fromRows of empty objects) keep their count.
    const rowsOnly = roundTrip(Table.fromRows([{}, {}, {}]));
    expect(rowsOnly.rowCount).toBe(3);
    expect(rowsOnly.equals(Table.fromRows([{}, {}, {}]))).toBe(true);
  });

  it('falls back to the generic encoding for mixed columns, undefined and objects, exactly', () => {
    const mixed = [1, 'a', true, new Date(5), null, NaN, -0, { nested: [1, new Date(2)] }, [1, 2], 10n];
    const back = roundTrip(Table.fromColumns({ x: mixed }));
    expect(columnTypes(back)).toEqual(['mixed']);
    expect(back.equals(Table.fromColumns({ x: mixed }))).toBe(true);
    expect(back.column('x')[9]).toBe(10n);
    const withUndefined = Table.fromColumns({ x: [1, undefined, 2] });
    expect(columnTypes(withUndefined)).toEqual(['mixed']);
    expect(roundTrip(withUndefined).column('x')[1]).toBeUndefined();
  });

  it('keeps odd column names and their order', () => {
    const names = ['__proto__', '', 'a b', 'constructor', 'ü🚀'];
    const cells = [1, 'e', true, new Date(3), null];
    const built = Table.fromColumns(names.map((name, i) => [name, [cells[i]]] as [string, unknown[]]));
    const back = roundTrip(built);
    expect(back.names).toEqual(names);
    expect(back.equals(built)).toBe(true);
    expect(back.row(0)).toEqual(built.row(0));
  });

  it('round trips random tables of every type with nulls, against the rows they were made from', () => {
    let seed = 7;
    const random = () => (seed = (Math.imul(seed, 1664525) + 1013904223) >>> 0) / 2 ** 32;
    const specials = [NaN, -0, Infinity, -Infinity, 1e308, 5e-324];
    for (let trial = 0; trial < 30; trial++) {
      const count = Math.floor(random() * 200);
      const rows: Row[] = [];
      for (let i = 0; i < count; i++) {
        const nul = () => random() < 0.2;
        rows.push({
          int: nul() ? null : Math.floor(random() * 2000) - 1000,
          float: nul() ? null : random() < 0.1 ? (specials[Math.floor(random() * specials.length)] as number) : random() * 1e6 - 5e5,
          when: nul() ? null : new Date(Math.floor(random() * 4e12) - 2e12),
          flag: nul() ? null : random() < 0.5,
          word: nul() ? null : ['', 'a', 'bb', 'ccc', '𝄞'][Math.floor(random() * 5)],
          text: nul() ? null : `t${Math.floor(random() * 1e9)}`,
        });
      }
      expectSameAsRows(roundTrip(Table.fromRows(rows, ['int', 'float', 'when', 'flag', 'word', 'text'])), rows, [
        'int',
        'float',
        'when',
        'flag',
        'word',
        'text',
      ]);
    }
  });

  it('gives equal tables the same encoding and hash (NaN however made), and different ones different hashes', () => {
    const a = Table.fromColumns({ x: [NaN, 1.5], d: [new Date(NaN), new Date(1)] });
    const b = Table.fromColumns({ x: [0 / 0, 1.5], d: [new Date('x'), new Date(1)] });
    expect(stableStringify(a)).toBe(stableStringify(b));
    expect(hashValue(a)).toBe(hashValue(b));
    expect(hashValue(Table.fromColumns({ x: [0] }))).not.toBe(hashValue(Table.fromColumns({ x: [-0] })));
    expect(hashValue(Table.fromColumns({ x: [''] }))).not.toBe(hashValue(Table.fromColumns({ x: [null] })));
  });

  it('encodes the Seattle weather dataset far smaller than version 1, and decodes it the same', async () => {
    const weather = await seattleWeather();
    const json = JSON.stringify(encodeValue(weather));
    expect(json.length).toBeLessThan(JSON.stringify(legacyEncoding(weather)).length / 2);
    expect(columnTypes(weather)).toEqual(['date', 'int', 'int', 'int', 'int', 'dict']);
    expectSameAsRows(decodeValue(JSON.parse(json)) as Table, weather.rows(), [...weather.names]);
  });
});

describe('A column array is encoded once', () => {
  it('shares its frozen payload between every table and encoding holding it, the same as a fresh encoding', () => {
    const table = Table.fromRows([
      { n: 1.5, s: 'a', d: new Date(Date.UTC(2024, 0, 2)), b: true },
      { n: null, s: 'b', d: null, b: false },
    ]);
    const first = payloadOf(table);
    const again = payloadOf(table);
    // A table made of one of its columns (as select, rename and a filter keeping every row make them).
    const sharing = Table.fromColumns([['renamed', table.columns[0] as readonly unknown[]]]);
    expect(again.columns.every((column, i) => column === first.columns[i])).toBe(true);
    expect(payloadOf(sharing).columns[0]).toBe(first.columns[0]);
    expect(first.columns.every((column) => Object.isFrozen(column))).toBe(true);
    // The same as a table with copies of the arrays, encoded for the first time.
    const copy = Table.fromColumns(table.names.map((name, i): [string, readonly unknown[]] => [name, [...(table.columns[i] as readonly unknown[])]]));
    expect(payloadOf(copy)).toEqual(first);
    expect(stableStringify(copy)).toBe(stableStringify(table));
    expect(roundTrip(table).equals(table)).toBe(true);
  });

  it('encodes a mixed column (cells that may be objects) each time', () => {
    const table = Table.fromColumns([['m', [{ a: 1 }, 'text', 2]]]);
    const first = payloadOf(table).columns[0] as ColumnPayload;
    expect(first.t).toBe('mixed');
    expect(payloadOf(table).columns[0]).not.toBe(first);
    expect(payloadOf(table).columns[0]).toEqual(first);
  });
});

describe('A table stored in version 1 (before typed columns)', () => {
  it('is decoded forever, dates, NaN, -0 and plain columns included', async () => {
    const rows: Row[] = [
      { n: 1, s: 'a', d: new Date(-5), odd: NaN, b: true },
      { n: null, s: null, d: null, odd: -0, b: null },
      { n: 2.5, s: '', d: new Date(NaN), odd: Infinity, b: false },
    ];
    const table = Table.fromRows(rows);
    const text = JSON.stringify(legacyEncoding(table));
    // The literal text the previous release wrote for part of it.
    expect(text).toContain('{"plain":true,"values":[1,null,2.5]}');
    expectSameAsRows(decodeValue(JSON.parse(text)) as Table, rows);
    const weather = await seattleWeather();
    expect((decodeValue(JSON.parse(JSON.stringify(legacyEncoding(weather)))) as Table).equals(weather)).toBe(true);
  });

  it('a payload of a newer version is refused in words', () => {
    expect(() => decodeValue({ $swark: 'table', v: { v: 3, rows: 0, names: [], columns: [] } })).toThrow('version 3');
    expect(() => decodeValue({ $swark: 'table', v: { v: 2, rows: 1, names: ['x'], columns: [{ t: 'f16', d: '' }] } })).toThrow('unknown type "f16"');
    expect(() => decodeValue({ $swark: 'table', v: { v: 2, rows: 2, names: ['x'], columns: [{ t: 'f64', d: 'AAAAAAAAAAA=' }] } })).toThrow('8 bytes, not 16');
  });
});

describe('Base64', () => {
  it('round trips bytes of every length and value, as Node’s Buffer writes them', () => {
    for (const length of [0, 1, 2, 3, 4, 5, 255, 256, 1000, 10_001]) {
      const bytes = Uint8Array.from({ length }, (_, i) => (i * 131 + length) & 255);
      const text = toBase64(bytes);
      expect(text).toBe(Buffer.from(bytes).toString('base64'));
      expect(fromBase64(text)).toEqual(bytes);
      expect(fromBase64(text).byteOffset).toBe(0);
      // The plain-JS code for a browser without toBase64 / fromBase64.
      expect(portableToBase64(bytes)).toBe(text);
      expect(portableFromBase64(text)).toEqual(bytes);
    }
    expect(() => portableFromBase64('AB*=')).toThrow('not valid base64');
  });
});

describe('A table decoded from its payload', () => {
  it('is encoded again as that payload, without encoding its columns (a reloaded cache hashed at once), and hashes as the table it was', async () => {
    const table = await seattleWeather();
    const stored = JSON.parse(JSON.stringify(encodeValue(table))) as { v: TablePayload };
    const decoded = decodeValue(stored) as Table;
    const again = payloadOf(decoded);
    // The very column objects of the stored payload: none was encoded again.
    again.columns.forEach((column, i) => expect(column).toBe(stored.v.columns[i]));
    expect(hashValue(decoded)).toBe(hashValue(table));
    expect(stableStringify(decoded)).toBe(stableStringify(table));
    // A table derived from it is new arrays, encoded from its cells.
    const head = Table.fromColumns(decoded.names.map((name, i) => [name, (decoded.columns[i] as unknown[]).slice(0, 10)] as [string, unknown[]]));
    expect(roundTrip(head).equals(head)).toBe(true);
  });
});
