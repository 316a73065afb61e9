/**
 * Whose values the viewer shows, said plainly when it is not simply "the last run's": the last run
 * did not update the cache (its values and the cache's differ; either can be shown), or the step
 * ran but its own values are gone (a reload, a stopped run), so these are the cache's.
 */
import { valuesNote, type RunStoreState, type StepInspection } from '../../store/run';
import { useRun } from '../hooks/useRun';
import { useStudio } from '../hooks/useStudio';

const selectNote = (state: RunStoreState) => valuesNote(state, state.inspection);

const time = (at: number | null | undefined) => (at === null || at === undefined ? 'an earlier run' : new Date(at).toLocaleString());

export function ValuesNote({ step }: { step: StepInspection }) {
  const note = useRun(selectNote);
  const { run } = useStudio();
  if (note === 'values-from-cache') {
    return (
      <p className="extract-values-note" role="note" data-testid="values-from-cache">
        These are the cache&rsquo;s values from {time(step.summary.at)}, not the last run&rsquo;s: that run did not update the cache, and its own values were
        not kept (the page was reloaded or the run stopped since).
      </p>
    );
  }
  const notUpdated = step.cacheNotUpdated;
  if (note !== 'cache-not-updated' || !notUpdated) return null;
  const show = run.getState().showValues;
  if (step.from === 'cache') {
    return (
      <p className="extract-values-note" role="note" data-testid="cache-not-updated">
        This is the cached result from {time(notUpdated.cachedAt)}, not this run&rsquo;s:{' '}
        {notUpdated.why === undefined ? <>&ldquo;Update cache&rdquo; was off for the last run.</> : <>the last run was not cached ({notUpdated.why}).</>}{' '}
        <button type="button" className="run-btn run-btn-quiet" onClick={() => show('run')}>
          Show this run&rsquo;s
        </button>
      </p>
    );
  }
  return (
    <p className="extract-values-note" role="note" data-testid="cache-not-updated">
      This is this run&rsquo;s result.{' '}
      {notUpdated.why === undefined ? <>&ldquo;Update cache&rdquo; was off, so</> : <>It was not cached ({notUpdated.why}), so</>}{' '}
      {notUpdated.cached ? <>the cache still holds the earlier one from {time(notUpdated.cachedAt)}.</> : <>nothing is cached for this step.</>}{' '}
      {notUpdated.cached && (
        <button type="button" className="run-btn run-btn-quiet" onClick={() => show('cache')}>
          Show the cached one
        </button>
      )}
    </p>
  );
}
