/** The run store's shapes: step rows, previews, outcomes, the open value and the store's actions. */
import type { StoredFileInfo } from '../../engine';
import type { RunRecord, StepRunStatus, ValueTexts } from '../../persistence/types';
import type {
  ExtractSummary,
  PlannedStep,
  RowsPage,
  RunFlags,
  StateSummary,
  StepColumns,
  StepValues,
  TableAt,
  ValueTarget,
  ValueView,
  WorkflowCacheTexts,
} from '../../worker/protocol';
import type { RowView } from '../../models/table/rowView';
import type { ValueFileFormat } from '../../worker/valueFile';
import type { ImportRead } from '../../worker/importRead';

/** What the run worker made of an export: the cache's texts (null without the cache), the files' texts by hash, and those it could not read. */
interface WorkflowExportParts {
  cache: WorkflowCacheTexts | null;
  files: Map<string, Blob>;
  missingFiles: string[];
}

export type StepDisplayStatus = StepRunStatus | 'pending' | 'running' | 'idle';
export type { RunFlags };

/** A step's full values (the last run's or the cache's), fetched from the worker when the step is open. */
export interface StepInspection {
  kind: 'step';
  stepKey: string;
  summary: ExtractSummary;
  input: unknown;
  output: unknown;
  /** The previous input's values of the changed fields. */
  previousFields: Record<string, unknown> | null;
  changed: string[];
  /** Whose values these are: the last run's, or the cache's (see {@link StepValues.from}). */
  from: ValueView;
  /** Set when the last run did not update the cache, so its values and the cache's differ. */
  cacheNotUpdated: StepValues['cacheNotUpdated'] | null;
}

export interface SlotInspection {
  kind: 'slot';
  name: string;
  value: unknown;
}

/** The value open in the viewer: loading, shown, absent (no cache) or failed. */
export type Inspection =
  | { target: ValueTarget; status: 'loading' }
  | { target: ValueTarget; status: 'ready'; value: StepInspection | SlotInspection }
  | { target: ValueTarget; status: 'absent' }
  | { target: ValueTarget; status: 'error'; message: string };

/**
 * What the next run will do with a step: skip it, run it, or — when only an upstream step's new
 * output decides — maybe run it (it is skipped if that output turns out equal to the cached one).
 */
/** 'bypassed': the step is bypassed; 'not-run': a bypass upstream cuts off an input it needs. */
export type PreviewVerdict = 'will-skip' | 'will-run' | 'may-run' | 'bypassed' | 'not-run';

/** What a run would do with a step, shown on its node before a run. */
export interface StepPreview {
  verdict: PreviewVerdict;
  /** verdict === 'will-skip'. */
  willSkip: boolean;
  /** In words: "cached: will be skipped", "will run: input changed: "b"", "may run: an upstream step will run ("k")", … */
  reason: string;
}

/**
 * Where the shown run's values of a step are: 'cache' (it was skipped, or ran and updated the
 * cache), 'run' (the worker holds them apart: the run did not update the cache), 'lost' (the run
 * did not update the cache and its values are gone: a reload, a cancel) or null (it gave none).
 */
export type RunValuesPlace = 'cache' | 'run' | 'lost' | null;

/** One row of the run panel, in execution order. */
export interface StepRow extends PlannedStep {
  status: StepDisplayStatus;
  durationMs: number | null;
  /** Why it ran, in words. */
  reason: string | null;
  /** The input fields that changed since the cached input, when that is why it ran. */
  changedFields: string[];
  error: string | null;
  valuesIn: RunValuesPlace;
  /** This run's values summarised when the cache did not take them (`valuesIn` 'run'). */
  uncachedValues: ExtractSummary | null;
}

export interface RunProgress {
  done: number;
  total: number;
  runningKey: string | null;
  /** The running model's own progress, 0..1, when it reports one. */
  modelFraction: number | null;
  modelMessage: string | null;
}

/** What the last run made of one step, for its node: the editor shows `result` or `error`, and prefers the preview when `stale`. */
export interface StepOutcome {
  status: StepDisplayStatus;
  /** The graph or a param changed since that run, so this outcome may not hold. */
  stale: boolean;
  durationMs: number | null;
  /** The step's error in words. */
  error: string | null;
  /** Status 'bypassed' or 'not-run': why, in words ("bypassed: passes a → sum", "upstream bypassed"). */
  note: string | null;
  /** A one-line preview of the step's main output, e.g. "20", "table 461 × 6", "chart (bar, 12 points)". */
  result: string | null;
  /** Skipped on a result an imported file brought (its node says so, as its run-panel row does). */
  importedResult: boolean;
  /** No result yet because the cache's summaries are still on their way (see `summariesPending`). */
  resultPending: boolean;
}

type AlertOffer = 'make-mutable-and-rerun' | 'run-fresh';

export interface RunAlert {
  tone: 'error' | 'info';
  message: string;
  offers: AlertOffer[];
  /** The step the alert is about (a failure or a cancel), so it goes when that step is deleted. */
  stepKey?: string;
}

/** The rows of the run panel, with an index by step key so one step's update never scans them all. */
export interface StepRows {
  steps: StepRow[];
  /** Step key → position in `steps`. */
  rowIndex: Record<string, number>;
}

