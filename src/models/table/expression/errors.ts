/** The two ways an expression fails: before any row is read (with the span to underline), or at one row. */

/** A mistake in the expression itself; `start`–`end` is the part of the text it is about. */
export class ExpressionError extends Error {
  readonly start: number;
  readonly end: number;
  constructor(message: string, start: number, end: number) {
    super(message);
    this.name = 'ExpressionError';
    this.start = start;
    this.end = end;
  }
}

/** A value met at one row that the expression cannot use (only on columns of mixed kinds, or conversions). */
export class RowError extends Error {
  readonly row: number;
  readonly start: number;
  readonly end: number;
  constructor(message: string, row: number, start: number, end: number) {
    super(message);
    this.name = 'RowError';
    this.row = row;
    this.start = start;
    this.end = end;
  }
}

/** Code in a message, Markdown-style: `x`, or `` `max temp` > 3 `` when the code holds a backtick. */
export function code(text: string): string {
  return text.includes('`') ? `\`\` ${text} \`\`` : `\`${text}\``;
}

/** The model's message: it names the expression, then the reason (and the row, for a row error). */
export function describeFailure(source: string, error: unknown): string {
  const reason = error instanceof Error ? error.message : String(error);
  const where = error instanceof RowError ? ` at row ${error.row} (rows count from 0)` : '';
  return `cannot use the expression ${code(source)}${where}: ${reason}`;
}
