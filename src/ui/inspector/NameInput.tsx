/** A text field that commits on every change and shows the store's refusal (e.g. a clashing name) inline. */
import { useState } from 'react';

export function NameInput({ label, testId, value, onCommit }: { label: string; testId: string; value: string; onCommit(text: string): string | null }) {
  const [draft, setDraft] = useState(value);
  const [seen, setSeen] = useState(value);
  const [error, setError] = useState<string | null>(null);
  if (seen !== value) {
    setSeen(value);
    if (draft.trim() !== value) setDraft(value);
  }
  const id = `name-${testId}`;
  return (
    <div className={`field ${error ? 'has-error' : ''}`}>
      <label htmlFor={id} className="field-label">
        {label}
      </label>
      <input
        id={id}
        type="text"
        data-testid={testId}
        value={draft}
        aria-invalid={!!error}
        aria-describedby={error ? `${id}-error` : undefined}
        onChange={(event) => {
          setDraft(event.target.value);
          setError(event.target.value.trim() === value ? null : onCommit(event.target.value));
        }}
        onBlur={() => {
          if (error) {
            setDraft(value);
            setError(null);
          }
        }}
      />
      {error && (
        <span id={`${id}-error`} className="field-error">
          {error}
        </span>
      )}
    </div>
  );
}
