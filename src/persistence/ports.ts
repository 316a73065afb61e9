/**
 * The narrow views of the workspace the stores depend on. `Workspace` implements all of them; a
 * test can hand a store a small fake of just the port it uses.
 */
import type { StateJSON } from '../engine';
import type {
  ComponentRecord,
  CustomModelRecord,
  ExtractKey,
  LastStateRefs,
  RunRecord,
  StorageReport,
  StoredExtract,
  StoredExtractRef,
  ValueTexts,
  WorkflowRecord,
  WorkflowSummary,
  WorkspaceSettings,
} from './types';
import type { ValueLocation } from './values';

/** The saved workflows (the graph store's library). */
export interface WorkflowRepository {
  /** Null before the workspace is loaded, or when there is no such workflow. */
  getWorkflow(id: string): WorkflowRecord | null;
  /** Newest first. */
  listWorkflows(): WorkflowSummary[];
  /** Creates or replaces a workflow (autosaved). */
  saveWorkflow(record: WorkflowRecord): void;
  deleteWorkflow(id: string): void;
  /**
   * Records an imported file's cached steps by ref, their values stored by the run worker (`texts`:
   * those it could not store, saved with the next snapshot).
   */
  putExtractRefs(workflowId: string, extracts: StoredExtractRef[], texts?: ValueTexts): void;
  /** Stores decoded cache entries, encoding them on this thread (tests and benchmarks seed a cache so). */
  putExtracts(workflowId: string, extracts: StoredExtract[]): void;
  /**
   * Records the text of a file the run worker could not store itself (no value store it can
   * reach): saved with the next snapshot, as long as a workflow refers to it.
   */
  keepFileTexts(texts: ValueTexts): void;
}

/** The workspace's component library (definitions by id; an instance names one). */
export interface ComponentRepository {
  /** Oldest first; empty before the workspace is loaded. */
  listComponents(): ComponentRecord[];
  /** Creates or replaces (an edit reaches every instance: they name it by id). */
  saveComponent(record: ComponentRecord): void;
  /** Removes it from the library (instances that name it show it as missing). */
  deleteComponent(id: string): void;
}

/** The run records of each workflow. */
export interface RunHistory {
  /** Newest first; empty before the workspace is loaded. */
  listRuns(workflowId: string): RunRecord[];
  addRun(record: RunRecord): void;
}

/** What the run worker reads and writes of the value store, by ref. */
export interface ValueRefs {
  /** A workflow's extracts and kept state by ref, for a worker that reads the values itself. */
  valueRefsFor(
    workflowId: string,
  ): Promise<{ extracts: StoredExtractRef[]; lastState: LastStateRefs | null; texts: ValueTexts; location: ValueLocation | null }>;
  /**
   * Records extracts whose values the run worker stores itself (`texts`: values it could not
   * store, saved with the next snapshot; `writing`: refs still being written).
   */
  putExtractRefs(workflowId: string, extracts: StoredExtractRef[], texts?: ValueTexts, writing?: string[]): void;
  putLastStateRefs(workflowId: string, state: LastStateRefs, texts?: ValueTexts, writing?: string[]): void;
  /** The worker finished writing values it announced as `writing` (`failed`: texts it could not write). */
  valuesStored(refs: string[], failed?: ValueTexts): void;
  /** One step's extracts (by step key), or all of the workflow's. */
  clearExtracts(workflowId: string, stepKey?: string): void;
}

/** Decoded reads, for the Runner's `workspace://` references and exports. */
export interface WorkspaceReader {
  getExtracts(workflowId: string): Promise<StoredExtract[]>;
  getLastState(workflowId: string): Promise<StateJSON | null>;
  listCustomModels(): CustomModelRecord[];
  /** A stored file's text by hash (for an export); rejects when its bytes are gone. */
  fileText(hash: string): Promise<string>;
  /** Where a run worker stores files itself; null when it cannot (a memory-only workspace, tests). */
  readonly valueLocation: ValueLocation | null;
}

/** The cache's storage: its budget, what it holds, and clearing it (the Storage view and the run store). */
export interface CacheStorage {
  /** Drops the least recently used entries beyond the budget, never those the open workflow's last run used; returns them. */
  keepCacheWithinBudget(openWorkflowId: string | null): ExtractKey[];
  storageReport(): StorageReport;
  /** One step's extracts (by step key), or all of the workflow's. */
  clearExtracts(workflowId: string, stepKey?: string): void;
  settings(): WorkspaceSettings;
  /** Null when stored, else why not in words. */
  changeSettings(change: Partial<WorkspaceSettings>): string | null;
}
