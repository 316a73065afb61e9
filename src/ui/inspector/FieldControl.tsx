/** One unwired model field as a form control chosen by its widget hint, with inline validation. */
import { storedFileOf, type JsonValue } from '../../engine';
import type { PortInfo } from '../../models';
import { useDraft } from './useDraft';
import { ColumnInput } from './ColumnInput';
import { MeasuresControl } from './MeasuresControl';
import { BigTextControl } from './BigTextControl';
import { LoadFileButton, StoredFileControl } from './StoredFileControl';
import { ExpressionControl } from './expression/ExpressionControl';

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
  // A chosen column the last run did not show stays listed, so it can be unticked.
  const offered = [...columns, ...chosen.filter((c) => !columns.includes(c))];
  return (
    <div className="columns-picker" role="group" aria-label={port.name} data-testid={`param-${port.name}`}>
      {offered.map((column) => (
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

const listText = (value: JsonValue | undefined) => (Array.isArray(value) ? value.filter((v) => typeof v === 'string').join(', ') : '');
const parseList = (text: string): { ok: true; value: JsonValue | undefined } => {
  const names = text
    .split(',')
    .map((name) => name.trim())
    .filter(Boolean);
  return { ok: true, value: names.length ? names : undefined };
};

/** Column names typed as a comma-separated list, while no run has shown the upstream table. */
function ColumnListInput({ port, value, onChange, id, described }: FieldControlProps & { id: string; described: string }) {
  const [draft, setDraft] = useDraft(value, listText, parseList);
  return (
    <input
      id={id}
      type="text"
      data-testid={`param-${port.name}`}
      aria-describedby={described}
      placeholder="column names, comma-separated"
      value={draft}
      onChange={(event) => {
        setDraft(event.target.value);
        onChange(parseList(event.target.value).value);
      }}
    />
  );
}

/** A hint under a column field: where the offered names come from, or that a name is not among them. */
function columnHint(value: JsonValue | undefined, columns: string[] | null): string | null {
  if (!columns) return 'Run the steps above once to pick from their columns; until then type the name.';
  if (typeof value === 'string' && value !== '' && !columns.includes(value))
    return `“${value}” is not a column of the table wired in (its columns: ${columns.join(', ')}).`;
  return null;
}

export function FieldControl(props: FieldControlProps) {
  const { port, value, columns, error, onChange } = props;
  const hint =
    port.widget === 'column' || port.widget === 'columns' || port.widget === 'measures'
      ? columnHint(port.widget === 'column' ? value : undefined, columns)
      : null;
  const id = `field-${port.name}`;
  const described = `${id}-help`;
  const widget = port.widget ?? 'json';
  const file = port.acceptsFile ? storedFileOf(value) : null;
  let control;
  if (file) control = <StoredFileControl port={port} file={file} onChange={onChange} />;
  else if (widget === 'number') control = <NumberControl {...props} id={id} described={described} />;
  else if (widget === 'boolean')
    control = (
      <input
        id={id}
        type="checkbox"
        data-testid={`param-${port.name}`}
        aria-describedby={described}
        checked={value === undefined ? port.defaultValue === true : value === true}
        onChange={(event) => onChange(event.target.checked)}
      />
    );
  else if (widget === 'enum')
    control = (
      <select
        id={id}
        data-testid={`param-${port.name}`}
        aria-describedby={described}
        value={typeof value === 'string' ? value : typeof port.defaultValue === 'string' ? port.defaultValue : ''}
        onChange={(event) => onChange(event.target.value)}
      >
        <option value="">(choose)</option>
        {(port.options ?? []).map((option) => (
          <option key={option} value={option}>
            {option}
          </option>
        ))}
      </select>
    );
  else if (widget === 'column')
    control = (
      <ColumnInput
        id={id}
        testId={`param-${port.name}`}
        describedBy={described}
        value={typeof value === 'string' ? value : ''}
        columns={columns}
        {...(typeof port.defaultValue === 'string' ? { placeholder: port.defaultValue } : {})}
        onChange={(text) => onChange(text === '' ? undefined : text)}
      />
    );
  else if (widget === 'columns')
    control = columns ? <ColumnsControl {...props} columns={columns} /> : <ColumnListInput {...props} id={id} described={described} />;
  else if (widget === 'measures') control = <MeasuresControl port={port} value={value} columns={columns} onChange={onChange} />;
  else if (widget === 'code' || widget === 'sql' || widget === 'textarea' || widget === 'csv')
    control = <BigTextControl port={port} value={value} id={id} described={described} disabled={props.disabled ?? false} onChange={onChange} />;
  else if (widget === 'condition' || (widget === 'expression' && port.columnsFrom))
    control = (
      <ExpressionControl
        port={port}
        value={value}
        columns={columns}
        mode={widget === 'condition' ? 'condition' : 'value'}
        described={described}
        onChange={onChange}
      />
    );
  else if (widget === 'text' || widget === 'expression')
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
  else if (port.acceptsFile)
    control = (
      <>
        <JsonControl {...props} id={id} described={described} />
        <div className="big-text-bar">
          <LoadFileButton port={port} label="Load from file…" onLoaded={onChange} />
        </div>
      </>
    );
  else control = <JsonControl {...props} id={id} described={described} />;

  return (
    <div className={`field ${error ? 'has-error' : ''}`}>
      <label htmlFor={id} className="field-label">
        <span className="field-name">{port.name}</span> <span className="field-type">{port.type}</span>
      </label>
      {control}
      <span id={described} className={error ? 'field-error' : 'field-help'} data-testid={error ? `field-error-${port.name}` : undefined}>
        {error ?? port.description}
      </span>
      {hint && <span className="field-help field-hint">{hint}</span>}
    </div>
  );
}
