/** The expression language in brief, opened beside an expression field: each form with an example. */
import type { ExpressionMode } from '../../../models/table/expression';
import { REFERENCE } from '../../../models/table/expression/reference';

export function ExpressionReference({ id, mode, onClose }: { id: string; mode: ExpressionMode; onClose(): void }) {
  return (
    <section id={id} className="expression-reference" aria-label="Expression reference" data-testid="expression-reference">
      <header className="expression-reference-head">
        <strong>Expression reference</strong>
        <button type="button" className="button small" onClick={onClose} aria-label="Close the expression reference">
          ×
        </button>
      </header>
      <p className="muted small">
        {mode === 'condition'
          ? 'A condition is true or false for each row; the rows where it is true are kept (an empty cell makes a comparison unknown, and the row is dropped).'
          : 'The expression is computed for each row and becomes the new column.'}{' '}
        JavaScript syntax; the full guide is docs/expressions.md.
      </p>
      {REFERENCE.map((section) => (
        <div key={section.title} className="expression-reference-section">
          <h4>{section.title}</h4>
          <dl>
            {section.entries.map((entry) => (
              <div key={entry.code + entry.help} className="expression-reference-entry">
                <dt className="mono">{entry.code}</dt>
                <dd>{entry.help}</dd>
              </div>
            ))}
          </dl>
        </div>
      ))}
    </section>
  );
}
