/**
 * The run's steps in execution order: status, state mappings, why it ran, duration. A listbox:
 * one tab stop, arrow keys / Home / End move and open a step, Enter or a click opens it.
 */
import { useRef, type KeyboardEvent } from 'react';
import { SKIPPED_ON, formatDuration, rowResult, valuesPlace as valuesPlaceOf, type RunStoreState, type StepRow } from '../../store/run';
import { useRun } from '../hooks/useRun';
import { useSelectedNodeId } from '../hooks/useSelectedNodeId';
import { useStudio } from '../hooks/useStudio';

const selectSteps = (state: { steps: StepRow[] }) => state.steps;

/** The row's one-line result in its run ("= 25"), or why there is none to show. */
function StepResult({ row }: { row: StepRow }) {
  const result = useRun((state: RunStoreState) => rowResult(state, row));
  const place = useRun((state: RunStoreState) => valuesPlaceOf(state, row));
  if (result !== null)
    return (
      <span className="run-step-result" data-testid="step-result" title={`The main output of this step in the run: ${result}`}>
        = {result}
      </span>
    );
  if (row.status !== 'ran' || place !== 'lost') return null;
  return (
    <span className="run-step-result is-lost" data-testid="step-result-lost">
      values not kept (the cache was not updated)
    </span>
  );
}

const STATUS_WORDS: Record<string, string> = {
  pending: 'pending',
  running: 'running…',
  ran: 'ran',
  skipped: 'skipped',
  error: 'error',
  cancelled: 'cancelled',
  'not-run': 'not run',
  bypassed: 'bypassed',
  idle: '',
};

/** Skipped on a cached output that came with an imported file: its row says "imported result" under "skipped". */
const skippedOnImport = (row: StepRow) => row.status === 'skipped' && row.reason === SKIPPED_ON.imported;
const skipTitle = (row: StepRow) =>
  row.status !== 'skipped'
    ? undefined
    : skippedOnImport(row)
      ? 'skipped: it used a cached result that came with an imported file'
      : 'skipped: its cached output was used';

const mappings = (map: Record<string, string>) =>
  Object.entries(map)
    .map(([a, b]) => `${a} → ${b}`)
    .join(', ');

/** The row index a key moves to, or null when the key is not a move. */
function moveTarget(key: string, current: number, count: number): number | null {
  switch (key) {
    case 'ArrowDown':
      return Math.min(count - 1, current + 1);
    case 'ArrowUp':
      return Math.max(0, current - 1);
    case 'Home':
      return 0;
    case 'End':
      return count - 1;
    default:
      return null;
  }
}

export function StepList() {
  const steps = useRun(selectSteps);
  const selected = useSelectedNodeId();
  const { run } = useStudio();
  const list = useRef<HTMLOListElement>(null);
  if (!steps.length) return <p className="run-empty">No run yet. Press Run: each step's status, timing and cache use will show here.</p>;
  const selectedIndex = steps.findIndex((row) => row.key === selected);
  const tabStop = selectedIndex >= 0 ? selectedIndex : 0;
  const open = (index: number) => {
    const row = steps[index];
    if (!row) return;
    run.getState().selectStep(row.key);
    list.current?.querySelector<HTMLElement>(`[data-testid="step-row-${row.index}"]`)?.focus();
  };
  const onKeyDown = (event: KeyboardEvent<HTMLLIElement>, index: number) => {
    if (event.key === 'Enter' || event.key === ' ') {
      event.preventDefault();
      open(index);
      return;
    }
    const target = moveTarget(event.key, index, steps.length);
    if (target === null) return;
    event.preventDefault();
    open(target);
  };
  return (
    <ol className="run-steps" role="listbox" aria-label="Steps in execution order" ref={list}>
      {steps.map((row, position) => (
        <li
          key={row.key}
          role="option"
          tabIndex={position === tabStop ? 0 : -1}
          className="run-step"
          data-testid={`step-row-${row.index}`}
          data-step-id={row.key}
          data-status={row.status}
          aria-selected={selected === row.key}
          onClick={() => open(position)}
          onKeyDown={(event) => onKeyDown(event, position)}
        >
          <span className="run-step-dot" aria-hidden />
          <strong className="run-step-name">{row.key}</strong>
          <span className="run-step-status" title={skipTitle(row)}>
            {STATUS_WORDS[row.status]}
          </span>
          <span className="run-step-duration">{formatDuration(row.durationMs)}</span>
          <span className="run-step-map">
            <span className="run-step-model">{row.model}</span>
            {Object.keys(row.inputs).length > 0 && <> · in: {mappings(row.inputs)}</>}
            {Object.keys(row.outputs).length > 0 && <> · out: {mappings(row.outputs)}</>}
          </span>
          <StepResult row={row} />
          {row.reason && (row.status === 'ran' || row.status === 'bypassed' || row.status === 'not-run') && (
            <span className="run-step-reason" data-testid="step-reason">
              {row.reason}
            </span>
          )}
          {skippedOnImport(row) && <span className="run-step-reason is-imported">{row.reason}</span>}
          {row.error && <span className="run-step-error">{row.error}</span>}
        </li>
      ))}
    </ol>
  );
}
