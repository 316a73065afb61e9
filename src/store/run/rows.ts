/**
 * The run panel's rows as the editor reads them before any run (the reducer that updates them,
 * `reducer.ts`, loads with the run store's core, after the first paint).
 */
import type { StepRow, StepRows } from './types';

export const NO_ROWS: StepRows = { steps: [], rowIndex: {} };

export function rowOf(rows: StepRows, key: string): StepRow | undefined {
  const index = rows.rowIndex[key];
  return index === undefined ? undefined : rows.steps[index];
}
