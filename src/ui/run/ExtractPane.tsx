/** The selected step's cached model input and output, and what changed against the previous input. */
import { valuesEqual, type Extract } from '../../engine';
import type { StoredExtract } from '../../persistence/types';
import { useRunStore, type RunStoreState } from '../../store/runStore';
import { FieldsView, ValueView } from './ValueView';

const selectSelected = (state: RunStoreState) => state.selectedStepKey;
const selectExtracts = (state: RunStoreState) => state.extracts;
const selectPrevious = (state: RunStoreState) => state.previousInputs;
const selectSteps = (state: RunStoreState) => state.steps;

function changedFields(previous: Extract | undefined, current: StoredExtract | undefined): string[] {
  const before = previous?.value as Record<string, unknown> | undefined;
  const after = current?.input.value as Record<string, unknown> | undefined;
  if (!before || !after || previous === current?.input) return [];
  const fields = new Set([...Object.keys(before), ...Object.keys(after)]);
  return [...fields].filter((field) => !valuesEqual(before[field], after[field]));
}

const when = (at: number | undefined) => (at === undefined ? '' : ` · cached ${new Date(at).toLocaleTimeString()}`);

export function ExtractPane() {
  const key = useRunStore(selectSelected);
  const extracts = useRunStore(selectExtracts);
  const previousInputs = useRunStore(selectPrevious);
  const steps = useRunStore(selectSteps);
  if (!key) return <p className="run-empty">Select a step (here or on the canvas) to see its cached input and output.</p>;
  const entry = extracts[key];
  const row = steps.find((step) => step.key === key);
  const previous = previousInputs[key];
  const changed = row?.status === 'ran' ? changedFields(previous, entry) : [];
  return (
    <div className="extracts">
      <h3>
        {key} {entry && <small>{entry.output.model}@{entry.output.version}{when(entry.output.at)}</small>}
      </h3>
      {!entry && <p className="run-empty">No cache for this step yet.</p>}
      {entry && (
        <>
          <section data-testid="extract-input" className="extract">
            <h4>Model input</h4>
            <FieldsView value={entry.input.value} name={`${key}-input`} changed={changed} />
          </section>
          {changed.length > 0 && previous && (
            <section className="extract extract-diff" data-testid="extract-diff">
              <h4>Changed since the previous input</h4>
              <dl className="fields">
                {changed.map((field) => (
                  <div key={field} className="field">
                    <dt>{field}</dt>
                    <dd className="diff">
                      <span className="diff-old"><ValueView value={(previous.value as Record<string, unknown>)[field]} name={`${key}-${field}-before`} /></span>
                      <span aria-hidden>→</span>
                      <span className="diff-new"><ValueView value={(entry.input.value as Record<string, unknown>)[field]} name={`${key}-${field}`} /></span>
                    </dd>
                  </div>
                ))}
              </dl>
            </section>
          )}
          <section data-testid="extract-output" className="extract">
            <h4>Model output</h4>
            <FieldsView value={entry.output.value} name={`${key}-output`} />
          </section>
        </>
      )}
    </div>
  );
}