export interface RunData extends StepRows {
  flags: RunFlags;
  /** Cache entries kept per step (the workspace's setting): going back to one of their inputs skips the step. */
  extractsPerStep: number;
  phase: 'idle' | 'running';
  workflowId: string | null;
  previewByStep: Record<string, StepPreview>;
  /** The columns (names and kinds) of each step's table outputs as the next run will make them, from the preview. */
  columnsByStep: StepColumns;
  progress: RunProgress | null;
  alert: RunAlert | null;
  /** What the active workflow's cache holds, by step key: sizes, previews, input hashes (the values stay in the worker). */
  cache: Record<string, ExtractSummary>;
  /** The state the last run left, summarised. */
  lastState: StateSummary | null;
  history: RunRecord[];
  /** A state slot open in the viewer; a selected step takes over from it. */
  selectedSlot: string | null;
  /** The full value of the open step or slot, fetched from the worker. */
  inspection: Inspection | null;
  /** Whether the viewer shows the open step's values of the last run (the default) or the cache's. */
  valueView: ValueView;
  openedRunId: string | null;
  /** The compiled graph and initial state the shown rows were run with (null: unknown, e.g. rows from history). */
  runSignature: string | null;
  /** True when the compiled graph or initial state differs from `runSignature`'s. */
  graphChanged: boolean;
  /** The rows come from the run history (after a reload), not from a run in this page. */
  rowsFromHistory: boolean;
  /**
   * The worker's summaries of the cache (the results the nodes show) are asked for and have not
   * come yet: a result not known yet is "…", not "no result".
   */
  summariesPending: boolean;
  /** Some of the active workflow's cache was cleared since the last run: its nodes say what the next Run will do. */
  cacheCleared: boolean;
}

export interface RunActions {
  run(): Promise<void>;
  rerun(): Promise<void>;
  /** Runs only `stepId` and the steps it needs. */
  runTo(stepId: string): Promise<void>;
  cancel(): void;
  /** Clears the cached extracts of one step, or of the whole active workflow. */
  clearCache(stepId?: string): void;
  /** Clears the cached extracts of one step, or all, of any workflow (the Storage view); the worker forgets the same. */
  clearCacheOf(workflowId: string, stepKey?: string): void;
  /**
   * Brings the workspace's cache within its budget (the least recently used entries go, never
   * those the active workflow's last run used) and has the worker forget what went. Not during a
   * run: its end does it. Returns how many entries went.
   */
  applyCacheBudget(): number;
  setFlag(flag: keyof RunFlags, value: boolean): void;
  /** Sets how many inputs each step's cache remembers (saved in the workspace); null when done, else why not. */
  setExtractsPerStep(count: number): string | null;
  makeMutableAndRerun(): Promise<void>;
  /** Opens a step in the viewer by selecting its node (the selection is the graph's). */
  selectStep(key: string | null): void;
  selectSlot(name: string | null): void;
  /** Shows the open step's values of the last run, or the cache's (they differ when that run did not update the cache). */
  showValues(view: ValueView): void;
  /**
   * The whole value at `at` of the open step (or the open slot) as a file, made in the worker: the
   * viewer holds only a table's first page and a long list's first items.
   */
  exportValue(at: TableAt, format: ValueFileFormat): Promise<Blob>;
  /**
   * Rows `from`..`from + count` of a table in the open step or slot, one array per column (the grid
   * fetches pages as a person scrolls); with a row view, of the whole table sorted and searched.
   */
  tableRows(at: TableAt, from: number, count: number, rowView?: RowView): Promise<RowsPage>;
  openRun(id: string | null): void;
  /**
   * Stores a file (loaded, dropped or a long pasted text) once by content through the run worker,
   * which reads the bytes itself; resolves with the reference a param holds, rejects in words.
   */
  storeFile(file: Blob, name: string, mediaType: string): Promise<StoredFileInfo>;
  /**
   * The big parts of an export of a workflow, made in the run worker, which holds the values: the
   * texts of the stored files it reads (`files`, by hash) and, with `includeCache`, its cache's
   * current entries (fields shorter than `inlineBelow` as JSON, bigger ones as Blobs, each once).
   */
  exportWorkflowParts(workflowId: string, files: string[], includeCache: boolean, inlineBelow: number): Promise<WorkflowExportParts>;
  /** Reads a workflow file to import in the run worker (see `worker/importRead.ts`); rejects in words. */
  readImport(source: Blob | string): Promise<{ token: number; read: ImportRead }>;
  /**
   * Stores `refs` of a read import (its files, the cached values to use) and forgets the rest;
   * resolves with the texts the worker could not store, for the page to save.
   */
  commitImport(token: number, refs: string[]): Promise<ValueTexts>;
  dismissAlert(): void;
  /** Reloads history for the active workflow, asks the worker for its summaries; recomputes the preview. */
  refresh(): Promise<void>;
  refreshPreview(): void;
  /** Others wrote the workflow's cache (a sweep's workers): the worker reads it again from the workspace, and the panel its summaries. */
  reloadCache(workflowId: string): void;
  /** Stops listening to the source and terminates the worker. */
  dispose(): void;
}

export type RunStoreState = RunData & RunActions;
