/**
 * Every function, method and constant of the row-expression language, with its one-line help and
 * an example. The checker, the evaluator, the in-app reference, autocomplete and the docs test all
 * read this one list, so what is documented is what runs. No parser here: the UI imports it lightly.
 */
import { parseIsoDate, textOf, type Value, type ValueType } from './values';

/** What an argument accepts: one kind, or any value. */
export type ParamType = 'number' | 'text' | 'date' | 'any';
export type Present = Exclude<Value, null>;

export interface FunctionSpec {
  name: string;
  group: 'numbers' | 'dates' | 'convert';
  /** The kinds of the parameters; with `variadic`, the last one repeats. */
  params: readonly ParamType[];
  /** How many trailing parameters may be left out. */
  optional?: number;
  variadic?: boolean;
  returns: ValueType;
  signature: string;
  help: string;
  example: string;
  /** Called only with present (non-null) arguments: any empty argument makes the result empty. */
  apply(...args: Present[]): Value;
}

export interface MethodSpec {
  name: string;
  receiver: 'text' | 'number';
  params: readonly ParamType[];
  optional?: number;
  returns: ValueType;
  /** `length` is read without parentheses. */
  property?: boolean;
  signature: string;
  help: string;
  example: string;
  apply(receiver: Present, ...args: Present[]): Value;
}

const num = (x: Present) => x as number;

function math(name: string, arity: number, help: string, example: string, variadic = false): FunctionSpec {
  const f = (Math as unknown as Record<string, (...args: number[]) => number>)[name] as (...args: number[]) => number;
  const params = Array.from({ length: arity }, () => 'number' as const);
  const args = arity === 1 ? 'x' : arity === 2 ? (name === 'atan2' ? 'y, x' : 'x, y') : 'x, y, …';
  return {
    name,
    group: 'numbers',
    params,
    variadic,
    returns: 'number',
    signature: `${name}(${args})`,
    help,
    example,
    apply: arity === 1 && !variadic ? (x) => f(num(x)) : (...xs) => f(...(xs as number[])),
  };
}

/** The Math functions, usable as `name(x)` or `Math.name(x)`, with JavaScript's meaning. */
export const MATH_FUNCTIONS: readonly FunctionSpec[] = [
  math('abs', 1, 'The absolute value', 'abs(temp_min)'),
  math('round', 1, 'Rounds to the nearest whole number, halves up (2.5 → 3, -2.5 → -2), as JavaScript', 'round(price)'),
  math('floor', 1, 'Rounds down to a whole number', 'floor(price)'),
  math('ceil', 1, 'Rounds up to a whole number', 'ceil(price)'),
  math('trunc', 1, 'Drops the fraction (towards zero)', 'trunc(-2.7) == -2'),
  math('min', 1, 'The smallest of the numbers', 'min(temp_max, 30)', true),
  math('max', 1, 'The largest of the numbers', 'max(0, wind - 2)', true),
  math('sqrt', 1, 'The square root', 'sqrt(x * x + y * y)'),
  math('cbrt', 1, 'The cube root', 'cbrt(volume)'),
  math('pow', 2, 'x to the power y (also written x ** y)', 'pow(1.05, years)'),
  math('exp', 1, 'e to the power x', 'exp(rate)'),
  math('expm1', 1, 'exp(x) - 1, precise for small x', 'expm1(rate)'),
  math('log', 1, 'The natural logarithm', 'log(price)'),
  math('log10', 1, 'The base-10 logarithm', 'log10(population)'),
  math('log2', 1, 'The base-2 logarithm', 'log2(bytes)'),
  math('log1p', 1, 'log(1 + x), precise for small x', 'log1p(rate)'),
  math('sign', 1, '1, -1 or 0 by the sign of x', 'sign(change)'),
  math('hypot', 2, 'The square root of the sum of squares', 'hypot(dx, dy)', true),
  math('sin', 1, 'The sine (x in radians)', 'sin(angle)'),
  math('cos', 1, 'The cosine (x in radians)', 'cos(angle)'),
  math('tan', 1, 'The tangent (x in radians)', 'tan(angle)'),
  math('asin', 1, 'The arcsine, in radians', 'asin(x)'),
  math('acos', 1, 'The arccosine, in radians', 'acos(x)'),
  math('atan', 1, 'The arctangent, in radians', 'atan(x)'),
  math('atan2', 2, 'The angle of the point (x, y), in radians', 'atan2(dy, dx)'),
  math('sinh', 1, 'The hyperbolic sine', 'sinh(x)'),
  math('cosh', 1, 'The hyperbolic cosine', 'cosh(x)'),
  math('tanh', 1, 'The hyperbolic tangent', 'tanh(x)'),
  math('asinh', 1, 'The inverse hyperbolic sine', 'asinh(x)'),
  math('acosh', 1, 'The inverse hyperbolic cosine', 'acosh(x)'),
  math('atanh', 1, 'The inverse hyperbolic tangent', 'atanh(x)'),
  math('fround', 1, 'The nearest 32-bit float', 'fround(x)'),
];

