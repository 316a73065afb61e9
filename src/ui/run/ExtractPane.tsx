/**
 * The selected step's model input and output in the last run — or the cache's, said so — (or a
 * selected state slot), fetched from the worker when selected.
 */
import { formatBytes, rowOf, valuesPlace, type Inspection, type RunStoreState, type StepInspection, type StepRow } from '../../store/run';
import { componentIdOf } from '../../format/components';
import { useGraph } from '../hooks/useGraph';
import { useRun } from '../hooks/useRun';
import { EarlierEntries } from './EarlierEntries';
import { ValuesNote } from './ValuesNote';
import { FieldsView, ValueView } from './ValueView';

const selectInspection = (state: RunStoreState) => state.inspection;

/** The run panel's row of the open step, when it failed in the shown run. */
function useFailedRow(stepKey: string | null): StepRow | null {
  const row = useRun((state: RunStoreState) => (stepKey === null ? undefined : rowOf(state, stepKey)));
  return row?.status === 'error' ? row : null;
}

/** A failed step's error, first and plain: its cached values below are older than this run. */
function StepFailure({ row }: { row: StepRow }) {
  return (
    <section className="extract-failure" data-testid="step-failure">
      <h4>This step failed in the last run</h4>
      <p className="run-step-error">{row.error ?? 'failed'}</p>
    </section>
  );
}

/** When the shown values were made: by the last run (not cached), or when the cache took them. */
const when = (step: StepInspection) => {
  const { at } = step.summary;
  if (at === undefined) return '';
  return ` · ${step.cacheNotUpdated && step.from === 'run' ? 'ran' : 'cached'} ${new Date(at).toLocaleTimeString()}`;
};

function Placeholder({ inspection }: { inspection: Inspection | null }) {
  if (!inspection) return <p className="run-empty">Select a step (here or on the canvas) to see its cached input and output.</p>;
  if (inspection.status === 'loading')
    return (
      <p className="run-empty" role="status">
        Loading…
      </p>
    );
  if (inspection.status === 'error')
    return (
      <p role="alert" className="run-step-error">
        The cached value could not be read: {inspection.message}
      </p>
    );
  if (inspection.target.kind === 'slot') return <p className="run-empty">The state has no slot "{inspection.target.name}".</p>;
  return <NoCache stepKey={inspection.target.stepKey} />;
}

/** A component instance is no step of its own: its inner steps hold the values. */
function useComponentOf(stepKey: string): { label: string; steps: number } | null {
  const node = useGraph((state) => state.nodes.find((candidate) => candidate.id === stepKey));
  const definition = useGraph((state) => {
    const id = node ? componentIdOf(node.data.model) : null;
    return id === null ? undefined : state.components[id];
  });
  return node && definition ? { label: node.data.label, steps: definition.nodes.length } : null;
}

function NoCache({ stepKey }: { stepKey: string }) {
  const component = useComponentOf(stepKey);
  const failed = useFailedRow(stepKey);
  // It ran, but the cache did not take its values and they are gone (a reload, a stopped run).
  const lost = useRun((state: RunStoreState) => {
    const row = rowOf(state, stepKey);
    return row?.status === 'ran' && valuesPlace(state, row) === 'lost';
  });
  const words = component
    ? `“${component.label}” is a component: its ${component.steps} steps run and are cached one by one. Select one under it in Steps to see its input and output.`
    : failed
      ? 'No earlier successful run of this step is cached.'
      : lost
        ? 'The last run did not update the cache and its own values were not kept; nothing is cached for this step.'
        : 'No cache for this step yet.';
  return (
    <>
      <h3>{component?.label ?? stepKey}</h3>
      {failed && <StepFailure row={failed} />}
      <p className="run-empty" {...(lost ? { 'data-testid': 'values-from-cache' } : {})}>
        {words}
      </p>
    </>
  );
}

export function ExtractPane() {
  const inspection = useRun(selectInspection);
  if (inspection?.status !== 'ready') return <Placeholder inspection={inspection} />;
  const { value } = inspection;
  if (value.kind === 'slot') {
    return (
      <div className="extracts" data-testid="state-slot-value">
        <h3>State slot {value.name}</h3>
        <ValueView value={value.value} name={value.name} source={{ side: 'slot' }} />
      </div>
    );
  }
  return <StepExtracts step={value} />;
}

function StepExtracts({ step }: { step: StepInspection }) {
  const { stepKey: key, summary, changed, previousFields } = step;
  const failed = useFailedRow(key);
  const title = useGraph((state) => state.nodes.find((node) => node.id === key)?.data.label) || key;
  return (
    <div className={failed ? 'extracts extracts-stale' : 'extracts'}>
      <h3>
        {key}{' '}
        <small>
          {summary.model}@{summary.version}
          {!failed && when(step)}
        </small>
      </h3>
      {!failed && <ValuesNote step={step} />}
      <EarlierEntries stepKey={key} />
      {failed && (
        <>
          <StepFailure row={failed} />
          <p className="extract-stale-note" data-testid="stale-cache-note">
            Cached values below are from the last successful run{summary.at === undefined ? '' : ` (${new Date(summary.at).toLocaleString()})`}, not from the
            failed one.
          </p>
        </>
      )}
      {changed.length > 0 && previousFields && (
        <section className="extract extract-diff" data-testid="extract-diff">
          <h4>Changed since the previous input</h4>
          <dl className="fields">
            {changed.map((field) => (
              <div key={field} className="field">
                <dt>{field}</dt>
                <dd className="diff">
                  <span className="diff-old" aria-label="before">
                    <ValueView value={previousFields[field]} name={`${key}-${field}-before`} source={{ side: 'previous', field }} />
                  </span>
                  <span aria-hidden>→</span>
                  <span className="diff-new" aria-label="now">
                    <ValueView value={(step.input as Record<string, unknown>)[field]} name={`${key}-${field}`} source={{ side: 'input', field }} />
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
            {failed ? 'Model input from the last successful run' : 'Model input'} <small>{formatBytes(summary.input.size)}</small>
          </h4>
          <FieldsView value={step.input} name={`${key}-input`} title={`${title} input`} side="input" changed={changed} />
        </section>
        <section data-testid="extract-output" className="extract">
          <h4>
            {failed ? 'Model output from the last successful run' : 'Model output'} <small>{formatBytes(summary.output.size)}</small>
          </h4>
          <FieldsView value={step.output} name={`${key}-output`} title={title} side="output" />
        </section>
      </div>
    </div>
  );
}
