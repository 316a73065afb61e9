/** Steps done / total, the running step named, and the model's own progress when it reports one. */
import type { RunProgress } from '../../store/run';
import { useRun } from '../hooks/useRun';

const selectProgress = (state: { progress: RunProgress | null }) => state.progress;

export function RunProgressBar() {
  const progress = useRun(selectProgress);
  if (!progress) return null;
  const fraction = progress.total ? (progress.done + (progress.modelFraction ?? 0)) / progress.total : 0;
  const label = `${progress.done} / ${progress.total} steps${progress.runningKey ? ` · running ${progress.runningKey}` : ''}${progress.modelFraction !== null ? ` · ${Math.round(progress.modelFraction * 100)} %` : ''}${progress.modelMessage ? ` ${progress.modelMessage}` : ''}`;
  return (
    <div className="run-progress" data-testid="run-progress">
      <progress max={1} value={Math.min(1, fraction)} aria-label="Run progress" />
      <span className="run-progress-label">{label}</span>
    </div>
  );
}
