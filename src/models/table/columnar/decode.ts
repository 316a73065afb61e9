/** The version 2 payload (payload.ts), and version 1, back into a table's columns. */
import { decodeValue, type JsonValue } from '../../../engine';
import { bytesOf, fromBase64 } from './base64';
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

function decodeColumn(column: ColumnPayload, rows: number): unknown[] {
  const out = new Array<unknown>(rows);
  switch (column.t) {
    case 'null':
      return out.fill(null);
    case 'mixed': {
      const values = decodeValue(column.v);
      if (!Array.isArray(values) || values.length !== rows) throw new Error(`a table's mixed column does not hold ${rows} values`);
      return values;
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
      if (exponent === 0) for (let i = 0; i < rows; i++) out[i] = data[i];
      else {
        const scale = 10 ** exponent;
        for (let i = 0; i < rows; i++) out[i] = (data[i] as number) / scale;
      }
      break;
    }
    case 'f64': {
      const data = new Float64Array(bytesOf(column.d, 8, rows, 'f64').buffer, 0, rows);
      for (let i = 0; i < rows; i++) out[i] = data[i];
      break;
    }
    case 'date': {
      const { b: base, u: unit, w: width } = column;
      if (width === undefined) {
        const data = new Float64Array(bytesOf(column.d, 8, rows, 'date').buffer, 0, rows);
        for (let i = 0; i < rows; i++) out[i] = valid && !isSet(valid, i) ? null : new Date(data[i] as number);
        return out;
      }
      if (typeof base !== 'number' || typeof unit !== 'number' || !DATE_UNITS.includes(unit))
        throw new Error(`a table's date column counts in units of ${String(unit)}`);
      const bytes = bytesOf(column.d, width, rows, 'date');
      const data = intView(bytes, width, rows);
      if (!data) throw new Error(`a table's date column is ${String(width)} bytes wide`);
      for (let i = 0; i < rows; i++) out[i] = valid && !isSet(valid, i) ? null : new Date(base + (data[i] as number) * unit);
      return out;
    }
    case 'bool': {
      const bits = bytesOf(column.d, 1, (rows + 7) >> 3, 'bool');
      for (let i = 0; i < rows; i++) out[i] = isSet(bits, i);
      break;
    }
    case 'str': {
      if (column.s.length !== rows) throw new Error(`a table's string column holds ${column.s.length} values, not ${rows}`);
      for (let i = 0; i < rows; i++) out[i] = column.s[i];
      break;
    }
    case 'dict': {
      const { s: distinct, w: width } = column;
      if (width !== 1 && width !== 2 && width !== 4) throw new Error(`a table's dictionary codes are ${String(width)} bytes wide`);
      const bytes = bytesOf(column.d, width, rows, 'dict');
      const codes = width === 1 ? bytes : width === 2 ? new Uint16Array(bytes.buffer, 0, rows) : new Uint32Array(bytes.buffer, 0, rows);
      for (let i = 0; i < rows; i++) {
        const text = distinct[codes[i] as number];
        if (text === undefined) throw new Error(`a table's dictionary has no entry ${codes[i]}`);
        out[i] = text;
      }
      break;
    }
    default:
      throw new Error(`a table column of unknown type "${String((column as { t: unknown }).t)}": was it written by a newer version?`);
  }
  if (valid) for (let i = 0; i < rows; i++) if (!isSet(valid, i)) out[i] = null;
  return out;
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
  if (record.v !== TABLE_PAYLOAD_VERSION) throw new Error(`a table encoded as version ${String(record.v)}, which this version of Swark cannot read`);
  const { rows, names, columns } = record as TablePayload;
  if (columns.length !== names.length) throw new Error(`a table names ${names.length} columns but holds ${columns.length}`);
  return { names, columns: columns.map((column) => decodeColumn(column, rows)), rowCount: rows };
}
