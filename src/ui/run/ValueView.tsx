/** One value drawn for its type: table grid, chart, JSON tree or inline text; viewers load lazily. */
import { lazy, Suspense, useMemo, useRef, useState } from 'react';
import type { Table } from '../../models';
import type { ChartValue } from '../../models/chart/chartValue';
import { isShownPart, isTablePart, type ShownPart, type TablePart } from '../../worker/protocol';
import type { RunStore } from '../../store/run';
import { useStudio } from '../hooks/useStudio';
import { downloadFile, exportFile } from './exportValue';
import type { ValueFileFormat } from '../../worker/valueFile';
import { inlineText, valueKind } from './valueKind';
import { fullNumber } from '../shell/formatValue';
import { shownPart } from './truncate';
import { LongText, isLongText } from './LongText';
import { LargeView } from './LargeView';

const TableGrid = lazy(() => import('./TableGrid'));
const JsonTree = lazy(() => import('./JsonTree'));
const ChartView = lazy(() => import('./ChartView'));

/** Where a shown value lives in the open step or slot, so an export can fetch all of it. */
export interface ValueSource {
  side: 'input' | 'output' | 'previous' | 'slot';
  field?: string;
}

/**
 * The viewer holds only part of lists and tables: an export of one is made in the worker, which
 * holds the whole value; a value shown whole is exported here.
 */
function exportWhole(run: RunStore, value: unknown, name: string, source: ValueSource | undefined, format: ValueFileFormat): void {
  if ((!isShownPart(value) && !isTablePart(value)) || !source) return exportFile(value, name, format);
  run
    .getState()
    .exportValue({ side: source.side, ...(source.field === undefined ? {} : { field: source.field }) }, format)
    .then((file) => downloadFile(file, name, format))
    .catch((error: unknown) => run.setState({ alert: { tone: 'error', message: `The export failed: ${(error as Error).message}`, offers: [] } }));
}

const kindOf = (value: unknown) => (isShownPart(value) ? 'json' : isTablePart(value) ? 'table' : valueKind(value));

const KIND_WORDS = { table: 'table', chart: 'chart', json: 'JSON' } as const;

/**
 * `name` names files and buttons (`chart-output-chart.svg`); `title`, what a person reads on the
 * large view, is the node's title and the field (`Monthly highs: chart`), `name` when not given.
 */
export function ValueView({ value, name, title, source }: { value: unknown; name: string; title?: string; source?: ValueSource }) {
  const kind = kindOf(value);
  const [large, setLarge] = useState(false);
  const opener = useRef<HTMLButtonElement>(null);
  const { run } = useStudio();
  if (kind === 'inline')
    return isLongText(value) ? (
      <LongText text={value} name={name} />
    ) : (
      <code className="value-inline" title={typeof value === 'number' ? fullNumber(value) : undefined}>
        {inlineText(value)}
      </code>
    );
  const body = (tall: boolean) => (
    <Suspense fallback={<span className="run-empty">Loading viewer…</span>}>
      {kind === 'table' && <TableGrid table={value as Table | TablePart} tall={tall} {...(source ? { at: source } : {})} />}
      {kind === 'chart' && <ChartView value={value as ChartValue} name={name} tall={tall} />}
      {kind === 'json' && (isShownPart(value) ? <ListStart part={value} /> : <JsonPart value={value} />)}
    </Suspense>
  );
  return (
    <div className="value-block">
      {body(false)}
      <div className="value-actions">
        <button
          type="button"
          className="run-btn run-btn-quiet"
          ref={opener}
          onClick={() => setLarge(true)}
          aria-label={`Open ${name} in a large view`}
          aria-haspopup="dialog"
        >
          Enlarge
        </button>
        {kind === 'table' && (
          <button
            type="button"
            className="run-btn run-btn-quiet"
            onClick={() => exportWhole(run, value, name, source, 'csv')}
            aria-label={`Download ${name} as CSV`}
          >
            CSV
          </button>
        )}
        <button
          type="button"
          className="run-btn run-btn-quiet"
          onClick={() => exportWhole(run, value, name, source, 'json')}
          aria-label={`Download ${name} as JSON`}
        >
          JSON
        </button>
      </div>
      {large && (
        <LargeView
          title={`${title ?? name} (${KIND_WORDS[kind]})`}
          onClose={() => {
            setLarge(false);
            opener.current?.focus();
          }}
        >
          {body(true)}
        </LargeView>
      )}
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
const fieldKind = kindOf;

/** A model input or output (a record of fields), each field drawn for its type. */
export function FieldsView({
  value,
  name,
  title,
  side,
  changed,
}: {
  value: unknown;
  name: string;
  /** The step as a person names it (its node's title), for the large view's title. */
  title?: string;
  side: 'input' | 'output';
  changed?: readonly string[];
}) {
  if (value === null || typeof value !== 'object' || Array.isArray(value) || isShownPart(value) || isTablePart(value))
    return <ValueView value={value} name={name} {...(title === undefined ? {} : { title })} source={{ side }} />;
  // Tables and charts first: they are what a person opens a step for; params (JSON trees) after.
  const entries = Object.entries(value as Record<string, unknown>).sort(([, a], [, b]) => FIELD_ORDER[fieldKind(a)] - FIELD_ORDER[fieldKind(b)]);
  if (!entries.length) return <p className="run-empty">(no fields)</p>;
  return (
    <dl className="fields">
      {entries.map(([field, fieldValue]) => (
        <div key={field} className={changed?.includes(field) ? 'field field-changed' : 'field'} data-field={field}>
          <dt>{field}</dt>
          <dd>
            <ValueView
              value={fieldValue}
              name={`${name}-${field}`}
              {...(title === undefined ? {} : { title: `${title}: ${field}` })}
              source={{ side, field }}
            />
          </dd>
        </div>
      ))}
    </dl>
  );
}
