/** The run's steps in execution order: status, state mappings, why it ran, duration. */
import { runStore, useRunStore, type StepRow } from '../../store/runStore';
import { formatDuration } from '../../store/runWords';

const selectSteps = (state: { steps: StepRow[] }) => state.steps;
const selectSelected = (state: { selectedStepKey: string | null }) => state.selectedStepKey;

const STATUS_WORDS: Record<string, string> = {
  pending: 'pending',
  running: 'running…',
  ran: 'ran',
  skipped: 'skipped (cached)',
  error: 'error',
  cancelled: 'cancelled',
  'not-run': 'not run',
  idle: '',
};

const mappings = (map: Record<string, string>, arrow: 'in' | 'out') =>
  Object.entries(map)
    .map(([a, b]) => (arrow === 'in' ? `${a} → ${b}` : `${a} → ${b}`))
    .join(', ');

export function StepList() {
  const steps = useRunStore(selectSteps);
  const selected = useRunStore(selectSelected);
  if (!steps.length) return <p className="run-empty">No run yet. Press Run: each step's status, timing and cache use will show here.</p>;
  return (
    <ol className="run-steps" aria-label="Steps in execution order">
      {steps.map((row) => (
        <li key={row.key}>
          <button
            type="button"
            className="run-step"
            data-testid={`step-row-${row.index}`}
            data-step-id={row.key}
            data-status={row.status}
            aria-pressed={selected === row.key}
            onClick={() => runStore.getState().selectStep(row.key)}
          >
            <span className="run-step-dot" aria-hidden />
            <span className="run-step-name">
              <strong>{row.key}</strong> <span className="run-step-model">{row.model}</span>
            </span>
            <span className="run-step-status">{STATUS_WORDS[row.status]}</span>
            <span className="run-step-duration">{formatDuration(row.durationMs)}</span>
            <span className="run-step-map">
              {Object.keys(row.inputs).length > 0 && <>in: {mappings(row.inputs, 'in')} </>}
              {Object.keys(row.outputs).length > 0 && <>out: {mappings(row.outputs, 'out')}</>}
            </span>
            {row.reason && row.status === 'ran' && <span className="run-step-reason">{row.reason}</span>}
            {row.error && <span className="run-step-error">{row.error}</span>}
          </button>
        </li>
      ))}
    </ol>
  );
}
