/**
 * Long text fields (CSV, free text, code, SQL): typing stays local and is committed when the person
 * pauses or leaves the field; a CSV field can load a file; a huge text is summarised beside it.
 */
import { lazy, Suspense, useRef } from 'react';
import type { JsonValue } from '../../engine';
import type { PortInfo } from '../../models';
import { BIG_TEXT_CHARS, describeBigText } from '../shell/formatValue';
import { useDebouncedText } from './useDebouncedText';

const CodeEditor = lazy(() => import('./CodeEditor'));

export interface BigTextControlProps {
  port: PortInfo;
  value: JsonValue | undefined;
  id: string;
  described: string;
  disabled: boolean;
  onChange(value: JsonValue | undefined): void;
}

const textOf = (value: JsonValue | undefined, port: PortInfo) =>
  typeof value === 'string' ? value : typeof port.defaultValue === 'string' ? port.defaultValue : '';

export function BigTextControl({ port, value, id, described, disabled, onChange }: BigTextControlProps) {
  const isCode = port.widget === 'code' || port.widget === 'sql';
  const stored = textOf(value, port);
  const { draft, change, flush } = useDebouncedText(stored, (text) => onChange(text === '' && !isCode ? undefined : text));
  const fileInput = useRef<HTMLInputElement>(null);

  const loadFile = async (file: File) => {
    change(await file.text());
    flush();
  };

  if (isCode) {
    return (
      <div className="code-field" data-testid={`param-${port.name}`}>
        <Suspense fallback={<textarea className="mono" rows={6} readOnly value={draft} aria-label={`${port.name} (loading editor)`} />}>
          <CodeEditor value={draft} language={port.widget === 'sql' ? 'sql' : 'js'} label={port.name} onChange={change} onBlur={flush} />
        </Suspense>
      </div>
    );
  }
  return (
    <>
      <textarea
        id={id}
        rows={5}
        className="mono"
        spellCheck={false}
        wrap="off"
        data-testid={`param-${port.name}`}
        aria-describedby={described}
        disabled={disabled}
        value={draft}
        onChange={(event) => change(event.target.value)}
        onBlur={flush}
      />
      <div className="big-text-bar">
        {draft.length > BIG_TEXT_CHARS && (
          <span className="muted small" data-testid={`param-${port.name}-size`}>
            {describeBigText(draft)}
          </span>
        )}
        {port.widget === 'csv' && (
          <>
            <button type="button" className="button small" data-testid={`load-file-${port.name}`} onClick={() => fileInput.current?.click()}>
              Load from file…
            </button>
            <input
              ref={fileInput}
              type="file"
              hidden
              accept=".csv,.tsv,.txt,text/csv,text/plain"
              data-testid={`load-file-input-${port.name}`}
              aria-label={`Load ${port.name} from a file`}
              onChange={(event) => {
                const file = event.target.files?.[0];
                event.target.value = '';
                if (file) void loadFile(file);
              }}
            />
          </>
        )}
      </div>
    </>
  );
}