/** `record[key]` for the record's own keys only: `toString` or `__proto__` must not find Object's built-ins. */
export function own<T>(record: Readonly<Record<string, T>>, key: string): T | undefined {
  return Object.hasOwn(record, key) ? record[key] : undefined;
}

/** `Math.PI` and the other constants. */
export const MATH_CONSTANTS: Readonly<Record<string, number>> = {
  PI: Math.PI,
  E: Math.E,
  LN2: Math.LN2,
  LN10: Math.LN10,
  LOG2E: Math.LOG2E,
  LOG10E: Math.LOG10E,
  SQRT2: Math.SQRT2,
  SQRT1_2: Math.SQRT1_2,
};

const utc = (read: (date: Date) => number) => (x: Present) => read(x as Date);

export const DATE_FUNCTIONS: readonly FunctionSpec[] = [
  {
    name: 'year',
    group: 'dates',
    params: ['date'],
    returns: 'number',
    signature: 'year(date)',
    help: 'The year of a date (UTC)',
    example: 'year(date) == 2023',
    apply: utc((d) => d.getUTCFullYear()),
  },
  {
    name: 'month',
    group: 'dates',
    params: ['date'],
    returns: 'number',
    signature: 'month(date)',
    help: 'The month of a date, 1–12 (UTC)',
    example: 'month(date) == 2',
    apply: utc((d) => d.getUTCMonth() + 1),
  },
  {
    name: 'day',
    group: 'dates',
    params: ['date'],
    returns: 'number',
    signature: 'day(date)',
    help: 'The day of the month, 1–31 (UTC)',
    example: 'day(date) == 1',
    apply: utc((d) => d.getUTCDate()),
  },
  {
    name: 'weekday',
    group: 'dates',
    params: ['date'],
    returns: 'number',
    signature: 'weekday(date)',
    help: 'The day of the week, 0 = Sunday … 6 = Saturday (UTC)',
    example: 'weekday(date) == 0 || weekday(date) == 6',
    apply: utc((d) => d.getUTCDay()),
  },
  {
    name: 'hour',
    group: 'dates',
    params: ['date'],
    returns: 'number',
    signature: 'hour(date)',
    help: 'The hour, 0–23 (UTC)',
    example: 'hour(time) >= 9',
    apply: utc((d) => d.getUTCHours()),
  },
  {
    name: 'minute',
    group: 'dates',
    params: ['date'],
    returns: 'number',
    signature: 'minute(date)',
    help: 'The minute, 0–59 (UTC)',
    example: 'minute(time) == 0',
    apply: utc((d) => d.getUTCMinutes()),
  },
  {
    name: 'date',
    group: 'dates',
    params: ['any', 'number', 'number'],
    optional: 2,
    returns: 'date',
    signature: 'date("2023-02-01") or date(year, month, day)',
    help: 'A date from ISO text, or from a year, a month (1–12) and a day (UTC)',
    example: 'date >= date("2023-02-01")',
    apply: (...args) => makeDate(args),
  },
];

