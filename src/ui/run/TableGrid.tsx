/**
 * A table extract as a virtualised grid: only the visible rows are in the DOM, and a table sent as
 * its first page (`TablePart`) fetches further pages from the run worker as a person scrolls.
 * A header sorts by its column (ascending, descending, none) and the search box keeps the rows
 * with a cell containing the text; both apply to the whole table (in the worker for big ones).
 */
import { useEffect, useMemo, useRef, useState } from 'react';
import { useVirtualizer } from '@tanstack/react-virtual';
import type { Table } from '../../models';
import { cellText, fullNumber } from '../../models/table/cellText';
import { isTablePart, type TableAt, type TablePart } from '../../worker/protocol';
import { NOT_LOADED, type GridRows } from './pagedRows';
import { nextSort, useFetchPages, useGridRows, useRowView, type SortState } from './useGridRows';

const ROW_HEIGHT = 24;
const VISIBLE_ROWS = 8;

const COLUMN_WIDTH: Record<string, string> = {
  number: 'minmax(72px, 1fr)',
  boolean: 'minmax(60px, 0.6fr)',
  date: 'minmax(150px, 1.4fr)',
  string: 'minmax(110px, 1.5fr)',
  null: 'minmax(60px, 0.6fr)',
  mixed: 'minmax(110px, 1.5fr)',
};

const indexWidth = (rows: number) => 16 + 7 * String(rows).length;

function Cell({ value }: { value: unknown }) {
  if (value === NOT_LOADED) return <span role="cell">…</span>;
  return (
    <span role="cell" title={typeof value === 'number' ? fullNumber(value) : undefined}>
      {cellText(value)}
    </span>
  );
}

const SORT_WORDS = { ascending: 'ascending', descending: 'descending', none: 'none' } as const;

function ColumnHeader({ name, type, sort, onSort }: { name: string; type: string | undefined; sort: SortState; onSort: (name: string) => void }) {
  const direction = sort?.column === name ? (sort.descending ? 'descending' : 'ascending') : 'none';
  return (
    <span role="columnheader" aria-sort={SORT_WORDS[direction]} title={`${name}: ${type}`}>
      <button type="button" className="table-sort" onClick={() => onSort(name)} data-testid={`table-sort-${name}`}>
        {name} <em>{type}</em>
        <span aria-hidden="true" className="table-sort-mark">
          {direction === 'ascending' ? ' ▲' : direction === 'descending' ? ' ▼' : ''}
        </span>
      </button>
    </span>
  );
}

function metaText(rows: GridRows, search: string): string {
  const columns = `${rows.names.length} columns`;
  if (rows.rowCount === null) return search.trim() ? 'Searching the whole table…' : 'Sorting the whole table…';
  if (rows.rowCount === rows.tableRowCount && !search.trim()) return `${rows.rowCount.toLocaleString('en')} rows × ${columns}`;
  return `${rows.rowCount.toLocaleString('en')} of ${rows.tableRowCount.toLocaleString('en')} rows × ${columns}`;
}

export default function TableGrid({ table, at, tall = false }: { table: Table | TablePart; at?: TableAt; tall?: boolean }) {
  const scroller = useRef<HTMLDivElement>(null);
  const [sort, setSort] = useState<SortState>(null);
  const [searchText, setSearchText] = useState('');
  const view = useRowView(sort, searchText);
  // A table in parts can be sorted and searched only where the worker can find it again.
  const canView = !isTablePart(table) || at !== undefined;
  const data = useGridRows(table, canView ? view : null);
  // The virtualizer's functions are read during render only; nothing memoised receives them.
  // eslint-disable-next-line react-hooks/incompatible-library
  const virtualizer = useVirtualizer({ count: data.rowCount ?? 0, getScrollElement: () => scroller.current, estimateSize: () => ROW_HEIGHT, overscan: 8 });
  const items = virtualizer.getVirtualItems();
  useFetchPages(data, at, items[0]?.index ?? 0, items[items.length - 1]?.index ?? -1);
  // A new order starts at the top. (Newer browsers' scrollTo returns a promise: not an effect's cleanup.)
  useEffect(() => {
    if (scroller.current) scroller.current.scrollTop = 0;
  }, [view]);
  const { types } = data;
  // Each column as wide as its type needs: dates and text more than numbers and flags.
  const template = useMemo(
    () => `${indexWidth(data.tableRowCount)}px ${data.names.map((name) => COLUMN_WIDTH[types[name] ?? 'mixed']).join(' ')}`,
    [data, types],
  );
  const rowCount = data.rowCount ?? 0;
  const className = `table-view${rowCount <= VISIBLE_ROWS ? ' table-view-short' : ''}${tall ? ' table-view-tall' : ''}`;
  return (
    <div className={className} data-testid="table-view">
      <div className="table-meta">
        <span data-testid="table-meta" aria-live="polite">
          {metaText(data, canView ? searchText : '')}
        </span>
        {canView && (
          <input
            type="search"
            className="table-search"
            placeholder="Search rows"
            aria-label="Search rows"
            data-testid="table-search"
            value={searchText}
            onChange={(event) => setSearchText(event.target.value)}
          />
        )}
      </div>
      {data.failure && (
        <p className="run-empty" role="alert">
          The rows could not be fetched: {data.failure}
        </p>
      )}
      <div className="table-scroll" ref={scroller} role="table" aria-rowcount={rowCount + 1} aria-colcount={data.names.length + 1}>
        <div className="table-head" style={{ gridTemplateColumns: template }} role="row" aria-rowindex={1}>
          <span className="table-index" role="columnheader">
            #
          </span>
          {data.names.map((name) => (
            <ColumnHeader key={name} name={name} type={types[name]} sort={sort} onSort={(column) => canView && setSort(nextSort(sort, column))} />
          ))}
        </div>
        <div style={{ height: virtualizer.getTotalSize(), position: 'relative' }} role="rowgroup">
          {items.map((item) => {
            const number = data.rowNumber(item.index);
            return (
              <div
                key={item.index}
                className="table-row"
                role="row"
                aria-rowindex={item.index + 2}
                style={{ gridTemplateColumns: template, transform: `translateY(${item.start}px)`, height: ROW_HEIGHT }}
              >
                <span className="table-index" role="cell" title={number === NOT_LOADED ? undefined : `row ${number + 1} of the table`}>
                  {number === NOT_LOADED ? '…' : number + 1}
                </span>
                {data.names.map((name, c) => (
                  <Cell key={name} value={data.cell(c, item.index)} />
                ))}
              </div>
            );
          })}
        </div>
      </div>
    </div>
  );
}
