/**
 * The workspace contract shared by the persistence layer, the stores and the worker.
 * Implemented by `src/persistence/workspace.ts` (one sql.js database kept in IndexedDB).
 */
import type { CacheEntry, CanvasAnnotation, JsonValue, RerunFlags, StepStatus, WorkflowJSON } from '../engine';
import type { PanelLayout } from './db/panelLayout';

/** Where a node sits on the canvas, and what the person calls it. */
export interface NodeLayout {
  x: number;
  y: number;
  label?: string;
  /** Imported code (a file, a paste, a backup): disabled until the person trusts it. */
  untrusted?: boolean;
}

/** A saved workflow: the export format's body (see `src/format`), plus identity and times. */
export interface WorkflowRecord {
  id: string;
  name: string;
  /** The engine's Workflow JSON without extracts (those live in their own table). */
  workflow: WorkflowJSON;
  layout: Record<string, NodeLayout>;
  /** Initial state slots read by steps but produced by none, codec-encoded. */
  state: Record<string, JsonValue>;
  /** Named copies of the initial state (`workspace://<workflow>/states/<name>`), codec-encoded. */
  states?: Record<string, Record<string, JsonValue>>;
  /** The state Run starts from; the workflow's own initial state when absent. */
  runState?: RunStateChoice;
  /** Notes and groups on the canvas (editor-only); absent when there are none. */
  annotations?: CanvasAnnotation[];
  createdAt: number;
  updatedAt: number;
}

/** Which state Run starts from: the workflow's own initial state, one of its saved states, or a reference (e.g. an application's). */
export type RunStateChoice = { kind: 'own' } | { kind: 'saved'; name: string } | { kind: 'ref'; ref: string };

export type WorkflowSummary = Pick<WorkflowRecord, 'id' | 'name' | 'createdAt' | 'updatedAt'> & {
  /** The names of its saved states, when it has any. */
  stateNames?: string[];
};

/** A step's cached input and output, by step key (its id, else its index). */
export interface StoredExtract {
  stepKey: string;
  input: CacheEntry;
  output: CacheEntry;
  /** Content hash of the input (engine `hashValue`), so equality can be checked without loading it. */
  inputHash: string;
}

/** One side of a cached extract as the database keeps it: the value by its content ref (see `values.ts`). */
export interface ExtractSideRef {
  model: string | null;
  version: string | null;
  at?: number;
  /** As `CacheEntry.origin`: 'imported' for an entry brought by an imported file. */
  origin?: 'imported';
  ref: string;
}

/**
 * A step's cached extracts by reference: what the run worker hands the page after storing the
 * values itself, so the page records a run's results without touching their bytes.
 */
export interface StoredExtractRef {
  stepKey: string;
  inputHash: string;
  input: ExtractSideRef;
  output: ExtractSideRef;
}

/** A kept state by reference: each slot's value by its content ref, in slot order. */
export interface LastStateRefs {
  mutable: boolean;
  slots: { name: string; ref: string }[];
}

/** Value texts by ref that travel with refs when the receiver cannot read the value store itself. */
export type ValueTexts = [ref: string, json: string][];

export type RunKind = 'run' | 'rerun' | 'run-to';
/** The run toolbar's switches: the engine's rerun flags, all set, and whether the state may change. */
export type RunFlags = Required<RerunFlags> & { mutable: boolean };
type RunOutcome = 'ok' | 'error' | 'cancelled';
export type StepRunStatus = StepStatus | 'not-run';

export interface StepRunRecord {
  index: number;
  key: string;
  model: string;
  status: StepRunStatus;
  durationMs: number | null;
  error?: string;
  /** Why it ran, in words (e.g. "input changed: b"). */
  reason?: string;
}

export interface RunRecord {
  id: string;
  workflowId: string;
  kind: RunKind;
  startedAt: number;
  endedAt: number;
  flags: RunFlags;
  outcome: RunOutcome;
  steps: StepRunRecord[];
  error?: string;
}

/** A code node saved as a named model (see the models issue). */
export interface CustomModelRecord {
  id: string;
  title: string;
  description: string;
  inputs: string[];
  outputs: string[];
  code: string;
  /** Hash of the code. */
  version: string;
  createdAt: number;
}

/**
 * A component in the workspace's library. `definition` is the export format's component definition
 * (`format/componentSchema.ts`), checked there when the library loads; here it is kept as JSON.
 */
