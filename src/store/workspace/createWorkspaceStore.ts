/**
 * The workspace store: what the UI shows of the saved workspace (status, the workflow list, custom
 * models, the damage when it cannot be opened), published from one `Workspace` (a sql.js database
 * kept in IndexedDB, see src/persistence/workspace.ts), and the actions that reach it: backup
 * import as a review the person confirms, and the recovery screen's ways on.
 *
 * `load()` must run once at startup; edits made before it resolves are queued and applied after,
 * so nothing is ever saved over the stored workspace before it has been read.
 */
import { createStore, type StoreApi } from 'zustand/vanilla';
import type { CustomModelRecord, DamageCause, WorkspaceDamage, WorkflowSummary, WorkspaceStatus } from '../../persistence/types';
import type { ReadOnlyReason, Workspace } from '../../persistence/workspace';
import type { BackupReview } from './backupReview';

/** The backup review (and the importer it runs) loads with the first backup import, not with the editor. */
const backupReview = () => import('./backupReview');

interface BackupMessage {
  kind: 'error' | 'info';
  text: string;
}

/** Where a backup import stands: a file being checked, a review waiting for the person, the import itself. */
type BackupImportState =
  | { step: 'idle'; message: BackupMessage | null }
  | { step: 'checking' | 'importing'; fileName: string }
  | { step: 'review'; review: BackupReview };

export interface WorkspaceStoreState {
  status: WorkspaceStatus;
  /** Why this tab is read-only (null when it may edit): 'other-tab' offers {@link takeOver}. */
  readOnlyReason: ReadOnlyReason | null;
  /** Why the stored workspace could not be opened (the phase is then 'damaged'). */
  damage: WorkspaceDamage | null;
  /** True while a change has not reached storage yet. */
  unsaved: boolean;
  /** Newest first. */
  workflows: WorkflowSummary[];
  customModels: CustomModelRecord[];
  backupImport: BackupImportState;

  /** Loads the stored workspace; nothing may be saved before it resolves. */
  load(): Promise<void>;
  saveCustomModel(record: CustomModelRecord): void;
  deleteCustomModel(id: string): void;
  /** Saves pending changes now (e.g. before a download); resolves when done or failed. */
  flush(): Promise<void>;
  /** Makes this tab the one that saves; the other tab saves first and turns read-only. */
  takeOver(): Promise<void>;
  /** The whole workspace as a `.sqlite` file. */
  exportBackup(): Promise<Blob>;
  /** Checks a chosen backup file and, if it passes, holds its review for the person to confirm. */
  chooseBackup(fileName: string, bytes: Uint8Array): Promise<void>;
  /** Replaces the workspace with the reviewed backup. */
  confirmBackup(): Promise<void>;
  cancelBackup(): void;
  /** Checks and takes in a backup without a review (tests and scripts); throws in words when refused. */
  importBackup(bytes: Uint8Array): Promise<void>;
  /** The stored bytes exactly as stored, for the recovery screen's download. */
  storedBytes(): Promise<Uint8Array | null>;
  /** Leaves a damaged workspace for an empty one, the damaged saves set aside. */
  startEmpty(): Promise<void>;
  /** The workspace loaded, yet could not be opened (e.g. by the editor): show the recovery screen. */
  markDamaged(cause: DamageCause, detail: string): void;
  /** Resolves once the workspace is loaded and not damaged. */
  whenUsable(): Promise<void>;
}

export type WorkspaceStore = StoreApi<WorkspaceStoreState> & {
  /** The workspace itself, for the ports the other stores use. */
  readonly workspace: Workspace;
  /** Stops publishing. */
  dispose(): void;
};

export interface WorkspaceStoreHooks {
  /** A backup replaced an open workspace: the editor opens what is there now. */
  onReplaced?(): void;
}

export function createWorkspaceStore(workspace: Workspace, hooks: WorkspaceStoreHooks = {}): WorkspaceStore {
  const store = createStore<WorkspaceStoreState>()((set, get) => {
    const takeIn = async (review: BackupReview): Promise<string> => {
      const replacedOpenWorkspace = workspace.damage === null;
      const { saved } = await workspace.takeInBackup(review.backup);
      if (replacedOpenWorkspace) hooks.onReplaced?.();
      return (await backupReview()).takenInText(review, saved, workspace.status.notice);
    };
    return {
      status: workspace.status,
      readOnlyReason: null,
      damage: null,
      unsaved: false,
      workflows: [],
      customModels: [],
      backupImport: { step: 'idle', message: null },
      load: () => workspace.load(),
      saveCustomModel: (record) => workspace.saveCustomModel(record),
      deleteCustomModel: (id) => workspace.deleteCustomModel(id),
      flush: () => workspace.flush(),
      takeOver: () => workspace.takeOver(),
      exportBackup: () => workspace.exportBackup(),
      chooseBackup: async (fileName, bytes) => {
        const current = get().backupImport;
        if (current.step === 'review') current.review.backup.database.close();
        set({ backupImport: { step: 'checking', fileName } });
        try {
          set({ backupImport: { step: 'review', review: await (await backupReview()).reviewBackup(workspace, fileName, bytes) } });
        } catch (error) {
          set({
            backupImport: { step: 'idle', message: { kind: 'error', text: `“${fileName}” was not imported, nothing changed: ${(error as Error).message}` } },
          });
        }
      },
      confirmBackup: async () => {
        const current = get().backupImport;
        if (current.step !== 'review') return;
        const { review } = current;
        set({ backupImport: { step: 'importing', fileName: review.fileName } });
        try {
          set({ backupImport: { step: 'idle', message: { kind: 'info', text: await takeIn(review) } } });
        } catch (error) {
          set({
            backupImport: {
              step: 'idle',
              message: { kind: 'error', text: `“${review.fileName}” was not imported, nothing changed: ${(error as Error).message}` },
            },
          });
        }
      },
      cancelBackup: () => {
        const current = get().backupImport;
        if (current.step === 'review') current.review.backup.database.close();
        set({ backupImport: { step: 'idle', message: null } });
      },
      importBackup: async (bytes) => {
        await takeIn(await (await backupReview()).reviewBackup(workspace, 'backup', bytes));
      },
      storedBytes: () => workspace.storedBytes(),
      startEmpty: () => workspace.startEmpty(),
      markDamaged: (cause, detail) => workspace.markDamaged(cause, detail),
      whenUsable: () =>
        new Promise<void>((resolve) => {
          const usable = () => get().status.phase !== 'loading' && get().status.phase !== 'damaged';
          if (usable()) return resolve();
          const stop = store.subscribe(() => {
            if (!usable()) return;
            stop();
            resolve();
          });
        }),
    };
  });
  const unsubscribe = workspace.subscribe((source) => {
    const loaded = source.isLoaded;
    store.setState({
      status: source.status,
      readOnlyReason: source.readOnlyReason,
      damage: source.damage,
      unsaved: source.hasUnsavedChanges,
      workflows: loaded ? source.database.listWorkflows() : [],
      customModels: loaded ? source.database.listCustomModels() : [],
    });
  });
  return Object.assign(store, { workspace, dispose: unsubscribe });
}
