/**
 * The run panel's rows as the editor shows them on open: none, or the last recorded run's (the
 * reducer of a run's messages, `reducer.ts`, loads with the run store's core, after the first paint).
 */
import { stepKeyOf } from '../../engine';
import type { RunRecord } from '../../persistence/types';
import type { CompiledWorkflow } from './source';
import type { StepRow, StepRows } from './types';

export const NO_ROWS: StepRows = { steps: [], rowIndex: {} };

export function rowOf(rows: StepRows, key: string): StepRow | undefined {
  const index = rows.rowIndex[key];
  return index === undefined ? undefined : rows.steps[index];
}

export function rowsOf(steps: StepRow[]): StepRows {
  const rowIndex: Record<string, number> = {};
  steps.forEach((row, index) => (rowIndex[row.key] = index));
  return { steps, rowIndex };
}

/** The rows of a recorded run, for steps the compiled graph still has (its mappings are the graph's now). */
export function rowsFromRecord(record: RunRecord, compiled: CompiledWorkflow): StepRows {
  const byKey = new Map(compiled.workflow.steps.map((step, index) => [stepKeyOf(step, index), step]));
  const steps: StepRow[] = [];
  for (const step of record.steps) {
    const now = byKey.get(step.key);
    if (!now) continue;
    steps.push({
      index: step.index,
      key: step.key,
      model: step.model,
      inputs: { ...(now.inputs ?? {}) },
      outputs: { ...(now.outputs ?? {}) },
      included: true,
      status: step.status,
      durationMs: step.durationMs,
      reason: step.reason ?? null,
      changedFields: [],
      error: step.error ?? null,
      // A skip used the cache, which still holds it. Whether the cache took what a step ran with is
      // known once the cache's summaries come (`valuesPlace`); until then its values count as gone.
      valuesIn: step.status === 'skipped' ? 'cache' : step.status === 'ran' ? 'lost' : null,
      uncachedValues: null,
    });
  }
  return rowsOf(steps);
}
