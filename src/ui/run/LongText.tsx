/** A string too long to show inline: its first lines, how much more there is, and a way to see or save all of it. */
import { useMemo, useState } from 'react';
import { textStart } from './truncate';
import { exportText } from './exportValue';

const LONG_TEXT_CHARS = 200;

export function isLongText(value: unknown): value is string {
  return typeof value === 'string' && (value.length > LONG_TEXT_CHARS || value.includes('\n'));
}

export function LongText({ text, name }: { text: string; name: string }) {
  const [whole, setWhole] = useState(false);
  const start = useMemo(() => textStart(text), [text]);
  return (
    <div className="long-text" data-testid="long-text">
      <pre className="long-text-body">{whole ? text : start.head}</pre>
      {start.more > 0 && !whole && <p className="value-meta">… {start.more.toLocaleString('en')} more characters</p>}
      <div className="value-actions">
        {start.more > 0 && (
          <button type="button" className="run-btn run-btn-quiet" onClick={() => setWhole(!whole)} aria-expanded={whole}>
            {whole ? 'Show the start only' : `Show all ${text.length.toLocaleString('en')} characters`}
          </button>
        )}
        <button type="button" className="run-btn run-btn-quiet" onClick={() => exportText(text, name)} aria-label={`Download ${name} as text`}>
          Text
        </button>
      </div>
    </div>
  );
}
