/**
 * The values a row expression works with and the kinds the checker tracks. A cell is a number,
 * text, true/false, a Date or null (an empty cell); `any` is a column whose kind is only known row
 * by row (mixed, or all empty), checked as each row is evaluated.
 */
export type ValueType = 'number' | 'text' | 'boolean' | 'date' | 'null' | 'any';
export type Value = number | string | boolean | Date | null;
/** A compiled expression part: its value for row `row` of the table. */
export type Evaluate = (row: number) => Value;

/**
 * The kind of a column's cells, in one tight pass (Table.columnType's general scan costs more than
 * the whole filter on a large table): one kind with empty cells allowed, else `any`.
 */
export function valueTypeOfValues(values: readonly unknown[]): ValueType {
  let found: ValueType = 'null';
  for (let i = 0; i < values.length; i++) {
    const value = values[i];
    if (value === null || value === undefined) continue;
    const kind = typeof value;
    const type: ValueType = kind === 'number' ? 'number' : kind === 'string' ? 'text' : kind === 'boolean' ? 'boolean' : value instanceof Date ? 'date' : 'any';
    if (type === found) continue;
    if (found !== 'null' || type === 'any') return 'any';
    found = type;
  }
  return found === 'null' ? 'any' : found;
}

/** "a number", "text", … for messages. */
export function describeType(type: ValueType): string {
  switch (type) {
    case 'number':
      return 'a number';
    case 'text':
      return 'text';
    case 'boolean':
      return 'true/false';
    case 'date':
      return 'a date';
    case 'null':
      return 'null';
    case 'any':
      return 'a value';
  }
}

/** The kind of one runtime value (for checks on `any` columns). */
export function typeOfValue(value: unknown): ValueType {
  if (value === null || value === undefined) return 'null';
  if (typeof value === 'number') return 'number';
  if (typeof value === 'string') return 'text';
  if (typeof value === 'boolean') return 'boolean';
  if (value instanceof Date) return 'date';
  return 'any';
}

/** A runtime value in a message: text quoted, dates as ISO. */
export function showValue(value: unknown): string {
  if (typeof value === 'string') return JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value);
  if (value instanceof Date) return dateText(value);
  return String(value);
}

// ---------------------------------------------------------------- dates

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d+))?)?\s*(Z|[+-]\d{2}:?\d{2})?)?$/i;
const DAY_MS = 86_400_000;

export type DateParse = { ok: true; time: number } | { ok: false; reason: string };

/**
 * Reads an ISO 8601 date (`2023-02-01`, a UTC day) or date and time with a zone
 * (`2023-02-01T10:30Z`, `…+01:00`). A time without a zone is refused rather than guessed, since
 * the browser and the CLI may sit in different zones.
 */
export function parseIsoDate(text: string): DateParse {
  const match = ISO_DATE.exec(text.trim());
  const notDate = { ok: false, reason: `${JSON.stringify(text)} is not a date: write dates as ISO text, e.g. "2023-02-01" or "2023-02-01T10:30Z"` } as const;
  if (!match) return notDate;
  const [, y, mo, d, h, mi, s, fraction, zone] = match;
  const year = Number(y);
  const month = Number(mo);
  const day = Number(d);
  const hour = h === undefined ? 0 : Number(h);
  const minute = mi === undefined ? 0 : Number(mi);
  const second = s === undefined ? 0 : Number(s);
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month) || hour > 23 || minute > 59 || second > 59) return notDate;
  if (h !== undefined && zone === undefined) {
    return { ok: false, reason: `${JSON.stringify(text)} has a time but no time zone: add Z for UTC (e.g. "${text.trim()}Z") or an offset such as +01:00` };
  }
  const millis = fraction === undefined ? 0 : Math.round(Number(`0.${fraction}`) * 1000);
  let time = Date.UTC(year, month - 1, day, hour, minute, second, millis);
  if (zone !== undefined && zone.toUpperCase() !== 'Z') {
    const sign = zone.startsWith('-') ? -1 : 1;
    const digits = zone.slice(1).replace(':', '');
    time -= sign * (Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2))) * 60_000;
  }
  return { ok: true, time };
}

function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/** A date as text: `2023-02-01` for a UTC midnight, the full ISO form otherwise. */
function dateText(date: Date): string {
  const time = date.getTime();
  if (Number.isNaN(time)) return 'Invalid Date';
  const iso = date.toISOString();
  return time % DAY_MS === 0 ? iso.slice(0, 10) : iso;
}

/** `String(x)`: as JavaScript, except dates (ISO) and null (stays empty). */
export function textOf(value: Exclude<Value, null>): string {
  return value instanceof Date ? dateText(value) : String(value);
}
