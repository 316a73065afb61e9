/** A step's other cache entries: earlier inputs a run can go back to without running the step. */
import type { RunStoreState } from '../../store/run';
import { useRun } from '../hooks/useRun';

export function EarlierEntries({ stepKey }: { stepKey: string }) {
  const earlier = useRun((state: RunStoreState) => state.cache[stepKey]?.earlier);
  const perStep = useRun((state: RunStoreState) => state.extractsPerStep);
  if (!earlier?.length) return null;
  return (
    <details className="extract-earlier" data-testid="extract-earlier">
      <summary>
        The cache also remembers {earlier.length} earlier {earlier.length === 1 ? 'input' : 'inputs'} of this step (up to {perStep} in all): a run with one of
        them skips it.
      </summary>
      <ol>
        {earlier.map((entry) => (
          <li key={entry.inputHash}>
            <span className="mono" title={entry.input.preview}>
              {entry.input.preview}
            </span>{' '}
            → <span className="mono">{entry.result}</span>
            {entry.at !== undefined && <span className="muted"> · cached {new Date(entry.at).toLocaleTimeString()}</span>}
          </li>
        ))}
      </ol>
    </details>
  );
}
