/**
 * The workspace's footer: whether work is saved, how much storage it uses, the read-only
 * hand-over between tabs, and the whole-workspace backup (export and import a `.sqlite` file).
 */
import { useState } from 'react';
import type { WorkspaceStoreState } from '../../store/workspace/createWorkspaceStore';
import { keptText } from '../../persistence/storageInfo';
import type { WorkspaceStatus } from '../../persistence/types';
import { formatBytes } from '../../store/run';
import { useStudio } from '../hooks/useStudio';
import { useWorkspace } from '../hooks/useWorkspace';
import { BackupImportControl } from '../workspace/BackupImportControl';
import { downloadBytes } from './download';

const selectStatus = (state: WorkspaceStoreState) => state.status;
const selectReason = (state: WorkspaceStoreState) => state.readOnlyReason;
const selectUnsaved = (state: WorkspaceStoreState) => state.unsaved;

function savedText({ phase, saveStuck, lastSavedAt }: WorkspaceStatus, unsaved: boolean): string {
  if (phase === 'memory-only') return 'Not saved: this browser keeps nothing';
  if (phase === 'read-only') return 'Read-only';
  if (saveStuck && unsaved) return 'Saving is stuck: your work is kept in memory; retrying…';
  if (unsaved) return 'Saving…';
  return lastSavedAt ? `Saved ${new Date(lastSavedAt).toLocaleTimeString()}` : 'All changes saved';
}

export function WorkspaceStatusBar() {
  const status = useWorkspace(selectStatus);
  const reason = useWorkspace(selectReason);
  const unsaved = useWorkspace(selectUnsaved);
  const studio = useStudio();
  const [message, setMessage] = useState<{ kind: 'error' | 'info'; text: string } | null>(null);

  const exportBackup = async () => {
    try {
      const file = await studio.workspace.getState().exportBackup();
      downloadBytes(file, `swark-workspace-${new Date().toISOString().slice(0, 10)}.sqlite`, 'application/vnd.sqlite3');
      setMessage(null);
    } catch (error) {
      setMessage({ kind: 'error', text: `The backup could not be made: ${(error as Error).message}` });
    }
  };

  const kept = status.persisted === null || status.phase === 'memory-only' ? null : keptText(status.persisted);
  const usage = status.usageBytes === null ? null : `${formatBytes(status.usageBytes)}${status.quotaBytes ? ` of ${formatBytes(status.quotaBytes)}` : ''} used`;
  return (
    <footer className="status-bar" data-testid="workspace-status" data-phase={status.phase}>
      <span
        className={`status-saved${status.phase === 'memory-only' || status.phase === 'read-only' || (status.saveStuck && unsaved) ? ' is-warning' : ''}`}
        aria-live="polite"
        data-testid="save-status"
      >
        {savedText(status, unsaved)}
      </span>
      {reason === 'other-tab' && (
        <button type="button" className="tool small" data-testid="take-over-button" onClick={() => void studio.workspace.getState().takeOver()}>
          Take over here
        </button>
      )}
      {kept && (
        <span title={kept.explanation} data-testid="storage-kept" data-kept={String(status.persisted)}>
          {kept.label}
        </span>
      )}
      {usage && <span>{usage}</span>}
      <button
        type="button"
        className="tool small"
        data-testid="storage-button"
        title="How much the cache holds per workflow and step, its budget, and clearing it"
        onClick={() => void studio.late().then(({ storage }) => storage.getState().show())}
      >
        Storage…
      </button>
      {message && (
        <span className={`status-message is-${message.kind}`} role={message.kind === 'error' ? 'alert' : undefined} aria-live="polite">
          {message.text}
        </span>
      )}
      <span className="status-spacer" />
      <button type="button" className="tool small" data-testid="backup-export-button" onClick={() => void exportBackup()}>
        Export backup
      </button>
      <BackupImportControl />
    </footer>
  );
}
