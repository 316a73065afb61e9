/** One value drawn for its type: table grid, chart, JSON tree or inline text; viewers load lazily. */
import { lazy, Suspense, useMemo } from 'react';
import type { Table } from '../../models';
import { exportCSV, exportJSON } from './exportValue';
import { inlineText, valueKind } from './valueKind';
import { shownPart } from './truncate';

const TableGrid = lazy(() => import('./TableGrid'));
const JsonTree = lazy(() => import('./JsonTree'));
const ChartView = lazy(() => import('./ChartView'));

export function ValueView({ value, name }: { value: unknown; name: string }) {
  const kind = valueKind(value);
  if (kind === 'inline') return <code className="value-inline">{inlineText(value)}</code>;
  return (
    <div className="value-block">
      <Suspense fallback={<span className="run-empty">Loading viewer…</span>}>
        {kind === 'table' && <TableGrid table={value as Table} />}
        {kind === 'chart' && <ChartView value={value} name={name} />}
        {kind === 'json' && <JsonPart value={value} />}
      </Suspense>
      <div className="value-actions">
        {kind === 'table' && (
          <button type="button" className="run-btn run-btn-quiet" onClick={() => exportCSV(value, name)}>
            CSV
          </button>
        )}
        <button type="button" className="run-btn run-btn-quiet" onClick={() => exportJSON(value, name)}>
          JSON
        </button>
      </div>
    </div>
  );
}

function JsonPart({ value }: { value: unknown }) {
  const shown = useMemo(() => shownPart(value), [value]);
  return (
    <>
      <JsonTree value={shown.json as object} small={shown.small} />
      {shown.omitted > 0 && <p className="run-empty">…and {shown.omitted.toLocaleString('en')} more items (export as JSON to see them all)</p>}
    </>
  );
}

/** A model input or output (a record of fields), each field drawn for its type. */
export function FieldsView({ value, name, changed }: { value: unknown; name: string; changed?: readonly string[] }) {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return <ValueView value={value} name={name} />;
  const entries = Object.entries(value as Record<string, unknown>);
  if (!entries.length) return <p className="run-empty">(no fields)</p>;
  return (
    <dl className="fields">
      {entries.map(([field, fieldValue]) => (
        <div key={field} className={changed?.includes(field) ? 'field field-changed' : 'field'} data-field={field}>
          <dt>{field}</dt>
          <dd>
            <ValueView value={fieldValue} name={`${name}-${field}`} />
          </dd>
        </div>
      ))}
    </dl>
  );
}
