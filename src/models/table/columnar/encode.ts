/** A table's columns into the version 2 payload (payload.ts), each by its type. */
import { encodeValue } from '../../../engine';
import { littleEndianBytes, toBase64 } from './base64';
import { DATE_UNITS, MAX_EXPONENT, TABLE_PAYLOAD_VERSION, type Bitmap, type ColumnPayload, type TablePayload } from './payload';
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

/**
 * A decoded column's payload is its encoding: a table read back from the store, a file or another
 * thread is then hashed and stored again without being encoded again (its arrays never change).
 * A payload written otherwise than this encoder would (by hand) still decodes to these cells, so
 * it stands for them; equal cells computed here may then hash apart, which only misses a skip.
 */
export function rememberColumnPayload(values: readonly unknown[], column: ColumnPayload): void {
  if (column.t !== 'mixed') encodedColumns.set(values, Object.freeze(column));
}

export function encodeTablePayload(names: readonly string[], columns: readonly (readonly unknown[])[], rows: number): TablePayload {
  return { v: TABLE_PAYLOAD_VERSION, rows, names: [...names], columns: columns.map((values) => encodeColumnOnce(values)) };
}
