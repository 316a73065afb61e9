/** The version 2 payload (payload.ts), and version 1, back into a table's columns. */
import { decodeValue, type JsonValue } from '../../../engine';
import { bytesOf, fromBase64 } from './base64';
import { rememberColumnPayload } from './encode';
import {
  DATE_UNITS,
  MAX_EXPONENT,
  TABLE_PAYLOAD_VERSION,
  type Bitmap,
  type ColumnPayload,
  type DecodedTable,
  type LegacyPayload,
  type TablePayload,
} from './payload';
// ---------------------------------------------------------------- decode

/** The signed integers of a 1-, 2- or 4-byte wide column; null for any other width. */
function intView(bytes: Uint8Array, width: unknown, rows: number): Int8Array | Int16Array | Int32Array | null {
  if (width === 1) return new Int8Array(bytes.buffer, 0, rows);
  if (width === 2) return new Int16Array(bytes.buffer, 0, rows);
  if (width === 4) return new Int32Array(bytes.buffer, 0, rows);
  return null;
}

function validity(column: { n?: Bitmap }, rows: number): Uint8Array | null {
  if (column.n === undefined) return null;
  const bits = fromBase64(column.n);
  if (bits.byteLength !== (rows + 7) >> 3) throw new Error(`a table's null bitmap holds ${bits.byteLength} bytes for ${rows} rows`);
  return bits;
}

const isSet = (bits: Uint8Array, i: number) => ((bits[i >> 3] as number) & (1 << (i & 7))) !== 0;

/**
 * A column's cells as its payload holds them, checked as far as decoding goes (lengths, widths,
 * units, dictionary codes) before any cell is made: decoding builds the cells from this; a check
 * of a big file's tables stops here.
 */
type ColumnCells =
  | { t: 'null' }
  | { t: 'values'; values: readonly unknown[]; valid: Uint8Array | null }
  | { t: 'numbers'; data: ArrayLike<number>; scale: number; valid: Uint8Array | null }
  | { t: 'times'; data: ArrayLike<number>; base: number; unit: number; valid: Uint8Array | null }
  | { t: 'bools'; bits: Uint8Array; valid: Uint8Array | null }
  | { t: 'codes'; codes: ArrayLike<number>; distinct: readonly string[]; valid: Uint8Array | null };

function readColumn(column: ColumnPayload, rows: number): ColumnCells {
  switch (column.t) {
    case 'null':
      return { t: 'null' };
    case 'mixed': {
      const values = decodeValue(column.v);
      if (!Array.isArray(values) || values.length !== rows) throw new Error(`a table's mixed column does not hold ${rows} values`);
      return { t: 'values', values, valid: null };
    }
  }
  const valid = validity(column, rows);
  switch (column.t) {
    case 'int': {
      const { w: width, e: exponent = 0 } = column;
      const bytes = bytesOf(column.d, width, rows, 'int');
      const data = intView(bytes, width, rows);
      if (!data || !Number.isInteger(exponent) || exponent < 0 || exponent > MAX_EXPONENT)
        throw new Error(`a table's int column is ${String(width)} bytes wide, exponent ${String(exponent)}`);
      return { t: 'numbers', data, scale: 10 ** exponent, valid };
    }
    case 'f64':
      return { t: 'numbers', data: new Float64Array(bytesOf(column.d, 8, rows, 'f64').buffer, 0, rows), scale: 1, valid };
    case 'date': {
      const { b: base, u: unit, w: width } = column;
      if (width === undefined) return { t: 'times', data: new Float64Array(bytesOf(column.d, 8, rows, 'date').buffer, 0, rows), base: 0, unit: 1, valid };
      if (typeof base !== 'number' || typeof unit !== 'number' || !DATE_UNITS.includes(unit))
        throw new Error(`a table's date column counts in units of ${String(unit)}`);
      const data = intView(bytesOf(column.d, width, rows, 'date'), width, rows);
      if (!data) throw new Error(`a table's date column is ${String(width)} bytes wide`);
      return { t: 'times', data, base, unit, valid };
    }
    case 'bool':
      return { t: 'bools', bits: bytesOf(column.d, 1, (rows + 7) >> 3, 'bool'), valid };
    case 'str':
      if (column.s.length !== rows) throw new Error(`a table's string column holds ${column.s.length} values, not ${rows}`);
      return { t: 'values', values: column.s, valid };
    case 'dict': {
      const { s: distinct, w: width } = column;
      if (width !== 1 && width !== 2 && width !== 4) throw new Error(`a table's dictionary codes are ${String(width)} bytes wide`);
      const bytes = bytesOf(column.d, width, rows, 'dict');
      const codes = width === 1 ? bytes : width === 2 ? new Uint16Array(bytes.buffer, 0, rows) : new Uint32Array(bytes.buffer, 0, rows);
      for (let i = 0; i < rows; i++) if ((codes[i] as number) >= distinct.length) throw new Error(`a table's dictionary has no entry ${codes[i]}`);
      return { t: 'codes', codes, distinct, valid };
    }
    default:
      throw new Error(`a table column of unknown type "${String((column as { t: unknown }).t)}": was it written by a newer version?`);
  }
}

