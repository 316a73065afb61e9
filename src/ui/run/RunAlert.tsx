/** The last run's failure or notice, in words, with the ways out it offers. */
import type { RunAlert as Alert } from '../../store/run';
import { useRun } from '../hooks/useRun';
import { useStudio } from '../hooks/useStudio';

const selectAlert = (state: { alert: Alert | null }) => state.alert;

export function RunAlert() {
  const alert = useRun(selectAlert);
  const store = useStudio().run;
  if (!alert) return null;
  const { makeMutableAndRerun, run, dismissAlert } = store.getState();
  return (
    <div className={`run-alert run-alert-${alert.tone}`} role={alert.tone === 'error' ? 'alert' : 'status'}>
      <span className="run-alert-message">{alert.message}</span>
      {alert.offers.includes('make-mutable-and-rerun') && (
        <button type="button" className="run-btn" onClick={() => void makeMutableAndRerun()}>
          Make state mutable and rerun
        </button>
      )}
      {alert.offers.includes('run-fresh') && (
        <button type="button" className="run-btn" onClick={() => void run()}>
          Run fresh
        </button>
      )}
      <button type="button" className="run-btn run-btn-quiet" aria-label="Dismiss" onClick={dismissAlert}>
        ×
      </button>
    </div>
  );
}
