/** The workspace's "inputs remembered per step" setting, where changing a slot back and forth is done. */
import { useState } from 'react';
import type { RunStoreState } from '../../store/run';
import { useRun } from '../hooks/useRun';
import { useStudio } from '../hooks/useStudio';

const selectPerStep = (state: RunStoreState) => state.extractsPerStep;

export function CacheSetting() {
  const perStep = useRun(selectPerStep);
  const { run } = useStudio();
  const [draft, setDraft] = useState(String(perStep));
  const [seen, setSeen] = useState(perStep);
  const [error, setError] = useState<string | null>(null);
  if (seen !== perStep) {
    setSeen(perStep);
    setDraft(String(perStep));
  }
  const commit = () => {
    const count = Number(draft.trim());
    const problem = draft.trim() === '' ? 'Give a whole number from 1 to 1000.' : run.getState().setExtractsPerStep(count);
    setError(problem);
    if (problem) setDraft(String(perStep));
  };
  return (
    <section className="cache-setting" aria-labelledby="cache-setting-title">
      <h3 id="cache-setting-title" className="inspector-section">
        Cache
      </h3>
      <p className="state-intro">
        <label htmlFor="cache-per-step">Each step remembers its last </label>
        <input
          id="cache-per-step"
          type="number"
          min={1}
          max={1000}
          step={1}
          data-testid="cache-per-step"
          value={draft}
          aria-invalid={!!error}
          onChange={(event) => {
            setDraft(event.target.value);
            setError(null);
          }}
          onBlur={commit}
          onKeyDown={(event) => {
            if (event.key === 'Enter') commit();
          }}
        />{' '}
        inputs: setting a slot back to an earlier value skips the steps that ran with it.
      </p>
      {error && (
        <p className="field-error state-intro" role="alert">
          {error}
        </p>
      )}
    </section>
  );
}
