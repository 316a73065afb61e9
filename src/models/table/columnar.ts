/**
 * The `table` value type's payload, version 2: each column encoded by its type, as typed arrays in
 * base64 (little-endian), not one JSON value a cell.
 *
 *   { v: 2, rows, names, columns: [column, …] }
 *
 * A column is one of (`n`: a validity bitmap, bit i set when row i holds a value, LSB first,
 * present only when the column has nulls; a null slot holds 0, false or ''):
 *   { t: 'null' }                           every cell null
 *   { t: 'int', w, e?, d, n? }              numbers that are all k / 10^e for int32 k (e from 0 to 6, 0 when
 *                                           absent; -0 never is): k as Int8/16/32Array bytes (`w` 1, 2 or 4),
 *                                           checked exact when encoded (12.8 is 128 / 10, in 2 bytes)
 *   { t: 'f64', d, n? }                     other numbers (NaN, ±Infinity, -0 kept): Float64Array bytes
 *   { t: 'date', d, n? }                    dates as one Float64Array of epoch ms (an invalid date is NaN)
 *   { t: 'date', b, u, w, d, n? }           or, when every date is valid and a whole number of days, seconds
 *                                           or ms `u` from the first one `b`: those numbers k (time = b + k·u)
 *                                           as Int8/16/32Array bytes (`w` 1, 2 or 4)
 *   { t: 'bool', d, n? }                    booleans, bit-packed as the bitmap is
 *   { t: 'str', s, n? }                     strings as one JSON array
 *   { t: 'dict', s, w, d, n? }              strings as their distinct values `s` (first-seen order) and
 *                                           codes `d` of `w` bytes each (1, 2 or 4), when that is smaller
 *   { t: 'mixed', v }                       anything else (several types, undefined, objects): the
 *                                           engine's generic encoding of the array
 *
 * Strings stay in JSON (not UTF-8 bytes) so a lone surrogate survives as JSON escapes it. The payload
 * is a function of the table's cells alone, so equal tables encode (and hash) the same. Apache Arrow
 * IPC (`@uwdata/flechette`) was weighed and not taken: its date types truncate to days or hold int64
 * (no invalid date), and UTF-8 strings lose lone surrogates (see docs/benchmarks.md, "Table encoding").
 * Version 1 (no `v`: per column a JSON array, or the generic encoding) is decoded forever.
 */
import { decodeValue, encodeValue, type JsonValue } from '../../engine';

export const TABLE_PAYLOAD_VERSION = 2;

type Bitmap = string;

export type ColumnPayload =
  | { t: 'null' }
  | { t: 'int'; w: 1 | 2 | 4; e?: number; d: string; n?: Bitmap }
  | { t: 'f64' | 'bool'; d: string; n?: Bitmap }
  | { t: 'date'; b?: number; u?: number; w?: 1 | 2 | 4; d: string; n?: Bitmap }
  | { t: 'str'; s: string[]; n?: Bitmap }
  | { t: 'dict'; s: string[]; w: 1 | 2 | 4; d: string; n?: Bitmap }
  | { t: 'mixed'; v: JsonValue };

export interface TablePayload {
  v: typeof TABLE_PAYLOAD_VERSION;
  rows: number;
  names: string[];
  columns: ColumnPayload[];
}

/** Version 1: per column plain JSON values, or the engine's encoding when the column holds dates, NaN, etc. */
interface LegacyPayload {
  names: string[];
  columns: { plain: boolean; values: JsonValue }[];
}

export interface DecodedTable {
  names: string[];
  columns: unknown[][];
  /** Known for version 2 (a table without columns may have rows); undefined for version 1. */
  rowCount: number | undefined;
}

// ---------------------------------------------------------------- bytes and base64

const LITTLE_ENDIAN = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;

/** The bytes of a typed array in little-endian order (a copy only on a big-endian host). */
function littleEndianBytes(array: Int8Array | Int16Array | Int32Array | Float64Array | Uint8Array | Uint16Array | Uint32Array): Uint8Array {
  const bytes = new Uint8Array(array.buffer, array.byteOffset, array.byteLength);
  return LITTLE_ENDIAN || array.BYTES_PER_ELEMENT === 1 ? bytes : swapped(bytes, array.BYTES_PER_ELEMENT);
}