export const CONVERT_FUNCTIONS: readonly FunctionSpec[] = [
  {
    name: 'String',
    group: 'convert',
    params: ['any'],
    returns: 'text',
    signature: 'String(x)',
    help: 'x as text (dates as ISO text, e.g. 2023-02-01)',
    example: 'String(year(date)) + "-Q1"',
    apply: (x) => textOf(x),
  },
  {
    name: 'Number',
    group: 'convert',
    params: ['any'],
    returns: 'number',
    signature: 'Number(x)',
    help: 'Text as a number (blank or unreadable text gives an empty cell); true/false as 1/0',
    example: 'Number(code) > 100',
    apply: (x) => {
      if (x instanceof Date) return x.getTime();
      if (typeof x === 'string') {
        const n = x.trim() === '' ? NaN : Number(x);
        return Number.isNaN(n) ? null : n;
      }
      return Number(x);
    },
  },
];

export const FUNCTIONS: readonly FunctionSpec[] = [...MATH_FUNCTIONS, ...DATE_FUNCTIONS, ...CONVERT_FUNCTIONS];
export const FUNCTION_BY_NAME: ReadonlyMap<string, FunctionSpec> = new Map(FUNCTIONS.map((spec) => [spec.name, spec]));
export const MATH_BY_NAME: ReadonlyMap<string, FunctionSpec> = new Map(MATH_FUNCTIONS.map((spec) => [spec.name, spec]));

const text = (x: Present) => x as string;

export const METHODS: readonly MethodSpec[] = [
  {
    name: 'startsWith',
    receiver: 'text',
    params: ['text'],
    returns: 'boolean',
    signature: 'text.startsWith("x")',
    help: 'Whether the text begins with x (case matters)',
    example: 'city.startsWith("San")',
    apply: (s, x) => text(s).startsWith(text(x as Present)),
  },
  {
    name: 'endsWith',
    receiver: 'text',
    params: ['text'],
    returns: 'boolean',
    signature: 'text.endsWith("x")',
    help: 'Whether the text ends with x (case matters)',
    example: 'file.endsWith(".csv")',
    apply: (s, x) => text(s).endsWith(text(x as Present)),
  },
  {
    name: 'includes',
    receiver: 'text',
    params: ['text'],
    returns: 'boolean',
    signature: 'text.includes("x")',
    help: 'Whether x occurs in the text (case matters); on a list, whether the value is in it',
    example: 'weather.includes("rain")',
    apply: (s, x) => text(s).includes(text(x as Present)),
  },
  {
    name: 'toLowerCase',
    receiver: 'text',
    params: [],
    returns: 'text',
    signature: 'text.toLowerCase()',
    help: 'The text in lower case',
    example: 'city.toLowerCase() == "paris"',
    apply: (s) => text(s).toLowerCase(),
  },
  {
    name: 'toUpperCase',
    receiver: 'text',
    params: [],
    returns: 'text',
    signature: 'text.toUpperCase()',
    help: 'The text in upper case',
    example: 'code.toUpperCase()',
    apply: (s) => text(s).toUpperCase(),
  },
  {
    name: 'trim',
    receiver: 'text',
    params: [],
    returns: 'text',
    signature: 'text.trim()',
    help: 'The text without spaces at either end',
    example: 'name.trim() != ""',
    apply: (s) => text(s).trim(),
  },
  {
    name: 'slice',
    receiver: 'text',
    params: ['number', 'number'],
    optional: 1,
    returns: 'text',
    signature: 'text.slice(start, end)',
    help: 'The part from start up to (not including) end, counting from 0; negative counts from the end',
    example: 'code.slice(0, 3)',
    apply: (s, start, end) => text(s).slice(num(start as Present), end === undefined ? undefined : num(end)),
  },
  {
    name: 'length',
    receiver: 'text',
    params: [],
    property: true,
    returns: 'number',
    signature: 'text.length',
    help: 'The number of characters (UTF-16 units, as JavaScript)',
    example: 'name.length > 3',
    apply: (s) => text(s).length,
  },
  {
    name: 'toFixed',
    receiver: 'number',
    params: ['number'],
    optional: 1,
    returns: 'text',
    signature: 'number.toFixed(digits)',
    help: 'The number as text with that many decimals',
    example: 'price.toFixed(2)',
    apply: (n, digits) => num(n).toFixed(digits === undefined ? 0 : num(digits)),
  },
];

export const METHOD_BY_NAME: ReadonlyMap<string, MethodSpec> = new Map(METHODS.map((spec) => [spec.name, spec]));

