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
import type { JsonValue } from '../../../engine';

export const TABLE_PAYLOAD_VERSION = 2;

export type Bitmap = string;

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
export interface LegacyPayload {
  names: string[];
  columns: { plain: boolean; values: JsonValue }[];
}

export interface DecodedTable {
  names: string[];
  columns: unknown[][];
  /** Known for version 2 (a table without columns may have rows); undefined for version 1. */
  rowCount: number | undefined;
}

/** Decimal exponents tried for a column of short decimals (12.8 is 128 / 10). */
export const MAX_EXPONENT = 6;
/** Units a date column's times may be counted in from their first (whole days, seconds, milliseconds). */
export const DATE_UNITS = [86_400_000, 1000, 1];
