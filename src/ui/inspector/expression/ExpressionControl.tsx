/**
 * A row-expression field (table.filter's condition, table.derive's expression): the editor with
 * completions and live checking against the upstream columns' names and kinds (known before a run
 * where the graph tells them), a button that opens the language reference beside it, and a hint
 * when the upstream columns are not known yet.
 */
import { lazy, Suspense, useId, useState } from 'react';
import type { JsonValue } from '../../../engine';
import type { PortInfo } from '../../../models';
import { ExpressionReference } from './ExpressionReference';
import { useUpstreamColumns } from './useUpstreamColumns';
import { useDebouncedText } from '../useDebouncedText';
import './expression.css';

const ExpressionEditor = lazy(() => import('./ExpressionEditor'));

/** A short pause: the node's "will run" and the preview follow the condition soon after typing stops. */
const COMMIT_DELAY_MS = 300;

export interface ExpressionControlProps {
  port: PortInfo;
  value: JsonValue | undefined;
  columns: string[] | null;
  mode: 'condition' | 'value';
  described: string;
  onChange(value: JsonValue | undefined): void;
}

export function ExpressionControl({ port, value, columns, mode, described, onChange }: ExpressionControlProps) {
  const [open, setOpen] = useState(false);
  // Names and kinds from the preview; else the names the last run's cache gave.
  const upstream = useUpstreamColumns(port.columnsFrom);
  const known = upstream ?? (columns ? columns.map((name) => ({ name })) : null);
  const referenceId = useId();
  const text = typeof value === 'string' ? value : '';
  const testId = `param-${port.name}`;
  // Typing stays in the field and reaches the graph once the person pauses or leaves it: a commit
  // per key (a save, the journal, every view of the node drawn again) cost ≈ 20 ms a key.
  const { draft, change, flush } = useDebouncedText(text, (next) => onChange(next === '' ? undefined : next), COMMIT_DELAY_MS);
  return (
    <div className="expression-field">
      <div className="expression-row">
        <div className="expression-editor">
          <Suspense
            fallback={
              <input
                className="mono"
                data-testid={testId}
                aria-label={`${port.name} (loading editor)`}
                aria-describedby={described}
                value={draft}
                onChange={(event) => change(event.target.value)}
                onBlur={flush}
              />
            }
          >
            <ExpressionEditor
              value={draft}
              columns={known}
              mode={mode}
              label={port.name}
              describedBy={described}
              testId={testId}
              onChange={change}
              onBlur={flush}
            />
          </Suspense>
        </div>
        <button
          type="button"
          className="button small expression-reference-toggle"
          aria-expanded={open}
          aria-controls={open ? referenceId : undefined}
          data-testid={`expression-reference-toggle-${port.name}`}
          title="What an expression can say, with examples"
          onClick={() => setOpen((shown) => !shown)}
        >
          Reference
        </button>
      </div>
      {known === null && (
        <span className="field-help field-hint">Run the steps above once to have their column names completed here (Ctrl+Space lists functions).</span>
      )}
      {open && <ExpressionReference id={referenceId} mode={mode} onClose={() => setOpen(false)} />}
    </div>
  );
}
