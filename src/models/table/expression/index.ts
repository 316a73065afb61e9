/**
 * The row-expression language of table.filter and table.derive (see docs/expressions.md): parsed
 * with acorn, checked against the table's column kinds, and evaluated row by row over the column
 * arrays. One implementation for the browser, the worker and the CLI.
 */
import { Table } from '../table';
import { compileSource, type Scope } from './compile';
import { describeFailure, ExpressionError, RowError } from './errors';
import { fail, quoted, type Part } from './part';
import { conditionHint } from './operators';
import { describeType, showValue, typeOfValue, valueTypeOfValues, type Evaluate, type ValueType } from './values';

export type ExpressionMode = 'condition' | 'value';

/** A column as the editor knows it before a run: the name, and the kind when known. */
export interface ColumnInfo {
  name: string;
  type?: ValueType;
}

export type ExpressionCheck = { ok: true; type: ValueType } | { ok: false; message: string; start: number; end: number };

/**
 * Column kinds by column array. Tables never change once built and steps share their arrays, so
 * editing a filter over the same upstream table scans each column once, not at every run.
 */
let columnKinds = new WeakMap<readonly unknown[], ValueType>();

/** For benchmarks that measure a first run: forget the kinds seen so far. */
export function forgetColumnKinds(): void {
  columnKinds = new WeakMap();
}

function tableScope(table: Table): Scope {
  return {
    names: table.names,
    typeOf: (name) => {
      const values = table.column(name);
      let type = columnKinds.get(values);
      if (type === undefined) columnKinds.set(values, (type = valueTypeOfValues(values)));
      return type;
    },
    valuesOf: (name) => table.column(name),
  };
}

function infoScope(columns: readonly ColumnInfo[] | null): Scope {
  return {
    names: columns ? columns.map((column) => column.name) : null,
    typeOf: (name) => columns?.find((column) => column.name === name)?.type ?? 'any',
    valuesOf: () => [],
  };
}

/** The condition's evaluator, which gives true, false or null (unknown) at every row. */
function asCondition(part: Part): Evaluate {
  if (part.type === 'boolean') return part.evaluate;
  if (part.type !== 'any')
    fail(part, `a condition must be true or false for each row, but ${quoted(part)} gives ${describeType(part.type)}${conditionHint(part)}`);
  const evaluate = part.evaluate;
  return (row) => {
    const value = evaluate(row);
    if (value === null || typeof value === 'boolean') return value;
    throw new RowError(
      `a condition must be true or false for each row, but ${quoted(part)} is ${showValue(value)} (${describeType(typeOfValue(value))})`,
      row,
      part.start,
      part.end,
    );
  };
}

function compileFor(source: string, scope: Scope, mode: ExpressionMode): { part: Part; evaluate: Evaluate } {
  const part = compileSource(source, scope);
  return { part, evaluate: mode === 'condition' ? asCondition(part) : part.evaluate };
}

/** The failure as the models report it, the expression and its reason in words, with the cause kept. */
function failure(source: string, error: unknown): Error {
  if (!(error instanceof ExpressionError) && !(error instanceof RowError)) return error instanceof Error ? error : new Error(String(error));
  return new Error(describeFailure(source, error), { cause: error });
}

/** Checks an expression without running it: for the editor as the person types. */
export function checkExpression(source: string, columns: readonly ColumnInfo[] | null, mode: ExpressionMode): ExpressionCheck {
  try {
    const { part } = compileFor(source, infoScope(columns), mode);
    return { ok: true, type: part.type };
  } catch (error) {
    if (error instanceof ExpressionError || error instanceof RowError) return { ok: false, message: error.message, start: error.start, end: error.end };
    throw error;
  }
}

/** The rows of `table` where `condition` is true (false and unknown rows are dropped). */
export function filterTable(table: Table, condition: string): Table {
  let keep: Uint32Array;
  let count = 0;
  try {
    const { evaluate } = compileFor(condition, tableScope(table), 'condition');
    keep = new Uint32Array(table.rowCount);
    for (let i = 0; i < table.rowCount; i++) if (evaluate(i) === true) keep[count++] = i;
  } catch (error) {
    throw failure(condition, error);
  }
  const kept = keep.subarray(0, count);
  return Table.fromColumns(
    table.names.map((name, c): [string, readonly unknown[]] => {
      const source = table.columns[c] as readonly unknown[];
      if (count === table.rowCount) return [name, source];
      const values = new Array<unknown>(count);
      for (let j = 0; j < count; j++) values[j] = source[kept[j] as number];
      return [name, values];
    }),
  );
}

/** `table` with column `name` set to `expression` per row (replaced in place when it exists, else added last). */
export function deriveColumn(table: Table, name: string, expression: string): Table {
  const values = new Array<unknown>(table.rowCount);
  try {
    const { part, evaluate } = compileFor(expression, tableScope(table), 'value');
    if (part.constant) values.fill(part.constant.value);
    else for (let i = 0; i < table.rowCount; i++) values[i] = evaluate(i);
  } catch (error) {
    throw failure(expression, error);
  }
  const columns: [string, readonly unknown[]][] = table.names.map((existing, c) => [
    existing,
    existing === name ? values : (table.columns[c] as readonly unknown[]),
  ]);
  if (!table.has(name)) columns.push([name, values]);
  return Table.fromColumns(columns);
}