function swapped(bytes: Uint8Array, width: number): Uint8Array {
  const out = new Uint8Array(bytes.length);
  for (let i = 0; i < bytes.length; i += width) for (let j = 0; j < width; j++) out[i + j] = bytes[i + width - 1 - j] as number;
  return out;
}

interface NodeBuffer {
  from(data: ArrayBufferLike | string, offsetOrEncoding?: number | string, length?: number): Uint8Array & { toString(encoding: string): string };
}
const NodeBufferClass = (globalThis as { Buffer?: NodeBuffer }).Buffer;
type Base64Array = Uint8Array & { toBase64?: () => string };
const nativeFromBase64 = (Uint8Array as unknown as { fromBase64?: (text: string) => Uint8Array }).fromBase64;

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

export function toBase64(bytes: Uint8Array): string {
  const native = (bytes as Base64Array).toBase64;
  if (typeof native === 'function') return native.call(bytes);
  if (NodeBufferClass) return NodeBufferClass.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('base64');
  return portableToBase64(bytes);
}

/** Base64 in plain JS, where neither `Uint8Array.prototype.toBase64` nor Node's Buffer is there. */
export function portableToBase64(bytes: Uint8Array): string {
  let out = '';
  let chunk: string[] = [];
  for (let i = 0; i < bytes.length; i += 3) {
    const a = bytes[i] as number;
    const b = bytes[i + 1];
    const c = bytes[i + 2];
    chunk.push(
      (ALPHABET[a >> 2] as string) +
        ALPHABET[((a & 3) << 4) | ((b ?? 0) >> 4)] +
        (b === undefined ? '=' : ALPHABET[((b & 15) << 2) | ((c ?? 0) >> 6)]) +
        (c === undefined ? '=' : ALPHABET[c & 63]),
    );
    if (chunk.length === 4096) {
      out += chunk.join('');
      chunk = [];
    }
  }
  return out + chunk.join('');
}

const DECODE = new Int16Array(128).fill(-1);
for (let i = 0; i < ALPHABET.length; i++) DECODE[ALPHABET.charCodeAt(i)] = i;

/** The bytes of base64 `text`, in a buffer of their own (offset 0, so any typed array may view it). */
export function fromBase64(text: string): Uint8Array {
  if (typeof nativeFromBase64 === 'function') return nativeFromBase64(text);
  if (NodeBufferClass) {
    const view = NodeBufferClass.from(text, 'base64');
    // Node pools small buffers: copy to a buffer of its own, aligned for any element width.
    return new Uint8Array(view);
  }
  return portableFromBase64(text);
}

/** The inverse of {@link portableToBase64}. */
export function portableFromBase64(text: string): Uint8Array {
  const clean = text.replace(/=+$/, '');
  const out = new Uint8Array(Math.floor((clean.length * 3) / 4));
  let bits = 0;
  let value = 0;
  let at = 0;
  for (let i = 0; i < clean.length; i++) {
    const code = DECODE[clean.charCodeAt(i)] ?? -1;
    if (code < 0) throw new Error('a table column is not valid base64');
    value = (value << 6) | code;
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out[at++] = (value >> bits) & 255;
    }
  }
  return out;
}

function bytesOf(text: string, width: number, count: number, what: string): Uint8Array {
  const bytes = fromBase64(text);
  if (bytes.byteLength !== width * count) throw new Error(`a table's ${what} column holds ${bytes.byteLength} bytes, not ${width * count}`);
  return LITTLE_ENDIAN || width === 1 ? bytes : swapped(bytes, width);
}

// ---------------------------------------------------------------- encode

type Kind = 'null' | 'number' | 'string' | 'boolean' | 'date' | 'mixed';

/** The column's one type (null: only nulls) and whether it holds a null; 'mixed' for undefined, objects or several types. */
function kindOf(values: readonly unknown[]): { kind: Kind; nulls: boolean } {
  let kind: Kind = 'null';
  let nulls = false;
  for (let i = 0; i < values.length; i++) {
    const value = values[i];
    let type: Kind;
    if (value === null) {
      nulls = true;
      continue;
    } else if (typeof value === 'number') type = 'number';
    else if (typeof value === 'string') type = 'string';
    else if (typeof value === 'boolean') type = 'boolean';
    else if (value instanceof Date) type = 'date';
    else return { kind: 'mixed', nulls };
    if (kind === 'null') kind = type;
    else if (kind !== type) return { kind: 'mixed', nulls };
  }
  return { kind, nulls };
}

