/** The Storage view's settings: the cache budget (a size, or the default) and the runs each workflow keeps. */
import { useLateStores } from '../hooks/useLateStores';
import { useState } from 'react';
import type { StorageReport } from '../../persistence/types';
import { humanBytes, parseBytes } from '../../store/storage';

export function StorageSettings({ report }: { report: StorageReport }) {
  const { storage } = useLateStores();
  const [budget, setBudget] = useState(report.budgetIsDefault ? '' : humanBytes(report.budgetBytes));
  const [runs, setRuns] = useState(String(report.runsPerWorkflow));
  const [error, setError] = useState<string | null>(null);
  const defaultText = `default: ${report.quotaBytes ? `the smaller of 1 GB and half the browser’s quota of ${humanBytes(report.quotaBytes)}` : '1 GB'}`;

  const commitBudget = () => {
    if (budget.trim() === '') return setError(storage.getState().setBudget(null));
    const bytes = parseBytes(budget);
    if (bytes === null) return setError(`“${budget}” is not a size: write it like 500 MB, 2 GB or 64 KB.`);
    if (bytes < 1024) return setError('A budget must be at least 1 KB.');
    setError(storage.getState().setBudget(bytes));
  };
  const commitRuns = () => {
    const count = Number(runs.trim());
    const fits = runs.trim() !== '' && Number.isInteger(count) && count >= 1 && count <= 100_000;
    setError(fits ? storage.getState().setRunsPerWorkflow(count) : 'Give a whole number of runs from 1 to 100000.');
  };

  return (
    <section className="storage-settings" aria-label="Storage settings">
      <form
        className="storage-setting"
        onSubmit={(event) => {
          event.preventDefault();
          commitBudget();
        }}
      >
        <label htmlFor="storage-budget">Cache budget</label>
        <input
          id="storage-budget"
          data-testid="storage-budget-input"
          value={budget}
          placeholder={humanBytes(report.budgetBytes)}
          onChange={(event) => {
            setBudget(event.target.value);
            setError(null);
          }}
          aria-describedby="storage-budget-hint"
        />
        <button type="submit" className="button small" data-testid="storage-budget-set">
          Set
        </button>
        {!report.budgetIsDefault && (
          <button
            type="button"
            className="button small"
            data-testid="storage-budget-default"
            onClick={() => {
              setBudget('');
              setError(storage.getState().setBudget(null));
            }}
          >
            Use default
          </button>
        )}
        <span id="storage-budget-hint" className="muted small">
          e.g. 500 MB; empty for the {defaultText}
        </span>
      </form>
      <form
        className="storage-setting"
        onSubmit={(event) => {
          event.preventDefault();
          commitRuns();
        }}
      >
        <label htmlFor="storage-runs">Run history</label>
        <span className="muted">keep the last</span>
        <input
          id="storage-runs"
          className="storage-runs"
          data-testid="storage-runs-input"
          type="number"
          min={1}
          max={100000}
          value={runs}
          onChange={(event) => {
            setRuns(event.target.value);
            setError(null);
          }}
          onBlur={commitRuns}
        />
        <span className="muted">runs per workflow</span>
      </form>
      {error && (
        <p className="field-error" role="alert">
          {error}
        </p>
      )}
    </section>
  );
}
