/**
 * Pages of a table for the viewer (`get-rows`): as stored, or in the order and with the rows the
 * viewer's sort and search give. The view's row order is computed once per table and view, and
 * kept while a person scrolls through it.
 */
import type { Table } from '../models';
import { isPlainView, viewPage, viewRows, type RowView } from '../models/table/rowView';
import type { GetRowsMessage, RowsPage } from './protocol';

const lastView = new WeakMap<Table, { key: string; rows: Uint32Array }>();

function rowsOf(table: Table, view: RowView): Uint32Array {
  const key = JSON.stringify([view.sortBy ?? null, view.descending === true, view.search?.trim().toLowerCase() ?? '']);
  const kept = lastView.get(table);
  if (kept?.key === key) return kept.rows;
  const rows = viewRows(table, view) ?? Uint32Array.from({ length: table.rowCount }, (_, row) => row);
  lastView.set(table, { key, rows });
  return rows;
}

export function pageOfRows(table: Table, message: Pick<GetRowsMessage, 'from' | 'count' | 'rowView'>): RowsPage {
  const { from, count, rowView: view } = message;
  if (!view || isPlainView(view)) return { from, columns: viewPage(table, null, from, count) };
  const rows = rowsOf(table, view);
  return { from, columns: viewPage(table, rows, from, count), total: rows.length, rowNumbers: Array.from(rows.subarray(from, from + count)) };
}