function bitmapOf(values: readonly unknown[]): Bitmap {
  const bits = new Uint8Array((values.length + 7) >> 3);
  for (let i = 0; i < values.length; i++) if (values[i] !== null) bits[i >> 3] = (bits[i >> 3] as number) | (1 << (i & 7));
  return toBase64(bits);
}

/** Decimal exponents tried for a column of short decimals (12.8 is 128 / 10). */
const MAX_EXPONENT = 6;

/**
 * The smallest exponent e (0 … {@link MAX_EXPONENT}) for which every number is an int32 k with
 * k / 10^e === the number exactly (-0, NaN and ±Infinity never are); undefined when there is none.
 */
function decimalExponent(values: readonly unknown[]): number | undefined {
  next: for (let e = 0; e <= MAX_EXPONENT; e++) {
    const scale = 10 ** e;
    for (let i = 0; i < values.length; i++) {
      const value = values[i] as number | null;
      if (value === null) continue;
      const k = Math.round(value * scale);
      if (k / scale !== value || k > 0x7fffffff || k < -0x80000000 || Object.is(value, -0)) continue next;
    }
    return e;
  }
  return undefined;
}

function numberColumn(values: readonly unknown[]): ColumnPayload {
  const exponent = decimalExponent(values);
  if (exponent !== undefined) {
    const scale = 10 ** exponent;
    const ints = new Int32Array(values.length);
    let min = 0;
    let max = 0;
    for (let i = 0; i < values.length; i++) {
      const value = values[i] as number | null;
      const k = value === null ? 0 : Math.round(value * scale);
      ints[i] = k;
      if (k < min) min = k;
      else if (k > max) max = k;
    }
    const width = min >= -0x80 && max <= 0x7f ? 1 : min >= -0x8000 && max <= 0x7fff ? 2 : 4;
    const data = width === 1 ? Int8Array.from(ints) : width === 2 ? Int16Array.from(ints) : ints;
    return { t: 'int', w: width, ...(exponent ? { e: exponent } : {}), d: toBase64(littleEndianBytes(data)) };
  }
  const out = new Float64Array(values.length);
  for (let i = 0; i < values.length; i++) {
    const value = values[i] as number | null;
    // One NaN (its bits) however it was made, so equal tables encode the same.
    out[i] = value === null ? 0 : value === value ? value : NaN;
  }
  return { t: 'f64', d: toBase64(littleEndianBytes(out)) };
}

/** Units a date column's times may be counted in from their first (whole days, seconds, milliseconds). */
const DATE_UNITS = [86_400_000, 1000, 1];

function dateColumn(values: readonly unknown[]): ColumnPayload {
  const times = new Float64Array(values.length);
  let base: number | undefined;
  let min = Infinity;
  let max = -Infinity;
  for (let i = 0; i < values.length; i++) {
    const value = values[i] as Date | null;
    const time = value === null ? 0 : value.getTime();
    // One NaN (its bits) however the invalid date was made, so equal tables encode the same.
    times[i] = time === time ? time : NaN;
    if (value === null) continue;
    base ??= time;
    if (time < min) min = time;
    if (time > max) max = time;
  }
  // Whole units from the first date, in 1, 2 or 4 bytes: exact, as every time is an integer (an invalid date is not).
  if (base !== undefined && base === base && Number.isFinite(min) && Number.isFinite(max)) {
    for (const unit of DATE_UNITS) {
      const low = (min - base) / unit;
      const high = (max - base) / unit;
      if (low < -0x80000000 || high > 0x7fffffff) continue;
      const ints = new Int32Array(values.length);
      let whole = true;
      for (let i = 0; i < values.length && whole; i++) {
        if (values[i] === null) continue;
        const k = ((times[i] as number) - base) / unit;
        if (!Number.isInteger(k)) whole = false;
        else ints[i] = k;
      }
      if (!whole) continue;
      const width = low >= -0x80 && high <= 0x7f ? 1 : low >= -0x8000 && high <= 0x7fff ? 2 : 4;
      const data = width === 1 ? Int8Array.from(ints) : width === 2 ? Int16Array.from(ints) : ints;
      return { t: 'date', b: base, u: unit, w: width, d: toBase64(littleEndianBytes(data)) };
    }
  }
  return { t: 'date', d: toBase64(littleEndianBytes(times)) };
}

