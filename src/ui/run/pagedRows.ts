/**
 * The rows of a table the grid shows without holding it: the first page comes with the table's
 * shape, further pages (fetched from the run worker) are added as a person scrolls to them.
 */
import type { Table } from '../../models';
import { TABLE_PAGE_ROWS, type TablePart } from '../../worker/protocol';

export const NOT_LOADED: unique symbol = Symbol('not loaded');

export class PagedRows {
  readonly names: readonly string[];
  readonly types: Readonly<Record<string, string>>;
  readonly rowCount: number;
  private readonly pages = new Map<number, readonly (readonly unknown[])[]>();
  private readonly asked = new Set<number>();

  constructor(
    part: TablePart,
    readonly pageRows = TABLE_PAGE_ROWS,
  ) {
    this.names = part.names;
    this.types = part.types;
    this.rowCount = part.rowCount;
    this.pages.set(0, part.columns);
    this.asked.add(0);
  }

  /** The value at column `c`, row `row`, or NOT_LOADED while its page is still to come. */
  cell(c: number, row: number): unknown {
    const page = this.pages.get(Math.floor(row / this.pageRows));
    if (!page) return NOT_LOADED;
    return page[c]?.[row % this.pageRows];
  }

  /** Pages covering rows first..last that are neither here nor asked for; marks them asked. */
  take(first: number, last: number): number[] {
    const wanted: number[] = [];
    const lastRow = Math.min(last, this.rowCount - 1);
    for (let page = Math.floor(Math.max(0, first) / this.pageRows); page * this.pageRows <= lastRow; page++) {
      if (this.asked.has(page)) continue;
      this.asked.add(page);
      wanted.push(page);
    }
    return wanted;
  }

  add(page: number, columns: readonly (readonly unknown[])[]): void {
    this.pages.set(page, columns);
  }

  /** A page whose fetch failed may be asked for again. */
  forget(page: number): void {
    this.asked.delete(page);
  }
}

/** A whole table in the same shape, for values that came whole (small tables, exports). */
export function wholeRows(table: Table): Pick<PagedRows, 'names' | 'types' | 'rowCount' | 'cell'> {
  const types = table.columnTypes();
  return { names: table.names, types, rowCount: table.rowCount, cell: (c, row) => table.columns[c]?.[row] };
}
