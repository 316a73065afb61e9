/**
 * The workspace store: the UI's and the run store's way to the saved workspace (one sql.js
 * database kept in IndexedDB, see src/persistence/workspace.ts).
 *
 * The app must call `workspaceStore.getState().load()` once at startup; edits made before it
 * resolves are queued and applied after, so nothing is ever saved over the stored workspace
 * before it has been read.
 */
import { createStore } from 'zustand/vanilla';
import { useStore } from 'zustand';
import type { StateJSON } from '../engine';
import type { CustomModelRecord, LastStateRefs, RunRecord, StoredExtract, StoredExtractRef, ValueTexts, WorkflowRecord, WorkflowSummary, WorkspaceStatus } from '../persistence/types';
import type { ValueLocation } from '../persistence/values';
import { Workspace, type ReadOnlyReason, type WorkspaceOptions } from '../persistence/workspace';

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
  getWorkflow(id: string): WorkflowRecord | null;
  /** Creates or replaces a workflow (autosaved). */
  saveWorkflow(record: WorkflowRecord): void;
  deleteWorkflow(id: string): void;

  getExtracts(workflowId: string): Promise<StoredExtract[]>;
  /** Input hashes of the stored extracts by step key, without loading any value. */
  getExtractInputHashes(workflowId: string): Record<string, string>;
  putExtracts(workflowId: string, extracts: StoredExtract[]): void;
  /** One step's extracts (by step key), or all of the workflow's. */
  clearExtracts(workflowId: string, stepKey?: string): void;

  /** The state slots of the workflow's last run. */
  getLastState(workflowId: string): Promise<StateJSON | null>;
  putLastState(workflowId: string, state: StateJSON): void;

  /**
   * Records extracts whose values the run worker stores itself, by ref (`texts`: values it could
   * not store, saved with the next snapshot; `writing`: refs still being written, which no save
   * refers to before {@link valuesStored}). No value is encoded or hashed on this thread.
   */
  putExtractRefs(workflowId: string, extracts: StoredExtractRef[], texts?: ValueTexts, writing?: string[]): void;
  /** Records the kept state by ref; see {@link putExtractRefs}. */
  putLastStateRefs(workflowId: string, state: LastStateRefs, texts?: ValueTexts, writing?: string[]): void;
  /** The worker finished writing values it announced as `writing` (`failed`: texts it could not write). */
  valuesStored(refs: string[], failed?: ValueTexts): void;
  /** A workflow's extracts and kept state by ref, for a worker that reads the values itself. */
  valueRefsFor(workflowId: string): Promise<{ extracts: StoredExtractRef[]; lastState: LastStateRefs | null; texts: ValueTexts; location: ValueLocation | null }>;

  listRuns(workflowId: string): RunRecord[];
  addRun(record: RunRecord): void;

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

const isBrowser = typeof window !== 'undefined' && typeof document !== 'undefined';

let workspace = new Workspace();
let configured: Promise<void> | null = null;

/** Browser set-up before the first load: sql.js's wasm URL and page-lifecycle saves. */
function configure(): Promise<void> {
  configured ??= (async () => {
    if (!isBrowser) return;
    const { browserWorkspaceOptions } = await import('../persistence/browser');
    workspace.configure(await browserWorkspaceOptions());
    installTestHook();
  })();
  return configured;
}

const loadingStatus: WorkspaceStatus = { phase: 'loading', notice: null, lastSavedAt: null, usageBytes: null, quotaBytes: null, persisted: false };

export const workspaceStore = createStore<WorkspaceStoreState>()(() => ({
  status: loadingStatus,
  readOnlyReason: null,
  unsaved: false,
  workflows: [],
  customModels: [],
  load: async () => {
    await configure();
    await workspace.load();
  },
  getWorkflow: (id) => (workspace.isLoaded ? workspace.database.getWorkflow(id) : null),
  saveWorkflow: (record) => workspace.saveWorkflow(record),
  deleteWorkflow: (id) => workspace.deleteWorkflow(id),
  getExtracts: async (workflowId) => {
    await workspace.load();
    return workspace.database.getExtracts(workflowId);
  },
  getExtractInputHashes: (workflowId) => (workspace.isLoaded ? workspace.database.extractInputHashes(workflowId) : {}),
  putExtracts: (workflowId, extracts) => workspace.putExtracts(workflowId, extracts),
  clearExtracts: (workflowId, stepKey) => workspace.clearExtracts(workflowId, stepKey),
  getLastState: async (workflowId) => {
    await workspace.load();
    return workspace.database.getLastState(workflowId);
  },
  putLastState: (workflowId, state) => workspace.putLastState(workflowId, state),
  putExtractRefs: (workflowId, extracts, texts, writing) => workspace.putExtractRefs(workflowId, extracts, texts, writing),
  putLastStateRefs: (workflowId, state, texts, writing) => workspace.putLastStateRefs(workflowId, state, texts, writing),
  valuesStored: (refs, failed) => workspace.valuesStored(refs, failed),
  valueRefsFor: async (workflowId) => {
    await configure();
    return workspace.valueRefsFor(workflowId);
  },
  listRuns: (workflowId) => (workspace.isLoaded ? workspace.database.listRuns(workflowId) : []),
  addRun: (record) => workspace.addRun(record),
  saveCustomModel: (record) => workspace.saveCustomModel(record),
  deleteCustomModel: (id) => workspace.deleteCustomModel(id),
  flush: () => workspace.flush(),
  takeOver: () => workspace.takeOver(),
  exportBackup: () => workspace.exportBackup(),
  importBackup: (bytes) => workspace.importBackup(bytes),
}));

let detach: (() => void) | null = null;

function attach(next: Workspace): void {
  detach?.();
  workspace = next;
  detach = next.subscribe(publish);
}

function publish(source: Workspace): void {
  const loaded = source.isLoaded;
  workspaceStore.setState({
    status: source.status,
    readOnlyReason: source.readOnlyReason,
    unsaved: source.hasUnsavedChanges,
    workflows: loaded ? source.database.listWorkflows() : [],
    customModels: loaded ? source.database.listCustomModels() : [],
  });
}

attach(workspace);

/**
 * Swaps in a workspace with its own storage (tests, benchmarks). Call before `load()`.
 * @example replaceWorkspaceForTests({ meta: memoryBackend(), values: memoryBackend() })
 */
export function replaceWorkspaceForTests(options: WorkspaceOptions): Workspace {
  configured = Promise.resolve();
  attach(new Workspace(options));
  workspaceStore.setState({ status: loadingStatus, readOnlyReason: null, unsaved: false, workflows: [], customModels: [] });
  return workspace;
}

/** The e2e tests and benchmarks drive the store through `window.__swark.workspace` (dev builds, or `?e2e`). */
function installTestHook(): void {
  const wanted = import.meta.env.DEV || new URLSearchParams(window.location.search).has('e2e');
  if (!wanted) return;
  const target = window as unknown as { __swark?: Record<string, unknown> };
  target.__swark = { ...(target.__swark ?? {}), workspace: workspaceStore };
}

export function useWorkspace<T>(selector: (state: WorkspaceStoreState) => T): T {
  return useStore(workspaceStore, selector);
}
