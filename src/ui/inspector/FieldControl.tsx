/** One unwired model field as a form control chosen by its widget hint, with inline validation. */
import { lazy, Suspense } from 'react';
import type { JsonValue } from '../../engine';
import type { PortInfo } from '../../models';
import { useDraft } from './useDraft';

const CodeEditor = lazy(() => import('./CodeEditor'));

export interface FieldControlProps {
  port: PortInfo;
  /** The stored param, or undefined (then the default applies). */
  value: JsonValue | undefined;
  columns: string[] | null;
  error: string | null;
  disabled?: boolean;
  onChange(value: JsonValue | undefined): void;
}

const asText = (value: JsonValue | undefined) => (value === undefined || value === null ? '' : typeof value === 'string' ? value : JSON.stringify(value));
const parseNumber = (text: string): { ok: true; value: JsonValue | undefined } | { ok: false } => {
  if (text.trim() === '') return { ok: true, value: undefined };
  const n = Number(text);
  return Number.isFinite(n) ? { ok: true, value: n } : { ok: false };
};
const parseJson = (text: string): { ok: true; value: JsonValue | undefined } | { ok: false } => {
  if (text.trim() === '') return { ok: true, value: undefined };
  try {
    return { ok: true, value: JSON.parse(text) as JsonValue };
  } catch {
    return { ok: false };
  }
};
const jsonText = (value: JsonValue | undefined) => (value === undefined ? '' : JSON.stringify(value, null, 1));

function NumberControl({ port, value, onChange, id, described }: FieldControlProps & { id: string; described: string }) {
  const [draft, setDraft] = useDraft(value, asText, parseNumber);
  const placeholder = port.hasDefault ? String(port.defaultValue) : '';
  return (
    <input
      id={id}
      type="number"
      step="any"
      data-testid={`param-${port.name}`}
      aria-describedby={described}
      value={draft}
      placeholder={placeholder}
      onChange={(event) => {
        setDraft(event.target.value);
        const parsed = parseNumber(event.target.value);
        if (parsed.ok) onChange(parsed.value);
      }}
    />
  );
}

function JsonControl({ port, value, onChange, id, described }: FieldControlProps & { id: string; described: string }) {
  const [draft, setDraft] = useDraft(value, jsonText, parseJson);
  const bad = !parseJson(draft).ok;
  return (
    <>
      <textarea
        id={id}
        rows={3}
        spellCheck={false}
        className="mono"
        data-testid={`param-${port.name}`}
        aria-describedby={described}
        aria-invalid={bad}
        value={draft}
        placeholder={port.hasDefault ? JSON.stringify(port.defaultValue) : 'JSON'}
        onChange={(event) => {
          setDraft(event.target.value);
          const parsed = parseJson(event.target.value);
          if (parsed.ok) onChange(parsed.value);
        }}
      />
      {bad && <span className="field-error">Not valid JSON yet.</span>}
    </>
  );
}

function ColumnsControl({ port, value, columns, onChange }: FieldControlProps & { columns: string[] }) {
  const chosen = Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];
  return (
    <div className="columns-picker" role="group" aria-label={port.name} data-testid={`param-${port.name}`}>
      {columns.map((column) => (
        <label key={column} className="check">
          <input
            type="checkbox"
            checked={chosen.includes(column)}
            onChange={(event) => onChange(event.target.checked ? [...chosen, column] : chosen.filter((c) => c !== column))}
          />
          {column}
        </label>
      ))}
    </div>
  );
}

export function FieldControl(props: FieldControlProps) {
  const { port, value, columns, error, onChange } = props;
  const id = `field-${port.name}`;
  const described = `${id}-help`;
  const widget = port.widget ?? 'json';
  let control;
  if (widget === 'number') control = <NumberControl {...props} id={id} described={described} />;
  else if (widget === 'boolean')
    control = (
      <input id={id} type="checkbox" data-testid={`param-${port.name}`} aria-describedby={described} checked={value === undefined ? port.defaultValue === true : value === true} onChange={(event) => onChange(event.target.checked)} />
    );
  else if (widget === 'enum' || (widget === 'column' && columns))
    control = (
      <select id={id} data-testid={`param-${port.name}`} aria-describedby={described} value={typeof value === 'string' ? value : typeof port.defaultValue === 'string' ? port.defaultValue : ''} onChange={(event) => onChange(event.target.value)}>
        <option value="">(choose)</option>
        {(widget === 'enum' ? (port.options ?? []) : (columns ?? [])).map((option) => (
          <option key={option} value={option}>
            {option}
          </option>
        ))}
      </select>
    );
  else if (widget === 'columns' && columns) control = <ColumnsControl {...props} columns={columns} />;
  else if (widget === 'code' || widget === 'sql')
    control = (
      <div className="code-field" data-testid={`param-${port.name}`}>
        <Suspense fallback={<textarea className="mono" rows={6} readOnly value={asText(value)} aria-label={`${port.name} (loading editor)`} />}>
          <CodeEditor value={typeof value === 'string' ? value : typeof port.defaultValue === 'string' ? port.defaultValue : ''} language={widget === 'sql' ? 'sql' : 'js'} label={port.name} onChange={(text) => onChange(text)} />
        </Suspense>
      </div>
    );
  else if (widget === 'text' || widget === 'expression' || widget === 'column')
    control = (
      <input
        id={id}
        type="text"
        className={widget === 'expression' ? 'mono' : ''}
        data-testid={`param-${port.name}`}
        aria-describedby={described}
        value={typeof value === 'string' ? value : ''}
        placeholder={typeof port.defaultValue === 'string' ? port.defaultValue : ''}
        onChange={(event) => onChange(event.target.value === '' ? undefined : event.target.value)}
      />
    );
  else if (widget === 'textarea' || widget === 'csv')
    control = (
      <textarea id={id} rows={5} className="mono" data-testid={`param-${port.name}`} aria-describedby={described} value={typeof value === 'string' ? value : ''} onChange={(event) => onChange(event.target.value === '' ? undefined : event.target.value)} />
    );
  else control = <JsonControl {...props} id={id} described={described} />;

  return (
    <div className={`field ${error ? 'has-error' : ''}`}>
      <label htmlFor={id} className="field-label">
        <span className="field-name">{port.name}</span>{' '}
        <span className="field-type">{port.type}</span>
      </label>
      {control}
      <span id={described} className={error ? 'field-error' : 'field-help'}>
        {error ?? port.description}
      </span>
    </div>
  );
}