function booleanColumn(values: readonly unknown[]): ColumnPayload {
  const bits = new Uint8Array((values.length + 7) >> 3);
  for (let i = 0; i < values.length; i++) if (values[i] === true) bits[i >> 3] = (bits[i >> 3] as number) | (1 << (i & 7));
  return { t: 'bool', d: toBase64(bits) };
}

/** Characters a JSON string takes beyond its text: its quotes and comma (escapes are not counted). */
const STRING_OVERHEAD = 3;

function stringColumn(values: readonly unknown[]): ColumnPayload {
  const codes = new Map<string, number>();
  const distinct: string[] = [];
  const indices = new Uint32Array(values.length);
  let plainChars = 0;
  let distinctChars = 0;
  for (let i = 0; i < values.length; i++) {
    const value = values[i];
    const text = value === null ? '' : (value as string);
    plainChars += text.length + STRING_OVERHEAD;
    let code = codes.get(text);
    if (code === undefined) {
      code = distinct.length;
      codes.set(text, code);
      distinct.push(text);
      distinctChars += text.length + STRING_OVERHEAD;
    }
    indices[i] = code;
  }
  const width = distinct.length <= 0x100 ? 1 : distinct.length <= 0x10000 ? 2 : 4;
  const dictChars = distinctChars + Math.ceil((values.length * width) / 3) * 4;
  if (dictChars >= plainChars) {
    const texts = new Array<string>(values.length);
    for (let i = 0; i < values.length; i++) texts[i] = (values[i] as string | null) ?? '';
    return { t: 'str', s: texts };
  }
  const codeArray = width === 1 ? Uint8Array.from(indices) : width === 2 ? Uint16Array.from(indices) : indices;
  return { t: 'dict', s: distinct, w: width, d: toBase64(littleEndianBytes(codeArray as Uint32Array)) };
}

function encodeColumn(values: readonly unknown[]): ColumnPayload {
  const { kind, nulls } = kindOf(values);
  let column: ColumnPayload;
  switch (kind) {
    case 'null':
      return { t: 'null' };
    case 'mixed':
      return { t: 'mixed', v: encodeValue(values) };
    case 'number':
      column = numberColumn(values);
      break;
    case 'date':
      column = dateColumn(values);
      break;
    case 'boolean':
      column = booleanColumn(values);
      break;
    case 'string':
      column = stringColumn(values);
      break;
  }
  if (nulls) (column as { n?: Bitmap }).n = bitmapOf(values);
  return column;
}

/**
 * Each column array's payload, made once. A table's column arrays never change once built, and a
 * run encodes the same table several times: as one step's output, as the next step's input, and
 * again in that input's hash (a 1M-row table three times, ≈ 2/3 of a first run's encoding in
 * bench/csv-pipeline.bench.ts). A `mixed` column (cells that may be objects) is encoded each time.
 * The payloads are frozen: they are shared by every encoding of the column.
 */
const encodedColumns = new WeakMap<readonly unknown[], ColumnPayload>();

function encodeColumnOnce(values: readonly unknown[]): ColumnPayload {
  let column = encodedColumns.get(values);
  if (column) return column;
  column = encodeColumn(values);
  if (column.t === 'mixed') return column;
  if (column.t === 'str' || column.t === 'dict') Object.freeze(column.s);
  encodedColumns.set(values, Object.freeze(column));
  return column;
}

export function encodeTablePayload(names: readonly string[], columns: readonly (readonly unknown[])[], rows: number): TablePayload {
  return { v: TABLE_PAYLOAD_VERSION, rows, names: [...names], columns: columns.map((values) => encodeColumnOnce(values)) };
}

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
