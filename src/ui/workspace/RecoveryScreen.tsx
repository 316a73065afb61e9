/**
 * Shown instead of the editor when the stored workspace cannot be opened: what is wrong, in words,
 * and the ways on — download the stored bytes as they are, import a backup, or start an empty
 * workspace (the damaged saves are kept aside in browser storage, never deleted). When storage
 * stopped answering: try again, or work without saving.
 */
import { useState } from 'react';
import type { DamageCause } from '../../persistence/types';
import type { WorkspaceStoreState } from '../../store/workspace/createWorkspaceStore';
import { useStudio } from '../hooks/useStudio';
import { useWorkspace } from '../hooks/useWorkspace';
import { downloadBytes } from '../shell/download';
import { BackupImportControl } from './BackupImportControl';

const selectDamage = (state: WorkspaceStoreState) => state.damage;

const TITLES: Record<DamageCause, string> = {
  unreadable: 'Your stored workspace cannot be opened',
  version: 'Your stored workspace cannot be opened',
  schema: 'Your stored workspace cannot be opened',
  rows: 'Your stored workspace cannot be opened',
  newer: 'Your workspace was saved by a newer version',
  timeout: 'Browser storage is not answering',
  evicted: 'The browser removed your stored workspace',
  failed: 'Your workspace could not be opened',
};

export function RecoveryScreen() {
  const studio = useStudio();
  const damage = useWorkspace(selectDamage);
  const [note, setNote] = useState<string | null>(null);
  if (!damage) return null;
  const actions = studio.workspace.getState();

  const download = async () => {
    const bytes = await actions.storedBytes();
    if (!bytes) return setNote('No stored bytes were found to download.');
    downloadBytes(bytes as Uint8Array<ArrayBuffer>, `swark-workspace-as-stored-${new Date().toISOString().slice(0, 10)}.sqlite`, 'application/octet-stream');
    setNote(`Downloaded the stored workspace as it is (${bytes.byteLength} bytes).`);
  };

  const storageAnswers = damage.cause !== 'timeout';
  return (
    <main className="recovery" data-testid="recovery-screen" data-cause={damage.cause}>
      <h1>{TITLES[damage.cause]}</h1>
      <p className="recovery-message" role="alert" data-testid="recovery-message">
        {damage.message}
      </p>
      <ul className="recovery-ways">
        {damage.hasStoredBytes && (
          <li>
            <button type="button" className="button" data-testid="recovery-download" onClick={() => void download()}>
              Download the stored data as it is
            </button>
            <span className="muted"> to keep it, or to have it looked at.</span>
          </li>
        )}
        <li>
          <BackupImportControl label="Import a backup…" />
          <span className="muted"> to replace it with a workspace you exported (you will see what the backup holds first).</span>
        </li>
        {storageAnswers ? (
          <li>
            <button type="button" className="button" data-testid="recovery-start-empty" onClick={() => void actions.startEmpty()}>
              Start an empty workspace
            </button>
            <span className="muted">{damage.hasStoredBytes ? ' the damaged data is kept aside in this browser’s storage, not deleted.' : ''}</span>
          </li>
        ) : (
          <>
            <li>
              <button type="button" className="button" data-testid="recovery-retry" onClick={() => window.location.reload()}>
                Try again
              </button>
            </li>
            <li>
              <button type="button" className="button" data-testid="recovery-start-empty" onClick={() => void actions.startEmpty()}>
                Work without saving
              </button>
              <span className="muted"> nothing is kept when this tab closes; export a backup to keep your work.</span>
            </li>
          </>
        )}
      </ul>
      {note && (
        <p role="status" data-testid="recovery-note">
          {note}
        </p>
      )}
    </main>
  );
}
