/**
 * A value as the file a person downloads: a table as CSV or JSON rows, any other value as JSON.
 * Whole values are made into files here, in the run worker, where they live: the page gets the
 * finished file (`export-value`), never a million-row table to encode on its own thread.
 */
import { encodeValue } from '../engine';
import { isTable, toCSV } from '../models';

export type ValueFileFormat = 'csv' | 'json';

export const FILE_TYPES: Record<ValueFileFormat, string> = { csv: 'text/csv', json: 'application/json' };

/**
 * The JSON a person downloads: a table as its rows (`[{ "date": "2012-01-01T00:00:00.000Z", … }]`,
 * dates in ISO 8601, numbers in full; NaN and infinities, which JSON cannot hold, as null); any
 * other value in the app's own encoding, which keeps dates and such exactly.
 */
export function jsonText(value: unknown): string {
  return isTable(value) ? JSON.stringify(value.rows(), null, 2) : JSON.stringify(encodeValue(value), null, 2);
}

/** `value` as a file's text; `what` names it in the error when a CSV is asked of something not a table. */
export function valueFileText(value: unknown, format: ValueFileFormat, what: string): string {
  if (format === 'json') return jsonText(value);
  if (!isTable(value)) throw new Error(`${what} is not a table, so it has no CSV form`);
  return toCSV(value);
}
