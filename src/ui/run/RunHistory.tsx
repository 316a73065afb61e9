/** The active workflow's past runs; opening one shows each step's outcome. */
import type { RunRecord } from '../../persistence/types';
import { formatDuration, type RunStoreState } from '../../store/run';
import { useRun } from '../hooks/useRun';
import { useStudio } from '../hooks/useStudio';

const selectHistory = (state: RunStoreState) => state.history;
const selectOpened = (state: RunStoreState) => state.openedRunId;

function counts(record: RunRecord): string {
  const tally: Record<string, number> = {};
  for (const step of record.steps) tally[step.status] = (tally[step.status] ?? 0) + 1;
  return Object.entries(tally)
    .map(([status, count]) => `${count} ${status === 'not-run' ? 'not run' : status}`)
    .join(' · ');
}

const flagWords = (flags: RunRecord['flags']) =>
  [flags.useExtracts ? 'cache' : 'no cache', flags.populateExtracts ? 'update' : 'no update', flags.mutable ? 'mutable' : 'immutable'].join(', ');

export function RunHistory() {
  const history = useRun(selectHistory);
  const opened = useRun(selectOpened);
  const { openRun } = useStudio().run.getState();
  return (
    <div data-testid="run-history" className="run-history">
      <h3>History</h3>
      {!history.length && <p className="run-empty">No runs yet.</p>}
      <ul>
        {history.map((record) => (
          <li key={record.id} data-outcome={record.outcome}>
            <button type="button" className="history-row" aria-expanded={opened === record.id} onClick={() => openRun(opened === record.id ? null : record.id)}>
              <span className={`history-outcome history-${record.outcome}`}>{record.outcome}</span>
              <span>{record.kind}</span>
              <time dateTime={new Date(record.startedAt).toISOString()}>{new Date(record.startedAt).toLocaleTimeString()}</time>
              <span>{formatDuration(record.endedAt - record.startedAt)}</span>
              <span className="history-counts">{counts(record)}</span>
            </button>
            {opened === record.id && (
              <div className="history-detail">
                <p>Flags: {flagWords(record.flags)}</p>
                {record.error && <p className="run-step-error">{record.error}</p>}
                <table>
                  <tbody>
                    {record.steps.map((step) => (
                      <tr key={step.key} data-status={step.status}>
                        <td>{step.index}</td>
                        <td>{step.key}</td>
                        <td>{step.status}</td>
                        <td>{formatDuration(step.durationMs)}</td>
                        <td>{step.error ?? step.reason ?? ''}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            )}
          </li>
        ))}
      </ul>
    </div>
  );
}
