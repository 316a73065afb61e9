/**
 * A checked, compiled piece of an expression: its kind, and a function from a row number to its
 * value. Parts that read no column are folded to their value once; a bare column keeps its array
 * so comparisons can read it directly (the hot path on large tables).
 */
import { code, ExpressionError, RowError } from './errors';
import { describeType, showValue, typeOfValue, type Evaluate, type Value, type ValueType } from './values';

export interface Span {
  start: number;
  end: number;
  /** This piece of the expression as written, for messages. */
  text: string;
}

export interface Part extends Span {
  type: ValueType;
  evaluate: Evaluate;
  /** Set when the part reads no column: its one value. */
  constant?: { value: Value };
  /** Set for a bare column reference: the column's values. */
  column?: readonly unknown[];
}

export function fail(span: Pick<Span, 'start' | 'end'>, message: string): never {
  throw new ExpressionError(message, span.start, span.end);
}

export function constantPart(type: ValueType, value: Value, span: Span): Part {
  return { ...span, type: value === null ? 'null' : type, evaluate: () => value, constant: { value } };
}

/** `part` as a constant when all of `inputs` are: evaluated once (a failure then is the expression's, not a row's). */
export function folded(part: Part, inputs: readonly Part[]): Part {
  if (!inputs.every((input) => input.constant)) return part;
  try {
    const value = part.evaluate(0);
    return constantPart(part.type, value, part);
  } catch (error) {
    if (error instanceof RowError) fail(part, error.message);
    throw error;
  }
}

/** `` `x` `` in messages. */
export const quoted = (span: Span) => code(span.text);

/** "`temp` is a number" / "`city` is text". */
export function kindOf(part: Part): string {
  return `${quoted(part)} is ${describeType(part.type)}`;
}

/**
 * The part's evaluator, checked to give `want` (or null) at every row: a no-op when the checker
 * already knows its kind, a per-row test for columns of mixed kinds.
 */
export function expecting(part: Part, want: Exclude<ValueType, 'any' | 'null'>, use: string): Evaluate {
  if (part.type !== 'any') return part.evaluate;
  const evaluate = part.evaluate;
  return (row) => {
    const value = evaluate(row);
    if (value === null || typeOfValue(value) === want) return value;
    throw new RowError(`${use} needs ${describeType(want)}, but ${quoted(part)} is ${showValue(value)}`, row, part.start, part.end);
  };
}

/** Whether a part's kind can stand where `want` is needed (mixed columns and null are checked per row). */
export function fits(part: Part, want: ValueType): boolean {
  return want === 'any' || part.type === want || part.type === 'any' || part.type === 'null';
}