/**
 * Names from SQL, spreadsheets, arquero or JavaScript's Date that people reach for, with what to
 * write here instead (shown in the "unknown function / method" message).
 */
export const INSTEAD_OF: Readonly<Record<string, string>> = {
  lower: 'x.toLowerCase()',
  upper: 'x.toUpperCase()',
  len: 'x.length',
  length: 'x.length',
  trim: 'x.trim()',
  substr: 'x.slice(start, end)',
  substring: 'x.slice(start, end)',
  concat: 'a + b',
  coalesce: 'x ?? fallback',
  ifnull: 'x ?? fallback',
  nvl: 'x ?? fallback',
  isnull: 'x == null',
  iif: 'condition ? a : b',
  if: 'condition ? a : b',
  like: 'x.includes("…"), x.startsWith("…") or x.endsWith("…")',
  contains: 'x.includes("…")',
  startswith: 'x.startsWith("…")',
  endswith: 'x.endsWith("…")',
  parseInt: 'Number(x) or trunc(Number(x))',
  parseFloat: 'Number(x)',
  int: 'trunc(x)',
  str: 'String(x)',
  text: 'String(x)',
  mod: 'a % b',
  power: 'pow(a, b) or a ** b',
  dayofweek: 'weekday(date)',
  dow: 'weekday(date)',
  dayofmonth: 'day(date)',
  date_part: 'year(d), month(d), day(d) or weekday(d)',
  strftime: 'year(d), month(d), day(d) or String(d)',
  includes: '[…].includes(x) or x in […]',
  getFullYear: 'year(x)',
  getUTCFullYear: 'year(x)',
  getMonth: 'month(x) (months count 1–12)',
  getUTCMonth: 'month(x) (months count 1–12)',
  getDate: 'day(x)',
  getUTCDate: 'day(x)',
  getDay: 'weekday(x)',
  getUTCDay: 'weekday(x)',
  getHours: 'hour(x)',
  getUTCHours: 'hour(x)',
  getMinutes: 'minute(x)',
  getUTCMinutes: 'minute(x)',
  toISOString: 'String(x)',
  toString: 'String(x)',
  toLocaleLowerCase: 'x.toLowerCase()',
  toLocaleUpperCase: 'x.toUpperCase()',
  sum: 'the Aggregate step (sum, mean, count … work over many rows, not one)',
  mean: 'the Aggregate step (sum, mean, count … work over many rows, not one)',
  avg: 'the Aggregate step (sum, mean, count … work over many rows, not one)',
  count: 'the Aggregate step (sum, mean, count … work over many rows, not one)',
  now: 'a fixed date instead, e.g. date("2024-01-01")',
  today: 'a fixed date instead, e.g. date("2024-01-01")',
};

/** Names refused because they would give a different answer on each run (and so defeat the cache). */
export const NOT_REPEATABLE: ReadonlySet<string> = new Set(['random', 'now', 'today']);

/** `date("…")`, `date(year, month, day)`; throws the reason when the text is not a date. */
function makeDate(args: Present[]): Date {
  const [first, month, day] = args;
  if (args.length === 1) {
    if (first instanceof Date) return first;
    if (typeof first !== 'string') throw new Error(`date(…) needs ISO text such as "2023-02-01" or a year, month and day, not ${String(first)}`);
    const parsed = parseIsoDate(first);
    if (!parsed.ok) throw new Error(parsed.reason);
    return new Date(parsed.time);
  }
  const y = first;
  const m = num(month as Present);
  const d = day === undefined ? 1 : num(day);
  if (typeof y !== 'number' || !Number.isInteger(y) || !Number.isInteger(m) || m < 1 || m > 12 || !Number.isInteger(d) || d < 1 || d > 31) {
    throw new Error(`date(${args.map(String).join(', ')}) is not a date: write whole numbers, the month 1–12 and the day 1–31`);
  }
  const date = new Date(Date.UTC(2000, m - 1, d));
  // Date.UTC maps years 0–99 to 1900–1999; set the year exactly as written.
  date.setUTCFullYear(y);
  if (date.getUTCDate() !== d) throw new Error(`date(${y}, ${m}, ${d}) is not a date: that month has fewer days`);
  return date;
}
