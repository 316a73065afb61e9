/**
 * The workspace store: the UI's and the run store's way to the saved workspace.
 * PLACEHOLDER (in memory) until the persistence work replaces its internals; the action
 * names and signatures below are the contract the editor and the run panel code against.
 */
import { createStore } from 'zustand/vanilla';
import { useStore } from 'zustand';
import type { StateJSON } from '../engine';
import type { CustomModelRecord, RunRecord, StoredExtract, WorkflowRecord, WorkflowSummary, WorkspaceStatus } from '../persistence/types';

export interface WorkspaceStoreState {
  status: WorkspaceStatus;
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
  putExtracts(workflowId: string, extracts: StoredExtract[]): void;
  /** One step's extracts (by step key), or all of the workflow's. */
  clearExtracts(workflowId: string, stepKey?: string): void;

  /** The state slots of the workflow's last run. */
  getLastState(workflowId: string): Promise<StateJSON | null>;
  putLastState(workflowId: string, state: StateJSON): void;

  listRuns(workflowId: string): RunRecord[];
  addRun(record: RunRecord): void;

  saveCustomModel(record: CustomModelRecord): void;
  deleteCustomModel(id: string): void;
}

const workflows = new Map<string, WorkflowRecord>();
const extracts = new Map<string, Map<string, StoredExtract>>();
const lastStates = new Map<string, StateJSON>();
const runs = new Map<string, RunRecord[]>();

const summaries = () =>
  [...workflows.values()]
    .map(({ id, name, createdAt, updatedAt }) => ({ id, name, createdAt, updatedAt }))
    .sort((a, b) => b.updatedAt - a.updatedAt);

export const workspaceStore = createStore<WorkspaceStoreState>()((set, get) => ({
  status: { phase: 'memory-only', notice: null, lastSavedAt: null, usageBytes: null, quotaBytes: null, persisted: false },
  workflows: [],
  customModels: [],
  load: async () => {},
  getWorkflow: (id) => workflows.get(id) ?? null,
  saveWorkflow: (record) => {
    workflows.set(record.id, record);
    set({ workflows: summaries() });
  },
  deleteWorkflow: (id) => {
    workflows.delete(id);
    extracts.delete(id);
    lastStates.delete(id);
    runs.delete(id);
    set({ workflows: summaries() });
  },
  getExtracts: async (workflowId) => [...(extracts.get(workflowId)?.values() ?? [])],
  putExtracts: (workflowId, entries) => {
    const map = extracts.get(workflowId) ?? new Map<string, StoredExtract>();
    for (const entry of entries) map.set(entry.stepKey, entry);
    extracts.set(workflowId, map);
  },
  clearExtracts: (workflowId, stepKey) => {
    if (stepKey === undefined) extracts.delete(workflowId);
    else extracts.get(workflowId)?.delete(stepKey);
  },
  getLastState: async (workflowId) => lastStates.get(workflowId) ?? null,
  putLastState: (workflowId, state) => void lastStates.set(workflowId, state),
  listRuns: (workflowId) => runs.get(workflowId) ?? [],
  addRun: (record) => runs.set(record.workflowId, [record, ...(runs.get(record.workflowId) ?? [])]),
  saveCustomModel: (record) => set({ customModels: [...get().customModels.filter((m) => m.id !== record.id), record] }),
  deleteCustomModel: (id) => set({ customModels: get().customModels.filter((m) => m.id !== id) }),
}));

export function useWorkspace<T>(selector: (state: WorkspaceStoreState) => T): T {
  return useStore(workspaceStore, selector);
}
