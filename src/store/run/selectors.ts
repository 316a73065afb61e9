/** Views over the run store's state, pure so tests read them without React. */
import { rowOf } from './reducer';
import type { RunData, StepDisplayStatus, StepOutcome } from './types';

const SHOWS_RESULT: ReadonlySet<StepDisplayStatus> = new Set(['ran', 'skipped', 'idle']);

/** What the last run made of one step, for its node (null when it never ran and has no cache). */
export function stepOutcome(state: RunData, stepId: string): StepOutcome | null {
  const row = rowOf(state, stepId);
  const cached = state.cache[stepId];
  if (!row && !cached) return null;
  const status = row?.status ?? 'idle';
  const preview = state.previewByStep[stepId];
  // Rows from history have no signature to compare: the preview says whether the step would run now.
  const stale =
    row !== undefined && (state.graphChanged || (state.rowsFromHistory && preview !== undefined && !preview.willSkip)) && !(preview?.willSkip ?? false);
  return {
    status,
    stale,
    durationMs: row?.durationMs ?? null,
    error: status === 'error' ? (row?.error ?? 'failed') : null,
    result: cached && SHOWS_RESULT.has(status) ? cached.result : null,
  };
}
