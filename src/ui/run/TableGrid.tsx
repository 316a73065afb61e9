/** A table extract as a virtualised grid: only the visible rows are in the DOM. */
import { useMemo, useRef } from 'react';
import { useVirtualizer } from '@tanstack/react-virtual';
import type { Table } from '../../models';

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
  if (value === null || value === undefined) return '';
  // Midnight UTC is a plain date (the usual case for daily data): show it as one.
  if (value instanceof Date) return value.toISOString().replace('T00:00:00.000Z', '');
  if (typeof value === 'object') return JSON.stringify(value);
  return String(value);
}

export default function TableGrid({ table }: { table: Table }) {
  const scroller = useRef<HTMLDivElement>(null);
  // The virtualizer's functions are read during render only; nothing memoised receives them.
  // eslint-disable-next-line react-hooks/incompatible-library
  const virtualizer = useVirtualizer({ count: table.rowCount, getScrollElement: () => scroller.current, estimateSize: () => ROW_HEIGHT, overscan: 8 });
  const types = useMemo(() => table.columnTypes(), [table]);
  // Each column as wide as its type needs: dates and text more than numbers and flags.
  const template = useMemo(() => `${indexWidth(table.rowCount)}px ${table.names.map((name) => COLUMN_WIDTH[types[name] ?? 'mixed']).join(' ')}`, [table, types]);
  return (
    <div className={table.rowCount <= VISIBLE_ROWS ? 'table-view table-view-short' : 'table-view'} data-testid="table-view">
      <div className="table-meta">
        {table.rowCount.toLocaleString('en')} rows × {table.names.length} columns
      </div>
      <div className="table-scroll" ref={scroller}>
        <div className="table-head" style={{ gridTemplateColumns: template }} role="row">
          <span className="table-index">#</span>
          {table.names.map((name) => (
            <span key={name} role="columnheader" title={`${name}: ${types[name]}`}>
              {name} <em>{types[name]}</em>
            </span>
          ))}
        </div>
        <div style={{ height: virtualizer.getTotalSize(), position: 'relative' }}>
          {virtualizer.getVirtualItems().map((item) => (
            <div key={item.index} className="table-row" role="row" style={{ gridTemplateColumns: template, transform: `translateY(${item.start}px)`, height: ROW_HEIGHT }}>
              <span className="table-index">{item.index + 1}</span>
              {table.columns.map((column, c) => (
                <span key={c}>{cellText(column[item.index])}</span>
              ))}
            </div>
          ))}
        </div>
      </div>
    </div>
  );
}
