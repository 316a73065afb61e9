/**
 * A table's columns as they cross between the main thread and a sweep thread (transfer.ts): numbers
 * and text in moved typed arrays, other columns as they are, made into arrays only when read.
 */

/**
 * A table's column as it crosses: numbers as a Float64Array and text as a dictionary of codes
 * (both moved, not copied: a structured clone of a plain array of 55,000 numbers costs far more
 * than the loop that fills the typed array), any other column as it is.
 */
export type ColumnData = { numbers: Float64Array; nulls?: Uint8Array } | { words: string[]; codes: Uint32Array } | { cells: unknown[] };
/**
 * A column the peer holds goes by id too: a derived table shares its source's column arrays (and
 * adds one), so only the new column crosses.
 */
export type WireColumn = { ref: string } | (ColumnData & { id: string });

/** Whether a cell comes through a structured clone as it was (numbers keep NaN and -0; a Date stays a Date). */
const clonesAsIs = (cell: unknown) => cell === null || typeof cell !== 'object' || cell instanceof Date;

/** Numbers, with the empty cells (null) marked apart: a statistic of a one-row group, a join's missing match. */
function numbersOf(column: readonly unknown[], moved: ArrayBuffer[]): ColumnData | null {
  const numbers = new Float64Array(column.length);
  let nulls: Uint8Array<ArrayBuffer> | undefined;
  for (let row = 0; row < column.length; row++) {
    const cell = column[row];
    if (typeof cell === 'number') numbers[row] = cell;
    else if (cell === null) (nulls ??= new Uint8Array(column.length))[row] = 1;
    else return null;
  }
  moved.push(numbers.buffer);
  if (!nulls) return { numbers };
  moved.push(nulls.buffer);
  return { numbers, nulls };
}

function wordsOf(column: readonly unknown[], moved: ArrayBuffer[]): ColumnData | null {
  const index = new Map<string, number>();
  const words: string[] = [];
  const codes = new Uint32Array(column.length);
  for (let row = 0; row < column.length; row++) {
    const cell = column[row];
    if (typeof cell !== 'string') return null;
    let code = index.get(cell);
    if (code === undefined) index.set(cell, (code = words.push(cell) - 1));
    codes[row] = code;
  }
  moved.push(codes.buffer);
  return { words, codes };
}

export function columnData(column: readonly unknown[], moved: ArrayBuffer[]): ColumnData | null {
  const first = column[0];
  const data = typeof first === 'number' || first === null ? numbersOf(column, moved) : typeof first === 'string' ? wordsOf(column, moved) : null;
  return data ?? (column.every(clonesAsIs) ? { cells: column as unknown[] } : null);
}

export function receiveData(column: ColumnData): unknown[] {
  if ('cells' in column) return column.cells;
  // Filled by push, so the array is packed, as the arrays a table operation makes are.
  const cells: unknown[] = [];
  if ('numbers' in column) {
    const { numbers, nulls } = column;
    if (nulls) for (let row = 0; row < numbers.length; row++) cells.push(nulls[row] ? null : numbers[row]);
    else for (const number of numbers) cells.push(number);
  } else for (const code of column.codes) cells.push(column.words[code]);
  return cells;
}

export const lengthOf = (column: ColumnData) => ('numbers' in column ? column.numbers.length : 'codes' in column ? column.codes.length : column.cells.length);

/** A column received whose array is made when its table's columns are first read (`Table.deferred`). */
export class PendingColumn {
  private cells: unknown[] | null = null;
  constructor(
    private readonly data: ColumnData,
    readonly length: number,
    private readonly made: (cells: unknown[]) => void,
  ) {}

  cellsOf(): unknown[] {
    if (this.cells === null) this.made((this.cells = receiveData(this.data)));
    return this.cells;
  }
}

export const cellsOf = (column: unknown[] | PendingColumn) => (column instanceof PendingColumn ? column.cellsOf() : column);
