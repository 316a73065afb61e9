/** One value drawn for its type: table grid, chart, JSON tree or inline text; viewers load lazily. */
import { lazy, Suspense, useMemo } from 'react';
import type { Table } from '../../models';
import { isShownPart, type ShownPart } from '../../worker/protocol';
import { runStore } from '../../store/runStore';
import { exportCSV, exportJSON } from './exportValue';
import { inlineText, valueKind } from './valueKind';
import { shownPart } from './truncate';

const TableGrid = lazy(() => import('./TableGrid'));
const JsonTree = lazy(() => import('./JsonTree'));
const ChartView = lazy(() => import('./ChartView'));

/** Where a shown value lives in the open step or slot, so an export can fetch all of it. */
export interface ValueSource {
  side: 'input' | 'output' | 'slot';
  field?: string;
}

function exportWhole(value: unknown, name: string, source: ValueSource | undefined): void {
  if (!isShownPart(value) || !source) return exportJSON(value, name);
  runStore
    .getState()
    .fullValue(source.side, source.field)
    .then((whole) => exportJSON(whole, name))
    .catch((error: unknown) => runStore.setState({ alert: { tone: 'error', message: `The export failed: ${(error as Error).message}`, offers: [] } }));
}

export function ValueView({ value, name, source }: { value: unknown; name: string; source?: ValueSource }) {
  const kind = isShownPart(value) ? 'json' : valueKind(value);
  if (kind === 'inline') return <code className="value-inline">{inlineText(value)}</code>;
  return (
    <div className="value-block">
      <Suspense fallback={<span className="run-empty">Loading viewer…</span>}>
        {kind === 'table' && <TableGrid table={value as Table} />}
        {kind === 'chart' && <ChartView value={value} name={name} />}
        {kind === 'json' && (isShownPart(value) ? <ListStart part={value} /> : <JsonPart value={value} />)}
      </Suspense>
      <div className="value-actions">
        {kind === 'table' && (
          <button type="button" className="run-btn run-btn-quiet" onClick={() => exportCSV(value, name)} aria-label={`Download ${name} as CSV`}>
            CSV
          </button>
        )}
        <button type="button" className="run-btn run-btn-quiet" onClick={() => exportWhole(value, name, source)} aria-label={`Download ${name} as JSON`}>
          JSON
        </button>
      </div>
    </div>
  );
}

function ListStart({ part }: { part: ShownPart }) {
  const shown = useMemo(() => shownPart(part.items), [part]);
  return (
    <>
      <p className="value-meta">
        list of {part.total.toLocaleString('en')} items · first {part.items.length} shown
      </p>
      <JsonTree value={shown.json as object} small={shown.small} />
      <p className="run-empty">…and {(part.total - part.items.length).toLocaleString('en')} more items (export as JSON to see them all)</p>
    </>
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

const FIELD_ORDER = { table: 0, chart: 0, inline: 1, json: 2 } as const;
const fieldKind = (value: unknown) => (isShownPart(value) ? 'json' : valueKind(value));

/** A model input or output (a record of fields), each field drawn for its type. */
export function FieldsView({ value, name, side, changed }: { value: unknown; name: string; side: 'input' | 'output'; changed?: readonly string[] }) {
  if (value === null || typeof value !== 'object' || Array.isArray(value) || isShownPart(value)) return <ValueView value={value} name={name} source={{ side }} />;
  // Tables and charts first: they are what a person opens a step for; params (JSON trees) after.
  const entries = Object.entries(value as Record<string, unknown>).sort(([, a], [, b]) => FIELD_ORDER[fieldKind(a)] - FIELD_ORDER[fieldKind(b)]);
  if (!entries.length) return <p className="run-empty">(no fields)</p>;
  return (
    <dl className="fields">
      {entries.map(([field, fieldValue]) => (
        <div key={field} className={changed?.includes(field) ? 'field field-changed' : 'field'} data-field={field}>
          <dt>{field}</dt>
          <dd>
            <ValueView value={fieldValue} name={`${name}-${field}`} source={{ side, field }} />
          </dd>
        </div>
      ))}
    </dl>
  );
}
