/** Views over the run store's state, pure so tests read them without React. */
import { rowOf } from './rows';
import { SKIPPED_ON } from './words';
import type { Inspection, RunData, RunValuesPlace, StepDisplayStatus, StepOutcome, StepRow } from './types';

const SHOWS_RESULT: ReadonlySet<StepDisplayStatus> = new Set(['ran', 'skipped', 'idle']);

/**
 * Where the shown run's values of a step are. Rows from the history cannot hold them; a step that
 * ran there left them in the cache only if its cache entry was written during that run.
 */
export function valuesPlace(state: RunData, row: StepRow): RunValuesPlace {
  if (!state.rowsFromHistory || row.status !== 'ran') return row.valuesIn;
  const record = state.history[0];
  const at = state.cache[row.key]?.at;
  return record && at !== undefined && at >= record.startedAt && at <= record.endedAt ? 'cache' : 'lost';
}

/** The one-line result of the shown run's output of a step, when it is known. */
function runResult(state: RunData, row: StepRow | undefined, stepId: string): string | null {
  const cached = state.cache[stepId]?.result ?? null;
  if (!row) return cached;
  if (!SHOWS_RESULT.has(row.status)) return null;
  const place = valuesPlace(state, row);
  if (place === 'run') return row.uncachedValues?.result ?? null;
  return place === 'cache' ? cached : null;
}

/** What the last run made of one step, for its node (null when it never ran and has no cache). */
export function stepOutcome(state: RunData, stepId: string): StepOutcome | null {
  const row = rowOf(state, stepId);
  const cached = state.cache[stepId];
  if (!row && !cached) return null;
  const status = row?.status ?? 'idle';
  const preview = state.previewByStep[stepId];
  // Rows from history have no signature to compare, and a cleared cache changes no signature: the
  // preview says whether the step would run now. A skip no longer holds when the preview says the
  // step will (or may) run: a toggle ("Use cache" off) or Clear cache changes that without changing
  // the graph, and the node must say so.
  const skipNoLongerHolds = status === 'skipped' && preview !== undefined && !preview.willSkip;
  const stale =
    row !== undefined &&
    (state.graphChanged || skipNoLongerHolds || ((state.rowsFromHistory || state.cacheCleared) && preview !== undefined && !preview.willSkip)) &&
    !(preview?.willSkip ?? false);
  const result = runResult(state, row, stepId);
  return {
    status,
    stale,
    durationMs: row?.durationMs ?? null,
    error: status === 'error' ? (row?.error ?? 'failed') : null,
    note: status === 'bypassed' || status === 'not-run' ? (row?.reason ?? null) : null,
    result,
    importedResult: status === 'skipped' && row?.reason === SKIPPED_ON.imported,
    resultPending: result === null && state.summariesPending && SHOWS_RESULT.has(status),
  };
}

/**
 * A reader of one step's outcome that works it out again only when something it reads changed (the
 * step's row, cache entry or preview, the run-wide flags, the latest record) and otherwise returns
 * the same object. A node reads through one, so a frame of a 1,000-step run costs each node a few
 * reference comparisons, not an outcome built and compared field by field.
 */
export function outcomeReader(): (state: RunData, stepId: string) => StepOutcome | null {
  let seen: RunData | null = null;
  let seenStep = '';
  let row: StepRow | undefined;
  let cached: RunData['cache'][string] | undefined;
  let preview: RunData['previewByStep'][string] | undefined;
  let flags = '';
  let record: RunData['history'][number] | undefined;
  let last: StepOutcome | null = null;
  return (state, stepId) => {
    const nextRow = rowOf(state, stepId);
    const nextFlags = `${state.graphChanged}${state.rowsFromHistory}${state.cacheCleared}${state.summariesPending}`;
    if (
      seen !== null &&
      seenStep === stepId &&
      nextRow === row &&
      state.cache[stepId] === cached &&
      state.previewByStep[stepId] === preview &&
      nextFlags === flags &&
      state.history[0] === record
    )
      return last;
    seen = state;
    seenStep = stepId;
    row = nextRow;
    cached = state.cache[stepId];
    preview = state.previewByStep[stepId];
    flags = nextFlags;
    record = state.history[0];
    const outcome = stepOutcome(state, stepId);
    if (!sameOutcome(outcome, last)) last = outcome;
    return last;
  };
}

function sameOutcome(a: StepOutcome | null, b: StepOutcome | null): boolean {
  if (a === null || b === null) return a === b;
  return (Object.keys(a) as (keyof StepOutcome)[]).every((key) => Object.is(a[key], b[key]));
}

/** The one-line result of a step row's output in its run, for the run panel (null when unknown). */
export function rowResult(state: RunData, row: StepRow): string | null {
  return runResult(state, row, row.key);
}

/**
 * What the viewer must say about whose values it shows: 'cache-not-updated' (the last run did not
 * update the cache: its values and the cache's differ, both can be seen), 'values-from-cache' (the
 * step ran but its values are gone: these are the cache's), or null (they are the run's).
 */
export function valuesNote(state: RunData, inspection: Inspection | null): 'cache-not-updated' | 'values-from-cache' | null {
  if (inspection?.status !== 'ready' || inspection.value.kind !== 'step') return null;
  const { value } = inspection;
  if (value.cacheNotUpdated) return 'cache-not-updated';
  const row = rowOf(state, value.stepKey);
  if (!row || row.status !== 'ran') return null;
  const place = valuesPlace(state, row);
  return place === 'lost' || (place === 'run' && value.from === 'cache') ? 'values-from-cache' : null;
}
