/**
 * Comparisons (`<` `<=` `>` `>=` `==` `!=`) and membership (`[…].includes(x)`, `x in […]`).
 * Rules: kinds must match (a date column against ISO text written in the expression compares as
 * dates); an empty cell is smaller or greater than nothing (the ordering is unknown, so a filter
 * drops the row); `==` and `!=` are JavaScript's strict ones, where an empty cell equals only null,
 * except that an empty value computed from an empty cell is unknown (see `computed`).
 */
import { RowError } from './errors';
import { constantPart, fail, folded, quoted, type Part, type Span } from './part';
import { describeType, parseIsoDate, showValue, typeOfValue, type Evaluate, type Value } from './values';

export type OrderOp = '<' | '<=' | '>' | '>=';
export type EqualOp = '==' | '!=';
type Present = Exclude<Value, null>;

/** What the comparisons need to know about the table: its column names (for the backtick hint). */
export interface CompareContext {
  names: readonly string[] | null;
}

const FLIP: Record<OrderOp, OrderOp> = { '<': '>', '<=': '>=', '>': '<', '>=': '<=' };
const TEST: Record<OrderOp, (difference: number) => boolean> = { '<': (c) => c < 0, '<=': (c) => c <= 0, '>': (c) => c > 0, '>=': (c) => c >= 0 };

const isNullConstant = (part: Part) => part.constant !== undefined && part.constant.value === null;
const known = (part: Part) => part.type !== 'any' && part.type !== 'null';

/** Text written in the expression beside a date is read as a date (and must be one). */
function asDate(part: Part, other: Part): Part {
  if (other.type !== 'date' || part.type !== 'text' || !part.constant) return part;
  const parsed = parseIsoDate(part.constant.value as string);
  if (!parsed.ok) fail(part, `${quoted(other)} is a date, so ${quoted(part)} must be a date too: ${parsed.reason}`);
  return constantPart('date', new Date(parsed.time), part);
}

const described = (part: Part) => `${quoted(part)} (${describeType(part.type)})`;

function mismatch(op: string, left: Part, right: Part, whole: Span, context: CompareContext): never {
  const textSide = left.type === 'text' ? left : right.type === 'text' ? right : undefined;
  const other = textSide === left ? right : left;
  let hint = '';
  const written = textSide?.constant ? String(textSide.constant.value) : undefined;
  if (written !== undefined && context.names?.includes(written)) hint = `: to use the column \`${written}\`, write its name in backticks, not quotes`;
  else if (written !== undefined && other.type === 'number' && written.trim() !== '' && !Number.isNaN(Number(written)))
    hint = `: write the number without quotes, e.g. ${other.text} ${op} ${written.trim()}`;
  else if (written !== undefined && other.type === 'boolean' && (written === 'true' || written === 'false')) hint = `: write ${written} without quotes`;
  else if (textSide && other.type === 'date') hint = `: read the text as a date with date(${textSide.text})`;
  else if (left.type === 'date' || right.type === 'date') hint = ': compare a date with a date such as "2023-02-01", or use year(d), month(d), day(d)';
  fail(whole, `cannot compare ${described(left)} with ${described(right)}${hint}`);
}

function checkKinds(op: string, left: Part, right: Part, whole: Span, context: CompareContext): void {
  if (known(left) && known(right) && left.type !== right.type) mismatch(op, left, right, whole, context);
  // Both written in the expression: usually a column name put in quotes.
  for (const side of [left, right]) {
    if (side.type === 'text' && side.constant && left.constant && right.constant && context.names?.includes(String(side.constant.value))) {
      fail(side, `${quoted(side)} is text here; to use the column \`${String(side.constant.value)}\`, write its name in backticks`);
    }
  }
}

// ---------------------------------------------------------------- ordering

export function order(op: OrderOp, leftIn: Part, rightIn: Part, whole: Span, context: CompareContext): Part {
  for (const [side, other] of [
    [leftIn, rightIn],
    [rightIn, leftIn],
  ] as const) {
    if (isNullConstant(side)) fail(whole, `nothing is smaller or greater than an empty cell: to find empty cells write ${other.text} == null`);
  }
  const left = asDate(leftIn, rightIn);
  const right = asDate(rightIn, leftIn);
  if (left.type === 'boolean' || right.type === 'boolean') fail(whole, `true/false values cannot be ordered with \`${op}\`: compare them with == or !=`);
  checkKinds(op, left, right, whole, context);
  const dynamic = left.type === 'any' || right.type === 'any';
  const dates = left.type === 'date' || right.type === 'date';
  const evaluate = dynamic ? dynamicOrder(op, left, right, whole) : staticOrder(op, left, right, dates);
  return folded({ ...whole, type: 'boolean', evaluate }, [left, right]);
}

const keyOf = (value: Value) => (value instanceof Date ? value.getTime() : value);
const timeOf =
  (evaluate: Evaluate): Evaluate =>
  (row) => {
    const value = evaluate(row) as Date | null;
    return value === null ? null : value.getTime();
  };

