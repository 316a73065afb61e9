/** A table extract as a virtualised grid: only the visible rows are in the DOM. */
import { useMemo, useRef } from 'react';
import { useVirtualizer } from '@tanstack/react-virtual';
import type { Table } from '../../models';

const ROW_HEIGHT = 24;

function cellText(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (value instanceof Date) return value.toISOString();
  if (typeof value === 'object') return JSON.stringify(value);
  return String(value);
}

export default function TableGrid({ table }: { table: Table }) {
  const scroller = useRef<HTMLDivElement>(null);
  // The virtualizer's functions are read during render only; nothing memoised receives them.
  // eslint-disable-next-line react-hooks/incompatible-library
  const virtualizer = useVirtualizer({ count: table.rowCount, getScrollElement: () => scroller.current, estimateSize: () => ROW_HEIGHT, overscan: 8 });
  const types = useMemo(() => table.columnTypes(), [table]);
  const template = `56px repeat(${table.names.length}, minmax(90px, 1fr))`;
  return (
    <div className="table-view" data-testid="table-view">
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