function decodeColumn(column: ColumnPayload, rows: number): unknown[] {
  const cells = readColumn(column, rows);
  const out = new Array<unknown>(rows);
  switch (cells.t) {
    case 'null':
      return out.fill(null);
    case 'values':
      if (!cells.valid && column.t === 'mixed') return cells.values as unknown[];
      for (let i = 0; i < rows; i++) out[i] = cells.values[i];
      break;
    case 'numbers': {
      const { data, scale } = cells;
      if (scale === 1) for (let i = 0; i < rows; i++) out[i] = data[i];
      else for (let i = 0; i < rows; i++) out[i] = (data[i] as number) / scale;
      break;
    }
    case 'times': {
      const { data, base, unit, valid } = cells;
      for (let i = 0; i < rows; i++) out[i] = valid && !isSet(valid, i) ? null : new Date(base + (data[i] as number) * unit);
      return out;
    }
    case 'bools':
      for (let i = 0; i < rows; i++) out[i] = isSet(cells.bits, i);
      break;
    case 'codes':
      for (let i = 0; i < rows; i++) out[i] = cells.distinct[cells.codes[i] as number];
      break;
  }
  if (cells.valid) for (let i = 0; i < rows; i++) if (!isSet(cells.valid, i)) out[i] = null;
  return out;
}

/** A version 2 payload's parts, checked as a table of them must be (see `Table.fromColumns`). */
function versionTwo(payload: Partial<TablePayload>): TablePayload {
  if (payload.v !== TABLE_PAYLOAD_VERSION) throw new Error(`a table encoded as version ${String(payload.v)}, which this version of Swark cannot read`);
  const { rows, names, columns } = payload as TablePayload;
  if (!Number.isInteger(rows) || rows < 0) throw new Error(`a table of ${String(rows)} rows`);
  if (!Array.isArray(names) || !Array.isArray(columns)) throw new Error('a table without its names or columns');
  if (columns.length !== names.length) throw new Error(`a table names ${names.length} columns but holds ${columns.length}`);
  const duplicate = names.find((name, i) => names.indexOf(name) !== i);
  if (duplicate !== undefined) throw new Error(`column \`${duplicate}\` appears twice`);
  return payload as TablePayload;
}

/**
 * Checks a `table` payload as decoding it would, without making its cells (a million-row table in
 * an imported file is read in milliseconds, not seconds); true for version 2, which may stand as
 * it is written, false for version 1, which is decoded and encoded again (see `storableAsWritten`).
 */
export function checkTablePayload(payload: JsonValue): boolean {
  const record = payload as unknown as Partial<TablePayload>;
  if (record.v === undefined) return false;
  const { rows, columns } = versionTwo(record);
  for (const column of columns) readColumn(column, rows);
  return true;
}

/** The names and columns of a `table` payload of any version. */
export function decodeTablePayload(payload: JsonValue): DecodedTable {
  const record = payload as unknown as Partial<TablePayload> & Partial<LegacyPayload>;
  if (record.v === undefined) {
    const legacy = record as LegacyPayload;
    return {
      names: legacy.names,
      columns: legacy.columns.map((column) => (column.plain ? column.values : decodeValue(column.values)) as unknown[]),
      rowCount: undefined,
    };
  }
  const { rows, names, columns } = versionTwo(record);
  return {
    names,
    columns: columns.map((column) => {
      const values = decodeColumn(column, rows);
      rememberColumnPayload(values, column);
      return values;
    }),
    rowCount: rows,
  };
}
