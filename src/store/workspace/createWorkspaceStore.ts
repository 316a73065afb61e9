/**
 * The workspace store: what the UI shows of the saved workspace (status, the workflow list, custom
 * models), published from one `Workspace` (a sql.js database kept in IndexedDB, see
 * src/persistence/workspace.ts), and the actions that reach it.
 *
 * `load()` must run once at startup; edits made before it resolves are queued and applied after,
 * so nothing is ever saved over the stored workspace before it has been read.
 */
import { createStore, type StoreApi } from 'zustand/vanilla';
import type { CustomModelRecord, WorkflowSummary, WorkspaceStatus } from '../../persistence/types';
import type { ReadOnlyReason, Workspace } from '../../persistence/workspace';

export interface WorkspaceStoreState {
  status: WorkspaceStatus;
  /** Why this tab is read-only (null when it may edit): 'other-tab' offers {@link takeOver}. */
  readOnlyReason: ReadOnlyReason | null;
  /** True while a change has not reached storage yet. */
  unsaved: boolean;
  /** Newest first. */
  workflows: WorkflowSummary[];
  customModels: CustomModelRecord[];

  /** Loads the stored workspace; nothing may be saved before it resolves. */
  load(): Promise<void>;
  saveCustomModel(record: CustomModelRecord): void;
  deleteCustomModel(id: string): void;
  /** Saves pending changes now (e.g. before a download); resolves when done or failed. */
  flush(): Promise<void>;
  /** Makes this tab the one that saves; the other tab saves first and turns read-only. */
  takeOver(): Promise<void>;
  /** The whole workspace as a `.sqlite` file. */
  exportBackup(): Promise<Uint8Array>;
  /** Replaces the workspace with a backup file, after checking it; throws in words if it is not valid. */
  importBackup(bytes: Uint8Array): Promise<void>;
}

export type WorkspaceStore = StoreApi<WorkspaceStoreState> & {
  /** The workspace itself, for the ports the other stores use. */
  readonly workspace: Workspace;
  /** Stops publishing. */
  dispose(): void;
};

export function createWorkspaceStore(workspace: Workspace): WorkspaceStore {
  const store = createStore<WorkspaceStoreState>()(() => ({
    status: workspace.status,
    readOnlyReason: null,
    unsaved: false,
    workflows: [],
    customModels: [],
    load: () => workspace.load(),
    saveCustomModel: (record) => workspace.saveCustomModel(record),
    deleteCustomModel: (id) => workspace.deleteCustomModel(id),
    flush: () => workspace.flush(),
    takeOver: () => workspace.takeOver(),
    exportBackup: () => workspace.exportBackup(),
    importBackup: (bytes) => workspace.importBackup(bytes),
  }));
  const unsubscribe = workspace.subscribe((source) => {
    const loaded = source.isLoaded;
    store.setState({
      status: source.status,
      readOnlyReason: source.readOnlyReason,
      unsaved: source.hasUnsavedChanges,
      workflows: loaded ? source.database.listWorkflows() : [],
      customModels: loaded ? source.database.listCustomModels() : [],
    });
  });
  return Object.assign(store, { workspace, dispose: unsubscribe });
}
