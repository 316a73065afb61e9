/**
 * A table extract as a virtualised grid: only the visible rows are in the DOM, and a table sent as
 * its first page (`TablePart`) fetches further pages from the run worker as a person scrolls.
 */
import { useEffect, useMemo, useReducer, useRef } from 'react';
import { useVirtualizer } from '@tanstack/react-virtual';
import type { Table } from '../../models';
import { isTablePart, type TableAt, type TablePart } from '../../worker/protocol';
import { useStudio } from '../hooks/useStudio';
import { NOT_LOADED, PagedRows, wholeRows } from './pagedRows';

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

function cellText(value: unknown): string {
  if (value === NOT_LOADED) return '…';
  if (value === null || value === undefined) return '';
  // Midnight UTC is a plain date (the usual case for daily data): show it as one.
  if (value instanceof Date) return value.toISOString().replace('T00:00:00.000Z', '');
  if (typeof value === 'object') return JSON.stringify(value);
  return String(value);
}

/** Asks the worker for the pages of rows the grid shows and has not got yet; re-renders as they come. */
function useFetchPages(rows: PagedRows | null, at: TableAt | undefined, first: number, last: number): void {
  const [, pageArrived] = useReducer((count: number) => count + 1, 0);
  const { run } = useStudio();
  useEffect(() => {
    if (!rows || !at || last < first) return;
    let live = true;
    for (const page of rows.take(first, last)) {
      run
        .getState()
        .tableRows(at, page * rows.pageRows, rows.pageRows)
        .then((columns) => {
          rows.add(page, columns);
          if (live) pageArrived();
        })
        .catch(() => rows.forget(page));
    }
    return () => {
      live = false;
    };
  }, [rows, at, first, last, run]);
}

export default function TableGrid({ table, at, tall = false }: { table: Table | TablePart; at?: TableAt; tall?: boolean }) {
  const scroller = useRef<HTMLDivElement>(null);
  const paged = useMemo(() => (isTablePart(table) ? new PagedRows(table) : null), [table]);
  const data = useMemo(() => paged ?? wholeRows(table as Table), [paged, table]);
  // The virtualizer's functions are read during render only; nothing memoised receives them.
  // eslint-disable-next-line react-hooks/incompatible-library
  const virtualizer = useVirtualizer({ count: data.rowCount, getScrollElement: () => scroller.current, estimateSize: () => ROW_HEIGHT, overscan: 8 });
  const items = virtualizer.getVirtualItems();
  useFetchPages(paged, at, items[0]?.index ?? 0, items[items.length - 1]?.index ?? -1);
  const { types } = data;
  // Each column as wide as its type needs: dates and text more than numbers and flags.
  const template = useMemo(() => `${indexWidth(data.rowCount)}px ${data.names.map((name) => COLUMN_WIDTH[types[name] ?? 'mixed']).join(' ')}`, [data, types]);
  const className = `table-view${data.rowCount <= VISIBLE_ROWS ? ' table-view-short' : ''}${tall ? ' table-view-tall' : ''}`;
  return (
    <div className={className} data-testid="table-view">
      <div className="table-meta">
        {data.rowCount.toLocaleString('en')} rows × {data.names.length} columns
      </div>
      <div className="table-scroll" ref={scroller}>
        <div className="table-head" style={{ gridTemplateColumns: template }} role="row">
          <span className="table-index">#</span>
          {data.names.map((name) => (
            <span key={name} role="columnheader" title={`${name}: ${types[name]}`}>
              {name} <em>{types[name]}</em>
            </span>
          ))}
        </div>
        <div style={{ height: virtualizer.getTotalSize(), position: 'relative' }}>
          {items.map((item) => (
            <div
              key={item.index}
              className="table-row"
              role="row"
              style={{ gridTemplateColumns: template, transform: `translateY(${item.start}px)`, height: ROW_HEIGHT }}
            >
              <span className="table-index">{item.index + 1}</span>
              {data.names.map((name, c) => (
                <span key={name}>{cellText(data.cell(c, item.index))}</span>
              ))}
            </div>
          ))}
        </div>
      </div>
    </div>
  );
}