// Numbers and text compare with the same JavaScript operators; the casts only quiet TypeScript.
function staticOrder(op: OrderOp, left: Part, right: Part, dates: boolean): Evaluate {
  if (left.column && right.constant) return columnAgainst(op, left.column, keyOf(right.constant.value) as number, dates);
  if (right.column && left.constant) return columnAgainst(FLIP[op], right.column, keyOf(left.constant.value) as number, dates);
  const l = dates ? timeOf(left.evaluate) : left.evaluate;
  const r = dates ? timeOf(right.evaluate) : right.evaluate;
  switch (op) {
    case '<':
      return (i) => {
        const a = l(i);
        if (a === null) return null;
        const b = r(i);
        return b === null ? null : (a as number) < (b as number);
      };
    case '<=':
      return (i) => {
        const a = l(i);
        if (a === null) return null;
        const b = r(i);
        return b === null ? null : (a as number) <= (b as number);
      };
    case '>':
      return (i) => {
        const a = l(i);
        if (a === null) return null;
        const b = r(i);
        return b === null ? null : (a as number) > (b as number);
      };
    case '>=':
      return (i) => {
        const a = l(i);
        if (a === null) return null;
        const b = r(i);
        return b === null ? null : (a as number) >= (b as number);
      };
  }
}

function columnAgainst(op: OrderOp, column: readonly unknown[], k: number, dates: boolean): Evaluate {
  if (dates) {
    const cells = column as readonly (Date | null | undefined)[];
    switch (op) {
      case '<':
        return (i) => (cells[i] == null ? null : (cells[i] as Date).getTime() < k);
      case '<=':
        return (i) => (cells[i] == null ? null : (cells[i] as Date).getTime() <= k);
      case '>':
        return (i) => (cells[i] == null ? null : (cells[i] as Date).getTime() > k);
      case '>=':
        return (i) => (cells[i] == null ? null : (cells[i] as Date).getTime() >= k);
    }
  }
  const cells = column as readonly (number | null | undefined)[];
  switch (op) {
    case '<':
      return (i) => {
        const v = cells[i];
        return v == null ? null : v < k;
      };
    case '<=':
      return (i) => {
        const v = cells[i];
        return v == null ? null : v <= k;
      };
    case '>':
      return (i) => {
        const v = cells[i];
        return v == null ? null : v > k;
      };
    case '>=':
      return (i) => {
        const v = cells[i];
        return v == null ? null : v >= k;
      };
  }
}

function dynamicOrder(op: OrderOp, left: Part, right: Part, whole: Span): Evaluate {
  const l = left.evaluate;
  const r = right.evaluate;
  const test = TEST[op];
  return (row) => {
    const a = l(row);
    if (a === null) return null;
    const b = r(row);
    return b === null ? null : test(difference(a, b, row, whole));
  };
}

/** The sign of a − b for two values of the same kind (NaN for NaN); throws at this row for two kinds. */
function difference(a: Present, b: Present, row: number, whole: Span): number {
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  if (typeof a === 'string' && typeof b === 'string') return a < b ? -1 : a > b ? 1 : 0;
  const ta = timeAgainst(a, b, row, whole);
  const tb = timeAgainst(b, a, row, whole);
  if (ta !== undefined && tb !== undefined) return ta - tb;
  throw new RowError(
    `cannot compare ${showValue(a)} (${describeType(typeOfValue(a))}) with ${showValue(b)} (${describeType(typeOfValue(b))})`,
    row,
    whole.start,
    whole.end,
  );
}

/** A date's time; text beside a date read as a date (or the reason it is not one). */
function timeAgainst(value: Present, other: Present, row: number, whole: Span): number | undefined {
  if (value instanceof Date) return value.getTime();
  if (typeof value === 'string' && other instanceof Date) {
    const parsed = parseIsoDate(value);
    if (!parsed.ok) throw new RowError(`comparing with a date: ${parsed.reason}`, row, whole.start, whole.end);
    return parsed.time;
  }
  return undefined;
}

// ---------------------------------------------------------------- equality

export function equal(op: EqualOp, leftIn: Part, rightIn: Part, whole: Span, context: CompareContext): Part {
  const negate = op === '!=';
  const tested = isNullConstant(rightIn) ? leftIn : isNullConstant(leftIn) ? rightIn : undefined;
  if (tested) return folded({ ...whole, type: 'boolean', evaluate: emptyTest(tested, negate) }, [tested]);
  const left = asDate(leftIn, rightIn);
  const right = asDate(rightIn, leftIn);
  checkKinds(op, left, right, whole, context);
  let evaluate: Evaluate;
  if (computed(left) || computed(right)) evaluate = unknownOnComputedEmpty(left, right, negate);
  else if (left.type === 'any' || right.type === 'any' || left.type === 'date' || right.type === 'date') {
    const same = left.type === 'any' || right.type === 'any' ? dynamicEqual(left, right) : dateEqual(left, right);
    evaluate = negate ? (row) => !same(row) : same;
  } else evaluate = strictEqual(left, right, negate);
  return folded({ ...whole, type: 'boolean', evaluate }, [left, right]);
}

