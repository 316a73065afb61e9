/**
 * The rows of a table the grid shows without holding it: the first page comes with the table's
 * shape, further pages (fetched from the run worker) are added as a person scrolls to them. Sorted
 * or searched, the worker orders the whole table and the pages come in that order, each row with
 * its number in the table; until the first of them comes the row count is not known.
 */
import type { Table } from '../../models';
import { viewRows, type RowView } from '../../models/table/rowView';
import { TABLE_PAGE_ROWS, type RowsPage, type TablePart } from '../../worker/protocol';

export const NOT_LOADED: unique symbol = Symbol('not loaded');

/** What the grid reads, whether the rows come by page or whole. */
export interface GridRows {
  readonly names: readonly string[];
  readonly types: Readonly<Record<string, string>>;
  /** Rows shown (those the search keeps); null until a sorted or searched view's first page comes. */
  readonly rowCount: number | null;
  /** The table's own row count. */
  readonly tableRowCount: number;
  /** The value at column `c`, row `row` of the view, or NOT_LOADED while its page is still to come. */
  cell(c: number, row: number): unknown;
  /** Row `row` of the view's number in the table (from 0). */
  rowNumber(row: number): number | typeof NOT_LOADED;
  /** Why the last page asked for did not come (shown above the grid; scrolling asks again). */
  readonly failure: string | null;
}

export class PagedRows implements GridRows {
  readonly names: readonly string[];
  readonly types: Readonly<Record<string, string>>;
  readonly tableRowCount: number;
  rowCount: number | null;
  failure: string | null = null;
  private readonly pages = new Map<number, { columns: readonly (readonly unknown[])[]; rowNumbers?: readonly number[] }>();
  private readonly asked = new Set<number>();

  /** From the table's first page (`part`), or, for a sorted or searched view (`view`), awaiting its first page. */
  constructor(
    part: TablePart,
    readonly pageRows = TABLE_PAGE_ROWS,
    readonly view: RowView | null = null,
  ) {
    this.names = part.names;
    this.types = part.types;
    this.tableRowCount = part.rowCount;
    this.rowCount = view ? null : part.rowCount;
    if (!view) {
      this.add(0, { from: 0, columns: part.columns });
      this.asked.add(0);
    }
  }

  cell(c: number, row: number): unknown {
    const page = this.pages.get(Math.floor(row / this.pageRows));
    if (!page) return NOT_LOADED;
    return page.columns[c]?.[row % this.pageRows];
  }

  rowNumber(row: number): number | typeof NOT_LOADED {
    const page = this.pages.get(Math.floor(row / this.pageRows));
    if (!page) return NOT_LOADED;
    return page.rowNumbers ? (page.rowNumbers[row % this.pageRows] ?? NOT_LOADED) : row;
  }

  /** Pages covering rows first..last that are neither here nor asked for; marks them asked. Before the row count is known, the first page. */
  take(first: number, last: number): number[] {
    if (this.rowCount === null) {
      if (this.asked.has(0)) return [];
      this.asked.add(0);
      return [0];
    }
    const wanted: number[] = [];
    const lastRow = Math.min(last, this.rowCount - 1);
    for (let page = Math.floor(Math.max(0, first) / this.pageRows); page * this.pageRows <= lastRow; page++) {
      if (this.asked.has(page)) continue;
      this.asked.add(page);
      wanted.push(page);
    }
    return wanted;
  }

  add(page: number, rows: RowsPage): void {
    this.failure = null;
    if (rows.total !== undefined) this.rowCount = rows.total;
    this.pages.set(page, rows.rowNumbers ? { columns: rows.columns, rowNumbers: rows.rowNumbers } : { columns: rows.columns });
  }

  /** A page whose fetch failed may be asked for again. */
  forget(page: number): void {
    this.asked.delete(page);
  }
}

/** A whole table in the same shape (values that came whole: small tables), sorted and searched here. */
export function wholeRows(table: Table, view: RowView | null): GridRows {
  const types = table.columnTypes();
  const order = view ? viewRows(table, view) : null;
  const at = (row: number) => (order ? (order[row] as number) : row);
  return {
    names: table.names,
    types,
    rowCount: order ? order.length : table.rowCount,
    tableRowCount: table.rowCount,
    cell: (c, row) => table.columns[c]?.[at(row)],
    rowNumber: at,
    failure: null,
  };
}
