/**
 * Long text fields (CSV, free text, code, SQL): typing stays local and is committed when the person
 * pauses or leaves the field; a CSV field can load a file; a huge text is summarised beside it.
 */
import { lazy, Suspense } from 'react';
import type { JsonValue } from '../../engine';
import type { PortInfo } from '../../models';
import { useStudio } from '../hooks/useStudio';
import { BIG_TEXT_CHARS, describeBigText } from '../shell/formatValue';
import { PASTE_AS_FILE_CHARS, reportFileProblem, storeFileParam } from '../shell/storedFiles';
import { LoadFileButton } from './StoredFileControl';
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
  const studio = useStudio();

  // A paste this long would ride in every snapshot and undo step: it is stored once, as a file.
  const storePasted = (text: string) => {
    const name = port.widget === 'csv' ? 'pasted.csv' : 'pasted.txt';
    const mediaType = port.widget === 'csv' ? 'text/csv' : 'text/plain';
    storeFileParam(studio, new Blob([text], { type: mediaType }), name, mediaType).then(onChange, (error: unknown) => reportFileProblem(studio, name, error));
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
        onChange={(event) => {
          if (port.acceptsFile && event.target.value.length > PASTE_AS_FILE_CHARS) storePasted(event.target.value);
          else change(event.target.value);
        }}
        onBlur={flush}
      />
      <div className="big-text-bar">
        {draft.length > BIG_TEXT_CHARS && (
          <span className="muted small" data-testid={`param-${port.name}-size`}>
            {describeBigText(draft)}
          </span>
        )}
        {port.acceptsFile && <LoadFileButton port={port} label="Load from file…" onLoaded={onChange} />}
      </div>
    </>
  );
}