/**
 * A part whose value is worked out per row (not a bare column, not a literal). Its empty result
 * comes from an empty input (`temp * 2`, `max(temp, 30)`, `city.toLowerCase()`), so it stands for an
 * unknown value: comparing it with anything but the literal null is unknown, as in SQL, never the
 * silent `null == null` that would keep exactly the rows whose input is empty.
 */
const computed = (part: Part) => part.column === undefined && part.constant === undefined;

function unknownOnComputedEmpty(left: Part, right: Part, negate: boolean): Evaluate {
  const l = left.evaluate;
  const r = right.evaluate;
  const leftUnknown = computed(left);
  const rightUnknown = computed(right);
  return (i) => {
    const a = l(i);
    if (a === null && leftUnknown) return null;
    const b = r(i);
    if (b === null && rightUnknown) return null;
    return sameValue(a, b) !== negate;
  };
}

function emptyTest(part: Part, negate: boolean): Evaluate {
  if (part.column) {
    const cells = part.column;
    return negate ? (i) => cells[i] != null : (i) => cells[i] == null;
  }
  const evaluate = part.evaluate;
  return negate ? (i) => evaluate(i) !== null : (i) => evaluate(i) === null;
}

function strictEqual(left: Part, right: Part, negate = false): Evaluate {
  const column = left.column && right.constant ? left.column : right.column && left.constant ? right.column : undefined;
  if (column) {
    const k = (left.constant ?? right.constant)?.value;
    return negate ? (i) => column[i] !== k : (i) => column[i] === k;
  }
  const l = left.evaluate;
  const r = right.evaluate;
  return negate ? (i) => l(i) !== r(i) : (i) => l(i) === r(i);
}

function dateEqual(left: Part, right: Part): Evaluate {
  const l = timeOf(left.evaluate);
  const r = timeOf(right.evaluate);
  return (i) => l(i) === r(i);
}

function dynamicEqual(left: Part, right: Part): Evaluate {
  const l = left.evaluate;
  const r = right.evaluate;
  return (i) => sameValue(l(i), r(i));
}

/** `==` on two runtime values: strict, dates by time, ISO text against a date as a date. */
function sameValue(a: Value, b: Value): boolean {
  if (a === b) return true;
  if (a === null || b === null) return false;
  const ta = a instanceof Date ? a.getTime() : typeof a === 'string' && b instanceof Date ? isoTime(a) : undefined;
  const tb = b instanceof Date ? b.getTime() : typeof b === 'string' && a instanceof Date ? isoTime(b) : undefined;
  return ta !== undefined && ta === tb;
}

function isoTime(text: string): number | undefined {
  const parsed = parseIsoDate(text);
  return parsed.ok ? parsed.time : undefined;
}

// ---------------------------------------------------------------- membership

/** `[…].includes(value)` and `value in […]`: true when the value equals an item (an empty cell matches only null). */
export function membership(value: Part, itemsIn: readonly Part[], whole: Span): Part {
  const items = itemsIn.map((item) => asDate(item, value));
  for (const item of items) {
    if (known(item) && known(value) && item.type !== value.type) {
      const hint =
        item.type === 'text' && item.constant && value.type === 'number' && !Number.isNaN(Number(item.constant.value))
          ? ': write the numbers without quotes'
          : '';
      fail(item, `the list holds ${described(item)} but ${quoted(value)} is ${describeType(value.type)}${hint}`);
    }
  }
  const evaluate = items.every((item) => item.constant) ? constantList(value, items) : rowList(value, items);
  return folded({ ...whole, type: 'boolean', evaluate }, [value, ...items]);
}

function constantList(value: Part, items: readonly Part[]): Evaluate {
  const values = new Set<unknown>();
  const times = new Set<number>();
  let hasNull = false;
  for (const item of items) {
    const v = (item.constant as { value: Value }).value;
    if (v === null) hasNull = true;
    else if (v instanceof Date) times.add(v.getTime());
    else {
      values.add(v);
      const time = value.type === 'any' && typeof v === 'string' ? isoTime(v) : undefined;
      if (time !== undefined) times.add(time);
    }
  }
  const emptyIsUnknown = computed(value) && !hasNull;
  if (value.column && value.type !== 'date' && value.type !== 'any') {
    const cells = value.column;
    return (i) => {
      const v = cells[i];
      return v == null ? hasNull : values.has(v);
    };
  }
  const evaluate = value.evaluate;
  return (i) => {
    const v = evaluate(i);
    if (v === null) return emptyIsUnknown ? null : hasNull;
    return v instanceof Date ? times.has(v.getTime()) : values.has(v);
  };
}

/** As SQL's `IN`: true on a match, else unknown when the value or an item is a computed empty. */
function rowList(value: Part, items: readonly Part[]): Evaluate {
  const evaluate = value.evaluate;
  const valueUnknown = computed(value);
  const itemValues = items.map((item) => ({ evaluate: item.evaluate, unknown: computed(item) }));
  return (i) => {
    const v = evaluate(i);
    let unknown = v === null && valueUnknown;
    for (const item of itemValues) {
      const w = item.evaluate(i);
      if (w === null && item.unknown) unknown = true;
      else if (!(v === null && valueUnknown) && sameValue(v, w)) return true;
    }
    return unknown ? null : false;
  };
}
