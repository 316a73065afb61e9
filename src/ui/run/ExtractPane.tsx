/** The selected step's cached model input and output (or a selected state slot), fetched from the worker when selected. */
import { useRunStore, type Inspection, type RunStoreState, type StepInspection } from '../../store/runStore';
import { formatBytes } from '../../store/runWords';
import { FieldsView, ValueView } from './ValueView';

const selectInspection = (state: RunStoreState) => state.inspection;

const when = (at: number | undefined) => (at === undefined ? '' : ` · cached ${new Date(at).toLocaleTimeString()}`);

function Placeholder({ inspection }: { inspection: Inspection | null }) {
  if (!inspection) return <p className="run-empty">Select a step (here or on the canvas) to see its cached input and output.</p>;
  if (inspection.status === 'loading') return <p className="run-empty" role="status">Loading…</p>;
  if (inspection.status === 'error') return <p role="alert" className="run-step-error">The cached value could not be read: {inspection.message}</p>;
  if (inspection.target.kind === 'slot') return <p className="run-empty">The state has no slot "{inspection.target.name}".</p>;
  return (
    <>
      <h3>{inspection.target.stepKey}</h3>
      <p className="run-empty">No cache for this step yet.</p>
    </>
  );
}

export function ExtractPane() {
  const inspection = useRunStore(selectInspection);
  if (inspection?.status !== 'ready') return <Placeholder inspection={inspection} />;
  const { value } = inspection;
  if (value.kind === 'slot') {
    return (
      <div className="extracts" data-testid="state-slot-value">
        <h3>
          State slot {value.name}
        </h3>
        <ValueView value={value.value} name={value.name} source={{ side: 'slot' }} />
      </div>
    );
  }
  return <StepExtracts step={value} />;
}

function StepExtracts({ step }: { step: StepInspection }) {
  const { stepKey: key, summary, changed, previousFields } = step;
  return (
    <div className="extracts">
      <h3>
        {key}{' '}
        <small>
          {summary.model}@{summary.version}
          {when(summary.at)}
        </small>
      </h3>
      {changed.length > 0 && previousFields && (
        <section className="extract extract-diff" data-testid="extract-diff">
          <h4>Changed since the previous input</h4>
          <dl className="fields">
            {changed.map((field) => (
              <div key={field} className="field">
                <dt>{field}</dt>
                <dd className="diff">
                  <span className="diff-old" aria-label="before">
                    <ValueView value={previousFields[field]} name={`${key}-${field}-before`} />
                  </span>
                  <span aria-hidden>→</span>
                  <span className="diff-new" aria-label="now">
                    <ValueView value={(step.input as Record<string, unknown>)[field]} name={`${key}-${field}`} />
                  </span>
                </dd>
              </div>
            ))}
          </dl>
        </section>
      )}
      <div className="extract-sides">
        <section data-testid="extract-input" className="extract">
          <h4>
            Model input <small>{formatBytes(summary.input.size)}</small>
          </h4>
          <FieldsView value={step.input} name={`${key}-input`} side="input" changed={changed} />
        </section>
        <section data-testid="extract-output" className="extract">
          <h4>
            Model output <small>{formatBytes(summary.output.size)}</small>
          </h4>
          <FieldsView value={step.output} name={`${key}-output`} side="output" />
        </section>
      </div>
    </div>
  );
}