export interface ComponentRecord {
  id: string;
  name: string;
  definition: { [key: string]: unknown };
  createdAt: number;
  updatedAt: number;
}

/** The workspace's settings (the app and the CLI read the same). */
export interface WorkspaceSettings {
  /** Cache entries kept per step, by input: going back to one of them skips the step (the engine's `extractsPerStep`). */
  extractsPerStep: number;
  /**
   * Bytes the cached values may take in all (extracts and kept states, each value counted once);
   * null: the default, the smaller of 1 GB and half the browser's quota.
   */
  cacheBudgetBytes: number | null;
  /** Run records kept per workflow, newest first; older ones are deleted. */
  runsPerWorkflow: number;
  /** The workflow open when the app was last used (null: none yet): a reload opens it again. */
  openWorkflowId: string | null;
  /** The editor's panel sizes (versioned: read them with `readPanelLayout`). */
  panels: PanelLayout;
}

/** A cache entry as the budget names it: which workflow, step and input. */
export interface ExtractKey {
  workflowId: string;
  stepKey: string;
  inputHash: string;
}

/** What the cache of one step holds (see {@link StorageReport}). */
export interface StepStorage {
  stepKey: string;
  /** The node's label, else its model; the step key when the workflow no longer has the step. */
  label: string;
  entries: number;
  /** The values its entries refer to, each once (bytes of their stored text). */
  bytes: number;
  /** Of those, the bytes of values another step (of any workflow) refers to as well. */
  sharedBytes: number;
  /** When one of its entries was last used (written, or skipped on); null when never recorded. */
  lastUsedAt: number | null;
}

export interface WorkflowStorage {
  workflowId: string;
  name: string;
  /** Its extracts' values, each once. */
  bytes: number;
  sharedBytes: number;
  /** The values of the state its last run left (for Rerun), each once. */
  keptStateBytes: number;
  runs: number;
  steps: StepStorage[];
}

/** How much the cache holds, per workflow and step, against its budget: the Storage view's figures. */
export interface StorageReport {
  /** Every value the cache and the kept states refer to, each once: what the budget counts. */
  usedBytes: number;
  /** Values more than one step (or a step and a kept state) refer to, each once. */
  sharedBytes: number;
  budgetBytes: number;
  /** Whether the budget is the default (1 GB or half the quota), not one set. */
  budgetIsDefault: boolean;
  /** The browser's quota when known. */
  quotaBytes: number | null;
  runsPerWorkflow: number;
  /** Largest first. */
  workflows: WorkflowStorage[];
}

/** Why this tab may not write, when it may not. */
export type ReadOnlyReason = 'other-tab' | 'newer-tab' | 'newer-workspace' | 'migration-failed';

/** Why the stored workspace could not be opened (the recovery screen says so and offers a way on). */
export type DamageCause =
  /** No stored save reads as a SQLite database (garbage, truncated, empty bytes). */
  | 'unreadable'
  /** A schema version no version of the app writes. */
  | 'version'
  /** Tables, indexes or other objects that are not the app's. */
  | 'schema'
  /** Rows that do not read as the app wrote them. */
  | 'rows'
  /** Saved by a newer version, in a form this one cannot read. */
  | 'newer'
  /** Storage stopped answering while the workspace was read. */
  | 'timeout'
  /** A workspace existed, and browser storage came back empty. */
  | 'evicted'
  /** It loaded, yet the editor could not open it. */
  | 'failed';

export interface WorkspaceDamage {
  cause: DamageCause;
  /** What is wrong, in words naming where (table, row, column; which save). */
  message: string;
  /** Whether stored bytes are there to download as they are. */
  hasStoredBytes: boolean;
}

/** What the UI shows about storage health. */
export interface WorkspaceStatus {
  /** 'damaged': the stored workspace could not be opened; nothing is saved until the person chooses a way on. */
  phase: 'loading' | 'ready' | 'memory-only' | 'read-only' | 'damaged';
  /** Words for the person, e.g. "Storage is full: …"; null when all is well. */
  notice: string | null;
  lastSavedAt: number | null;
  /** A storage step of the last save did not answer in time; the save is being retried. */
  saveStuck: boolean;
  usageBytes: number | null;
  quotaBytes: number | null;
  /** Whether the browser agreed to keep the storage under pressure; null: not known (no API, or not read yet). */
  persisted: boolean | null;
}
