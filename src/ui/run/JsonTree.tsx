/**
 * A JSON value as a collapsible tree: objects and lists open and close with a button, numbers read
 * rounded (the full value on hover, see `formatNumber`). Small values open at every level; others
 * show their top level only.
 */
import { useState } from 'react';
import { formatNumber, fullNumber } from '../shell/formatValue';
import type { ShownJson as Json, Written } from './truncate';

const isWritten = (value: Json): value is Written =>
  value !== null && typeof value === 'object' && !Array.isArray(value) && Object.getPrototypeOf(value) === null;

function Primitive({ value }: { value: Exclude<Json, object> | Written | null }) {
  if (value === null) return <span className="json-null">null</span>;
  if (typeof value === 'object') return <span className="json-written">{value.written}</span>;
  if (typeof value === 'number')
    return (
      <span className="json-number" title={fullNumber(value)}>
        {formatNumber(value)}
      </span>
    );
  if (typeof value === 'string') return <span className="json-string">{JSON.stringify(value)}</span>;
  return <span className="json-boolean">{String(value)}</span>;
}

function Label({ name }: { name: string | undefined }) {
  return name === undefined ? null : <span className="json-key">{name}: </span>;
}

function JsonNode({ name, value, depth, openAll }: { name?: string; value: Json; depth: number; openAll: boolean }) {
  const [open, setOpen] = useState(openAll || depth === 0);
  if (value === null || typeof value !== 'object' || isWritten(value))
    return (
      <li>
        <Label name={name} />
        <Primitive value={value} />
      </li>
    );
  const entries: [string, Json][] = Array.isArray(value) ? value.map((item, i) => [String(i), item]) : Object.entries(value);
  const [opening, closing] = Array.isArray(value) ? ['[', ']'] : ['{', '}'];
  const count = Array.isArray(value) ? `${entries.length} item${entries.length === 1 ? '' : 's'}` : `${entries.length} key${entries.length === 1 ? '' : 's'}`;
  if (!entries.length)
    return (
      <li>
        <Label name={name} />
        <span className="json-punctuation">{opening + closing}</span>
      </li>
    );
  return (
    <li>
      <button type="button" className="json-toggle" aria-expanded={open} onClick={() => setOpen(!open)}>
        <span aria-hidden="true">{open ? '▾' : '▸'} </span>
        <Label name={name} />
        <span className="json-punctuation">{open ? opening : `${opening}…${closing}`}</span>
        {!open && <span className="json-count"> {count}</span>}
      </button>
      {open && (
        <>
          <ul>
            {entries.map(([key, item]) => (
              <JsonNode key={key} name={key} value={item} depth={depth + 1} openAll={openAll} />
            ))}
          </ul>
          <span className="json-punctuation">{closing}</span>
        </>
      )}
    </li>
  );
}

export default function JsonTree({ value, small }: { value: unknown; small: boolean }) {
  return (
    <div className="json-view">
      <ul className="json-tree">
        <JsonNode value={value as Json} depth={0} openAll={small} />
      </ul>
    </div>
  );
}
