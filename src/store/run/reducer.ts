/**
 * Pure updates of the run panel's rows from the worker's messages. Each takes the rows and returns
 * new ones; a step's update goes through the index by key, never by searching, and a batch of
 * events copies the rows once.
 */
import { stepKeyOf } from '../../engine';
import type { RunRecord, StepRunRecord } from '../../persistence/types';
import type { ExtractSummary, PlannedStep, WireEvent } from '../../worker/protocol';
import type { CompiledWorkflow } from './source';
import type { RunProgress, StepRow, StepRows } from './types';
import { SKIPPED_ON, describeReason, describeUncached, type StepPlace } from './words';

import { rowsOf } from './rows';

export { NO_ROWS, rowOf } from './rows';

/** Only the rows of a larger state (so a patch never spreads the whole state). */
const only = (rows: StepRows): StepRows => ({ steps: rows.steps, rowIndex: rows.rowIndex });

/** The rows with one step's row patched (same index, so the index stays valid). */
export function patchRow(rows: StepRows, key: string, patch: Partial<StepRow>): StepRows {
  const index = rows.rowIndex[key];
  const row = index === undefined ? undefined : rows.steps[index];
  if (index === undefined || !row) return only(rows);
  const steps = rows.steps.slice();
  steps[index] = { ...row, ...patch };
  return { steps, rowIndex: rows.rowIndex };
}

/** The rows of a run the worker has planned: included steps pending, the others not run. */
export function plannedRows(planned: readonly PlannedStep[]): StepRows {
  return rowsOf(
    planned.map((step) => ({
      ...step,
      status: step.included ? 'pending' : 'not-run',
      durationMs: null,
      reason: step.included ? null : 'not needed for this step',
      changedFields: [],
      error: null,
      valuesIn: null,
      uncachedValues: null,
    })),
  );
}

/** What a batch of engine events makes of the rows, the progress and the cache's summaries. */
export interface AppliedEvents {
  rows: StepRows;
  progress: RunProgress | null;
  /** The cache entries the ended steps wrote, by step key (empty when none did). */
  extracts: Record<string, ExtractSummary>;
}

/**
 * Rows and progress after a batch of engine events (those the worker sent since the last frame).
 * The rows are copied once per batch and each event patches its own row through the index, so a
 * run of n steps costs O(n) in all, not O(n) per event.
 */
export function applyEvents(rows: StepRows, progress: RunProgress | null, events: readonly WireEvent[]): AppliedEvents {
  let steps: StepRow[] | null = null;
  const extracts: Record<string, ExtractSummary> = {};
  let next = progress;
  for (const event of events) {
    if (event.type === 'progress') {
      next = next && { ...next, modelFraction: event.fraction, modelMessage: event.message ?? null };
      continue;
    }
    const index = rows.rowIndex[event.key];
    const row = index === undefined ? undefined : (steps ?? rows.steps)[index];
    if (event.type === 'start') {
      next = next && { ...next, runningKey: event.key, modelFraction: null, modelMessage: null };
    } else {
      next = next && { ...next, done: next.done + 1, runningKey: null, modelFraction: null, modelMessage: null };
      if (event.extract) extracts[event.key] = event.extract;
    }
    if (index === undefined || !row) continue;
    steps ??= rows.steps.slice();
    steps[index] = { ...row, ...(event.type === 'start' ? { status: 'running' as const } : endPatch(event)) };
  }
  return { rows: steps ? { steps, rowIndex: rows.rowIndex } : only(rows), progress: next, extracts };
}

/** What an ended step's row says. */
function endPatch(event: Extract<WireEvent, { type: 'end' }>): Partial<StepRow> {
  const changedFields = event.reason && (event.reason.kind === 'input-changed' || event.reason.kind === 'param-changed') ? event.reason.fields : [];
  return {
    status: event.status,
    durationMs: event.durationMs,
    reason: rowReason(event),
    changedFields,
    error: event.error?.detail ?? null,
    ...valuesOfEnd(event),
  };
}

