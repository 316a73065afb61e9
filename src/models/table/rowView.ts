/**
 * The table viewer's sort and search over a whole table: which rows, in which order. Pure, so the
 * run worker computes it next to the table (a million rows never cross to the page) and the page
 * for the small tables it holds whole.
 */
import { cellText, fullNumber } from './cellText';
import type { Table } from './table';

export interface RowView {
  /** The column to order by; rows keep their order when absent. */
  sortBy?: string;
  descending?: boolean;
  /** Keeps the rows with a cell containing this text (ignoring case), as the viewer shows it. */
  search?: string;
}

/** A view that changes nothing (no sort, no search) shows the table as it is. */
export function isPlainView(view: RowView | undefined): boolean {
  return !view || (view.sortBy === undefined && !view.search?.trim());
}

/** Sorting ranks: empty cells first (as `table.sort` and SQL do, ascending), then by kind. */
const RANK = { null: 0, boolean: 1, number: 2, date: 3, string: 4, other: 5 } as const;

function rankOf(value: unknown): number {
  if (value === null || value === undefined || (typeof value === 'number' && Number.isNaN(value))) return RANK.null;
  if (typeof value === 'boolean') return RANK.boolean;
  if (typeof value === 'number') return RANK.number;
  if (value instanceof Date) return RANK.date;
  if (typeof value === 'string') return RANK.string;
  return RANK.other;
}

const collator = new Intl.Collator('en', { numeric: true, sensitivity: 'base' });

/**
 * Per row, a number that sorts like the cell: the cell itself for numbers, its time for dates, and
 * for text its place among the column's distinct texts in a person's order (`a2` before `a10`,
 * case aside), so the sort compares numbers only.
 */
function sortKeys(values: readonly unknown[]): { ranks: Uint8Array; keys: Float64Array } {
  const ranks = new Uint8Array(values.length);
  const keys = new Float64Array(values.length);
  const texts = new Set<string>();
  for (let i = 0; i < values.length; i++) {
    const value = values[i];
    const rank = rankOf(value);
    ranks[i] = rank;
    if (rank === RANK.number) keys[i] = value as number;
    else if (rank === RANK.boolean) keys[i] = value ? 1 : 0;
    else if (rank === RANK.date) keys[i] = (value as Date).getTime();
    else if (rank === RANK.string) texts.add(value as string);
    else if (rank === RANK.other) texts.add(cellText(value));
  }
  if (texts.size) {
    const order = new Map([...texts].sort(collator.compare).map((text, place) => [text, place]));
    for (let i = 0; i < values.length; i++) {
      const rank = ranks[i] as number;
      if (rank === RANK.string) keys[i] = order.get(values[i] as string) as number;
      else if (rank === RANK.other) keys[i] = order.get(cellText(values[i])) as number;
    }
  }
  return { ranks, keys };
}

/** Whether a cell contains `needle` (lower case): as shown, or for a rounded number as written in full. */
function cellMatches(value: unknown, needle: string): boolean {
  if (value === null || value === undefined) return false;
  if (typeof value === 'string') return value.toLowerCase().includes(needle);
  if (cellText(value).toLowerCase().includes(needle)) return true;
  const full = typeof value === 'number' ? fullNumber(value) : undefined;
  return full !== undefined && full.toLowerCase().includes(needle);
}

/**
 * The rows of `table` the view shows, as row numbers in their order; null when the view changes
 * nothing. Sorting is stable: rows with equal cells keep the table's order.
 */
export function viewRows(table: Table, view: RowView): Uint32Array | null {
  if (isPlainView(view)) return null;
  let rows: number[] = [];
  const needle = view.search?.trim().toLowerCase() ?? '';
  if (needle) {
    for (let row = 0; row < table.rowCount; row++) {
      for (let c = 0; c < table.columns.length; c++) {
        if (cellMatches((table.columns[c] as readonly unknown[])[row], needle)) {
          rows.push(row);
          break;
        }
      }
    }
  } else rows = Array.from({ length: table.rowCount }, (_, row) => row);
  if (view.sortBy !== undefined) {
    const { ranks, keys } = sortKeys(table.column(view.sortBy));
    const sign = view.descending ? -1 : 1;
    // Array.prototype.sort is stable; ties (equal cells) keep the table's order either way.
    rows.sort((a, b) => sign * ((ranks[a] as number) - (ranks[b] as number) || (keys[a] as number) - (keys[b] as number)));
  }
  return Uint32Array.from(rows);
}

/** Rows `from`..`from + count` of the view, one array per column. */
export function viewPage(table: Table, rows: Uint32Array | null, from: number, count: number): unknown[][] {
  if (!rows) return table.columns.map((column) => column.slice(from, from + count));
  const picked = rows.subarray(from, Math.min(rows.length, from + count));
  return table.columns.map((column) => Array.from(picked, (row) => column[row]));
}
