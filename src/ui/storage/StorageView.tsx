/**
 * The Storage view: how much the cache holds per workflow and per step (values several steps
 * share counted once in the total), against the budget; clearing a step, a workflow or all of
 * it after a confirmation; the budget and how many runs each workflow keeps.
 */
import { useLateStores } from '../hooks/useLateStores';
import { useModalDialog } from '../hooks/useModalDialog';
import type { StorageStoreState } from '../../store/storage';
import { humanBytes } from '../../store/storage';
import { useStorage } from '../hooks/useStorage';
import { StorageSettings } from './StorageSettings';
import { StorageTable } from './StorageTable';
import './storage.css';
import { focusOnMount } from '../focusOnMount';

const selectOpen = (state: StorageStoreState) => state.open;
const selectReport = (state: StorageStoreState) => state.report;
const selectConfirming = (state: StorageStoreState) => state.confirming;
const selectMessage = (state: StorageStoreState) => state.message;

export function StorageView() {
  const open = useStorage(selectOpen);
  const report = useStorage(selectReport);
  const confirming = useStorage(selectConfirming);
  const message = useStorage(selectMessage);
  const { storage } = useLateStores();
  const ref = useModalDialog(open);
  const actions = storage.getState();
  const fraction = report && report.budgetBytes > 0 ? Math.min(1, report.usedBytes / report.budgetBytes) : 0;
  const over = report !== null && report.usedBytes > report.budgetBytes;
  return (
    <dialog ref={ref} className="storage-view" aria-labelledby="storage-title" onClose={() => actions.hide()} data-testid="storage-view">
      <header className="storage-head">
        <h2 id="storage-title">Storage</h2>
        <button type="button" className="storage-close" aria-label="Close" onClick={() => actions.hide()}>
          ×
        </button>
      </header>
      {report && (
        <>
          <section className="storage-summary" aria-label="Cache use">
            <div className="storage-use">
              <span className="storage-use-figure" data-testid="storage-used">
                {humanBytes(report.usedBytes)}
              </span>
              <span className="muted">
                of {humanBytes(report.budgetBytes)} budget{report.budgetIsDefault ? ' (default)' : ''}
              </span>
            </div>
            <div
              className={`storage-meter${over ? ' is-over' : ''}`}
              role="meter"
              aria-label="Cache use of the budget"
              aria-valuemin={0}
              aria-valuemax={report.budgetBytes}
              aria-valuenow={report.usedBytes}
            >
              <span style={{ width: `${(fraction * 100).toFixed(1)}%` }} />
            </div>
            <p className="storage-note muted">
              Cached inputs and outputs of every step, and the states last runs left (for Rerun). Beyond the budget the least recently used entries go first. A
              value several steps share is stored and counted once:{' '}
              {report.sharedBytes ? (
                <>
                  <strong data-testid="storage-shared">{humanBytes(report.sharedBytes)}</strong> shared.
                </>
              ) : (
                <span data-testid="storage-shared">none is shared now.</span>
              )}
              {over && <strong className="storage-over"> Over budget: only entries the open workflow’s last run used are left, and they stay.</strong>}
            </p>
          </section>
          <StorageSettings report={report} />
          {message && (
            <p className={`storage-message is-${message.tone}`} role={message.tone === 'error' ? 'alert' : 'status'}>
              {message.text}
            </p>
          )}
          {confirming && (
            <div className="storage-confirm" role="alertdialog" aria-label="Confirm clearing" data-testid="storage-confirm">
              <p>{confirming.question}</p>
              <div className="dialog-actions">
                <button type="button" className="button" data-testid="storage-confirm-cancel" onClick={() => actions.cancelClear()}>
                  Cancel
                </button>
                <button
                  type="button"
                  className="button storage-danger-fill"
                  data-testid="storage-confirm-clear"
                  onClick={() => actions.confirmClear()}
                  ref={focusOnMount}
                >
                  Clear
                </button>
              </div>
            </div>
          )}
          <StorageTable report={report} />
        </>
      )}
      <footer className="dialog-actions storage-foot">
        <button
          type="button"
          className="button is-danger"
          data-testid="storage-clear-all"
          disabled={!report?.workflows.some((workflow) => workflow.steps.length)}
          onClick={() => actions.askClear({ kind: 'all' })}
        >
          Clear all caches…
        </button>
        <span className="status-spacer" />
        <button type="button" className="button" onClick={() => actions.hide()}>
          Close
        </button>
      </footer>
    </dialog>
  );
}
