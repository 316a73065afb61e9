/**
 * How a value reads in a table cell or a summary, for people: numbers to about six significant
 * digits (`20.397499999999994` reads `20.3975`, the full value goes on hover), dates at midnight
 * UTC as plain dates. The one definition for the viewer, the node faces and the worker's row
 * search (which matches what the grid shows). Exports never use it: they keep every digit.
 */

/** Significant digits a number is shown with; integer digits are never rounded away. */
const READING_DIGITS = 6;

/** A number for reading: 20.397499999999994 → "20.3975", 1234567.891 → "1234568", 0.1 + 0.2 → "0.3". */
export function formatNumber(value: number): string {
  if (Object.is(value, -0)) return '-0';
  if (!Number.isFinite(value) || Number.isInteger(value)) return String(value);
  const integerDigits = Math.floor(Math.log10(Math.abs(value))) + 1;
  return String(Number(value.toPrecision(Math.min(21, Math.max(READING_DIGITS, integerDigits)))));
}

/** The full value for a hover title, when the shown text is rounded (undefined when it is not). */
export function fullNumber(value: number): string | undefined {
  const full = Object.is(value, -0) ? '-0' : String(value);
  return formatNumber(value) === full ? undefined : full;
}

/** A cell as the table viewer shows it: empty for null, a date without its midnight time, a number rounded. */
export function cellText(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number') return formatNumber(value);
  // Midnight UTC is a plain date (the usual case for daily data): show it as one.
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? 'Invalid Date' : value.toISOString().replace('T00:00:00.000Z', '');
  if (typeof value === 'object') return JSON.stringify(value);
  return String(value);
}
