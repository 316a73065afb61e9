import { useCallback, useMemo } from 'react';
import { outcomeReader, type RunStoreState, type StepOutcome } from '../../store/run';
import { useRun } from './useRun';

/** What the last run made of one step (null when it never ran and has no cache). */
export function useStepOutcome(stepId: string): StepOutcome | null {
  // One reader per node: it returns the same object until the step's own inputs change.
  const read = useMemo(() => outcomeReader(), []);
  return useRun(useCallback((state: RunStoreState) => read(state, stepId), [read, stepId]));
}
