import type { StepPreview } from '../../store/run';
import { useRun } from './useRun';

/** What a run would do with one step (null until a preview is computed). */
export function useStepPreview(stepId: string): StepPreview | null {
  return useRun((state) => state.previewByStep[stepId] ?? null);
}
