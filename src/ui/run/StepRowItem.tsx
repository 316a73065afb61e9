/**
 * One row of the run panel's step list. It reads its own row from the store by position, so a
 * step's change re-renders that row alone, not the list.
 */
import { memo, type CSSProperties, type KeyboardEvent } from 'react';
import { SKIPPED_ON, formatDuration, rowResult, valuesPlace as valuesPlaceOf, type RunStoreState, type StepRow } from '../../store/run';
import { useRun } from '../hooks/useRun';

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

export interface StepRowItemProps {
  position: number;
  selected: boolean;
  tabStop: boolean;
  onOpen(position: number): void;
  onKey(event: KeyboardEvent<HTMLLIElement>, position: number): void;
  /** Where a virtualized list places the row (and measures it). */
  style?: CSSProperties;
  measure?: (element: HTMLLIElement | null) => void;
}

export const StepRowItem = memo(function StepRowItem({ position, selected, tabStop, onOpen, onKey, style, measure }: StepRowItemProps) {
  const row = useRun((state: RunStoreState) => state.steps[position]);
  if (!row) return null;
  return (
    <li
      ref={measure}
      style={style}
      data-index={position}
      role="option"
      tabIndex={tabStop ? 0 : -1}
      className="run-step"
      data-testid={`step-row-${row.index}`}
      data-step-id={row.key}
      data-status={row.status}
      aria-selected={selected}
      onClick={() => onOpen(position)}
      onKeyDown={(event) => onKey(event, position)}
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
  );
});
