/**
 * "Import backup": choose a `.sqlite` file, see what it holds and what it replaces, confirm. The
 * file is checked before the review opens; a refusal says why, naming what and where. Used in the
 * footer and on the recovery screen.
 */
import { Suspense, lazy, useRef, type ChangeEvent } from 'react';
import type { WorkspaceStoreState } from '../../store/workspace/createWorkspaceStore';
import { useStudio } from '../hooks/useStudio';
import { useWorkspace } from '../hooks/useWorkspace';

// Loaded when a backup has passed its checks: the editor's first paint never needs it.
const BackupReviewDialog = lazy(() => import('./BackupReviewDialog').then((m) => ({ default: m.BackupReviewDialog })));

const selectImport = (state: WorkspaceStoreState) => state.backupImport;

export function BackupImportControl({ label = 'Import backup' }: { label?: string }) {
  const studio = useStudio();
  const state = useWorkspace(selectImport);
  const fileInput = useRef<HTMLInputElement>(null);

  const choose = async (event: ChangeEvent<HTMLInputElement>) => {
    const file = event.target.files?.[0];
    event.target.value = '';
    if (file) await studio.workspace.getState().chooseBackup(file.name, new Uint8Array(await file.arrayBuffer()));
  };

  const busy = state.step === 'checking' || state.step === 'importing';
  return (
    <>
      {state.step === 'idle' && state.message && (
        <span
          className={`status-message is-${state.message.kind}`}
          role={state.message.kind === 'error' ? 'alert' : 'status'}
          aria-live="polite"
          data-testid="backup-import-message"
        >
          {state.message.text}
        </span>
      )}
      {busy && (
        <span className="status-message" role="status" data-testid="backup-import-progress">
          {state.step === 'checking' ? `Checking “${state.fileName}”…` : `Importing “${state.fileName}”…`}
        </span>
      )}
      <button type="button" className="tool small" data-testid="backup-import-button" disabled={busy} onClick={() => fileInput.current?.click()}>
        {label}
      </button>
      <input
        ref={fileInput}
        type="file"
        accept=".sqlite,.db,application/vnd.sqlite3,application/x-sqlite3"
        hidden
        data-testid="backup-import-input"
        aria-label="Import a workspace backup"
        onChange={(event) => void choose(event)}
      />
      {state.step === 'review' && (
        <Suspense fallback={null}>
          <BackupReviewDialog review={state.review} />
        </Suspense>
      )}
    </>
  );
}
