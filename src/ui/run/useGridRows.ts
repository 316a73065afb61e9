/**
 * The rows a table grid shows: whole (small tables, sorted and searched here) or page by page from
 * the run worker (big ones, sorted and searched there, over the whole table).
 */
import { useEffect, useMemo, useReducer, useRef, useState } from 'react';
import type { Table } from '../../models';
import { isPlainView, type RowView } from '../../models/table/rowView';
import { isTablePart, TABLE_PAGE_ROWS, type TableAt, type TablePart } from '../../worker/protocol';
import { useStudio } from '../hooks/useStudio';
import { PagedRows, wholeRows, type GridRows } from './pagedRows';

/** Typing pauses this long before a search asks the worker. */
const SEARCH_PAUSE_MS = 250;

export type SortState = { column: string; descending: boolean } | null;

/** The next sort when a column's header is clicked: ascending, then descending, then none. */
export function nextSort(sort: SortState, column: string): SortState {
  if (sort?.column !== column) return { column, descending: false };
  return sort.descending ? null : { column, descending: true };
}

/** `value`, once it has stayed the same for `ms`. */
function useSettled<T>(value: T, ms: number): T {
  const [settled, setSettled] = useState(value);
  useEffect(() => {
    const timer = setTimeout(() => setSettled(value), ms);
    return () => clearTimeout(timer);
  }, [value, ms]);
  return settled;
}

/** The view for a sort and a search text (null: the table as it is). */
export function useRowView(sort: SortState, searchText: string): RowView | null {
  const search = useSettled(searchText, SEARCH_PAUSE_MS);
  return useMemo(() => {
    const view: RowView = { ...(sort ? { sortBy: sort.column, descending: sort.descending } : {}), ...(search.trim() ? { search } : {}) };
    return isPlainView(view) ? null : view;
  }, [sort, search]);
}

/**
 * Asks the worker for the pages of rows the grid shows and has not got yet (for a sorted or searched
 * view, first the page that tells how many rows it has); re-renders as they come, while mounted.
 */
export function useFetchPages(rows: GridRows, at: TableAt | undefined, first: number, last: number): void {
  const [, pageArrived] = useReducer((count: number) => count + 1, 0);
  const mounted = useRef(true);
  useEffect(() => {
    mounted.current = true;
    return () => {
      mounted.current = false;
    };
  }, []);
  const { run } = useStudio();
  useEffect(() => {
    if (!(rows instanceof PagedRows) || !at || (rows.rowCount !== null && last < first)) return;
    for (const page of rows.take(first, last)) {
      run
        .getState()
        .tableRows(at, page * rows.pageRows, rows.pageRows, rows.view ?? undefined)
        .then((answer) => {
          rows.add(page, answer);
          if (mounted.current) pageArrived();
        })
        .catch((error: unknown) => {
          rows.forget(page);
          rows.failure = error instanceof Error ? error.message : String(error);
          if (mounted.current) pageArrived();
        });
    }
  }, [rows, at, first, last, run]);
}

/** The grid's rows for a view: by page for a table in parts (see `useFetchPages`), else whole. */
export function useGridRows(table: Table | TablePart, view: RowView | null): GridRows {
  return useMemo(() => (isTablePart(table) ? new PagedRows(table, TABLE_PAGE_ROWS, view) : wholeRows(table, view)), [table, view]);
}