/** Where an ended step's values of this run are (see {@link RunValuesPlace}). */
function valuesOfEnd(event: Extract<WireEvent, { type: 'end' }>): Pick<StepRow, 'valuesIn' | 'uncachedValues'> {
  if (event.uncachedValues) return { valuesIn: 'run', uncachedValues: event.uncachedValues };
  return { valuesIn: event.status === 'skipped' || event.extract ? 'cache' : null, uncachedValues: null };
}

/** The worker that held a run's uncached values is gone (a cancel, a crash): say they are lost. */
export function uncachedLost(rows: StepRows): StepRows {
  if (!rows.steps.some((row) => row.valuesIn === 'run')) return only(rows);
  return {
    steps: rows.steps.map((row) => (row.valuesIn === 'run' ? { ...row, valuesIn: 'lost' as const, uncachedValues: null } : row)),
    rowIndex: rows.rowIndex,
  };
}

/** A finished step's reason in words: why it ran (or why its result was not cached), or what it was skipped on. */
function rowReason(event: Extract<WireEvent, { type: 'end' }>): string | null {
  if (event.uncached !== undefined) return describeUncached(event.uncached);
  if (event.reason) return describeReason(event.reason);
  if (event.status === 'skipped') return event.imported ? SKIPPED_ON.imported : SKIPPED_ON.cached;
  return null;
}

/** At the end of a run, whatever did not get to run says so. */
export function finishedRows(rows: StepRows, outcome: RunRecord['outcome']): StepRows {
  if (!rows.steps.some((row) => row.status === 'pending' || row.status === 'running')) return only(rows);
  const steps = rows.steps.map((row) =>
    row.status === 'pending' || row.status === 'running'
      ? { ...row, status: row.status === 'running' && outcome === 'cancelled' ? ('cancelled' as const) : ('not-run' as const) }
      : row,
  );
  return { steps, rowIndex: rows.rowIndex };
}

/** The finished rows as the run history records them. */
export function recordedSteps(rows: StepRows): StepRunRecord[] {
  return rows.steps.map((row) => ({
    index: row.index,
    key: row.key,
    model: row.model,
    status: row.status === 'pending' || row.status === 'running' || row.status === 'idle' ? 'not-run' : row.status,
    durationMs: row.durationMs,
    ...(row.error ? { error: row.error } : {}),
    ...(row.reason ? { reason: row.reason } : {}),
  }));
}

/** The step keys of a compiled workflow. */
export const stepKeysOf = (compiled: CompiledWorkflow): Set<string> => new Set(compiled.workflow.steps.map(stepKeyOf));

/** The rows without steps the compiled graph no longer has (a deleted node leaves no trace). */
export function rowsStillInGraph(rows: StepRows, keys: ReadonlySet<string>): StepRows {
  return rows.steps.every((row) => keys.has(row.key)) ? only(rows) : rowsOf(rows.steps.filter((row) => keys.has(row.key)));
}

/** The failed step's place in the run, for words (steps a "run to here" leaves out do not count). */
export function failedPlace(rows: StepRows): StepPlace | undefined {
  return placeOf(rows, 'error');
}

/** The running step's place, for the words of a cancel. */
export function runningPlace(rows: StepRows): StepPlace | undefined {
  return placeOf(rows, 'running');
}

function placeOf(rows: StepRows, status: StepRow['status']): StepPlace | undefined {
  const included = rows.steps.filter((row) => row.included);
  const position = included.findIndex((row) => row.status === status);
  const row = included[position];
  return row ? { key: row.key, index: position, total: included.length } : undefined;
}

/** What a run depends on of the graph: its steps and initial slots (not the layout or names). */
export const signatureOf = (compiled: CompiledWorkflow): string => JSON.stringify([compiled.workflow.steps, compiled.state]);
