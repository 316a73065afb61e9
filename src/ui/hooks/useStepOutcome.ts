import { useShallow } from 'zustand/react/shallow';
import { stepOutcome, type RunStoreState, type StepOutcome } from '../../store/run';
import { useRun } from './useRun';

const NO_OUTCOME = { none: true } as unknown as StepOutcome;

/** What the last run made of one step (null when it never ran and has no cache). */
export function useStepOutcome(stepId: string): StepOutcome | null {
  const outcome = useRun(useShallow((state: RunStoreState) => stepOutcome(state, stepId) ?? NO_OUTCOME));
  return outcome === NO_OUTCOME ? null : outcome;
}
