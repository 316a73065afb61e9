/**
 * Row expressions for filter and derive, e.g. `temp_max > 20 && weather == "sun"`.
 * Columns may be written bare (`temp_max`), as `d.temp_max`, or in backticks (`` `max temp` ``).
 * We rewrite them to arquero's `d["…"]` form and check every column exists first, so a typo gets
 * "column `tempmax` not found; columns are: …" rather than arquero's own wording. Arquero then
 * parses the expression itself and refuses anything but operators and its `op` functions.
 */
import { columnNotFound } from './table';

const ALLOWED_NAMES = new Set(['d', 'op', 'true', 'false', 'null', 'undefined', 'NaN', 'Infinity', 'Math', 'typeof', 'in', 'instanceof', 'new', 'void']);
const TOKEN = /(\d+\.?\d*(?:[eE][+-]?\d+)?|\.\d+(?:[eE][+-]?\d+)?)|("(?:[^"\\]|\\.)*"|'(?:[^'\\]|\\.)*')|`([^`]*)`|(\.\s*)?([A-Za-z_$][A-Za-z0-9_$]*)(\s*\()?|\[\s*("(?:[^"\\]|\\.)*"|'(?:[^'\\]|\\.)*')\s*\]/g;
const SQL_WORDS: Record<string, string> = { and: '&&', or: '||', not: '!' };
/** A single `=` (SQL's equality) where `==` was meant; `==`, `!=`, `<=`, `>=` and `=>` are fine. */
const LONE_EQUALS = /(^|[^=!<>])=(?![=>])/;
const ARROW = /^\s*(?:\(\s*d\s*\)|d)\s*=>\s*/;

/** Returns arquero's `d => …` source for `expression`, or throws naming the unknown column or name. */
export function compileRowExpression(expression: string, columns: readonly string[]): string {
  const body = expression.replace(ARROW, '');
  if (!body.trim()) throw new Error('the expression is empty');
  if (LONE_EQUALS.test(body.replace(/"(?:[^"\\]|\\.)*"|'(?:[^'\\]|\\.)*'/g, '""'))) throw new Error('use `==` to compare (a single `=` assigns)');
  let previousWasD = false;
  const rewritten = body.replace(TOKEN, (match, number: string | undefined, quoted: string | undefined, backticked: string | undefined, dot: string | undefined, name: string | undefined, call: string | undefined, bracketed: string | undefined) => {
    const afterD = previousWasD;
    previousWasD = false;
    if (number !== undefined || quoted !== undefined) return match;
    if (backticked !== undefined) return column(backticked);
    if (bracketed !== undefined) {
      if (afterD) check(JSON.parse(bracketed.startsWith("'") ? `"${bracketed.slice(1, -1).replace(/"/g, '\\"')}"` : bracketed) as string);
      return match;
    }
    if (name === undefined) return match;
    if (dot !== undefined) {
      if (afterD) check(name);
      return match;
    }
    if (name === 'd' && !call) {
      previousWasD = true;
      return match;
    }
    if (call) return match; // a function call: arquero checks it is one of its `op` functions
    if (columns.includes(name)) return column(name);
    const operator = SQL_WORDS[name.toLowerCase()];
    if (operator) throw new Error(`write \`${operator}\` instead of \`${name}\` in expressions (JavaScript operators)`);
    if (ALLOWED_NAMES.has(name)) return match;
    throw new Error(columnNotFound(name, columns));
  });
  return `d => ${rewritten}`;

  function check(name: string): void {
    if (!columns.includes(name)) throw new Error(columnNotFound(name, columns));
  }
  function column(name: string): string {
    check(name);
    return `d[${JSON.stringify(name)}]`;
  }
}

/** Puts arquero's parse errors in words that name the expression. */
export function expressionError(expression: string, error: unknown): Error {
  const message = error instanceof Error ? error.message.split('\n')[0] ?? '' : String(error);
  const reason = message.startsWith('Expression parse error') ? 'it is not a valid expression' : message.replace(/^Invalid function call: /, 'unknown function ');
  return new Error(`cannot use the expression \`${expression}\`: ${reason}`);
}
