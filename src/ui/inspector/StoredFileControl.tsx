/**
 * A field that holds a stored file: what the file is (name, size, type) and what a person can do
 * with it, "Replace…" it with another file or "Use text instead". The bytes stay in the value store.
 */
import { useRef, useState } from 'react';
import { describeBytes, type JsonValue, type StoredFileInfo } from '../../engine';
import type { PortInfo } from '../../models';
import { useStudio } from '../hooks/useStudio';
import { PASTE_AS_FILE_CHARS, mediaTypeOf, reportFileProblem, storeFileParam } from '../shell/storedFiles';

const ACCEPT = '.csv,.tsv,.txt,.json,text/csv,text/plain,application/json,text/tab-separated-values';

/** A "Load from file…" button with its hidden file input; `onLoaded` gets the param that refers to the stored file. */
export function LoadFileButton({ port, label, onLoaded }: { port: PortInfo; label: string; onLoaded(value: JsonValue): void }) {
  const studio = useStudio();
  const input = useRef<HTMLInputElement>(null);
  const [busy, setBusy] = useState(false);
  const load = async (file: File) => {
    setBusy(true);
    try {
      onLoaded(await storeFileParam(studio, file, file.name, mediaTypeOf(file)));
    } catch (error) {
      reportFileProblem(studio, file.name, error);
    } finally {
      setBusy(false);
    }
  };
  return (
    <>
      <button type="button" className="button small" data-testid={`load-file-${port.name}`} disabled={busy} onClick={() => input.current?.click()}>
        {busy ? 'Storing…' : label}
      </button>
      <input
        ref={input}
        type="file"
        hidden
        accept={ACCEPT}
        data-testid={`load-file-input-${port.name}`}
        aria-label={`Load ${port.name} from a file`}
        onChange={(event) => {
          const file = event.target.files?.[0];
          event.target.value = '';
          if (file) void load(file);
        }}
      />
    </>
  );
}

export function StoredFileControl({ port, file, onChange }: { port: PortInfo; file: StoredFileInfo; onChange(value: JsonValue | undefined): void }) {
  const studio = useStudio();
  const small = file.size <= PASTE_AS_FILE_CHARS;
  const switchToText = async () => {
    if (!small) return onChange(undefined);
    try {
      onChange(await studio.ports.fileText(file.hash));
    } catch (error) {
      reportFileProblem(studio, file.name, error);
    }
  };
  return (
    <div className="stored-file" data-testid={`param-${port.name}-file`}>
      <div className="stored-file-card" title="Stored once in this workspace; the node holds only this reference">
        <span className="stored-file-icon" aria-hidden="true">
          {file.name.split('.').pop()?.slice(0, 4).toUpperCase() || 'FILE'}
        </span>
        <span className="stored-file-text">
          <span className="stored-file-name" data-testid={`param-${port.name}-file-name`} title={file.name}>
            {file.name}
          </span>
          <span className="stored-file-meta muted small" data-testid={`param-${port.name}-file-size`}>
            {describeBytes(file.size)} · {file.mediaType}
          </span>
        </span>
      </div>
      <div className="stored-file-actions">
        <LoadFileButton port={port} label="Replace…" onLoaded={onChange} />
        <button
          type="button"
          className="button small subtle"
          data-testid={`use-text-${port.name}`}
          title={
            small ? 'Edit the file’s text in this field instead' : 'The file is too big to edit here: this empties the field so you can type or paste text'
          }
          onClick={() => void switchToText()}
        >
          Use text instead
        </button>
      </div>
    </div>
  );
}
