/**
 * The typed messages between the page and the run worker.
 *
 * The worker owns the values: it keeps the active workflow's decoded extracts and last state
 * between runs (asking the page once for what the workspace stored), computes previews, and
 * sends the page only what it shows — statuses, reasons, sizes, short previews, input hashes.
 * A full value crosses only when a person opens it, or when the page must persist it.
 * Values cross as structured clones ({@link PackedValue}), not through the JSON codec.
 */
import type { PreviewEntry, StepErrorKind, StoredFileInfo, WorkflowEvent, WorkflowJSON, JsonValue } from '../engine';
import type { PackedValue } from './packValue';
import type { ValueFileFormat } from './valueFile';
import type { ExtractKey, LastStateRefs, RunFlags, RunKind, StoredExtractRef, ValueTexts } from '../persistence/types';
import type { ValueLocation } from '../persistence/values';
import type { RowView } from '../models/table/rowView';
import type { ColumnInfo } from '../models/table/expression';
import type { SweepCell } from '../models/sweepCell';
import type { ChartValue } from '../models/chart/chartValue';
import type { ImportRead } from './importRead';

/** What the page shows of one value without holding it. */
export interface ValueSummary {
  /** The codec's short type name, e.g. "table 120 × 4", "number", "array[3]". */
  type: string;
  /** Approximate size in bytes. */
  size: number;
  /** At most about 80 characters. */
  preview: string;
}

/** What the page shows of a step's cache entry. */
export interface ExtractSummary {
  stepKey: string;
  inputHash: string;
  model: string | null;
  version: string | null;
  at?: number;
  input: ValueSummary;
  output: ValueSummary;
  /** Column names of each output field that is a table (for column pickers downstream). */
  outputColumns: Record<string, string[]>;
  /** The main output in one line, e.g. "20", "table 461 × 6", "chart (bar, 12 points)". */
  result: string;
  /** The step's other cache entries, most recently used first: earlier inputs a run goes back to without running the step. */
  earlier?: EarlierEntrySummary[];
}

/** An earlier cache entry of a step, as the run panel lists it. */
export interface EarlierEntrySummary {
  inputHash: string;
  at?: number;
  input: ValueSummary;
  result: string;
}

interface SlotSummary extends ValueSummary {
  name: string;
}

export interface StateSummary {
  mutable: boolean;
  slots: SlotSummary[];
}

export interface WireStepError {
  kind: StepErrorKind;
  message: string;
  /** The message without the "step N (model …)" prefix. */
  detail: string;
  subject?: string;
}

export type { RunFlags, RunKind };

export interface StartRunMessage {
  type: 'run';
  runId: string;
  kind: RunKind;
  workflowId: string;
  /** Steps only: the extracts are the worker's own. */
  workflow: WorkflowJSON;
  /** The fresh initial slots (run, run-to); a rerun replays the worker's kept last state. */
  initialState: Record<string, JsonValue>;
  flags: RunFlags;
  /** Cache entries kept per step (the workspace's setting; the engine's `extractsPerStep`); 1 when absent. */
  extractsPerStep?: number;
  /** For 'run-to': the step key to run up to. */
  target?: string;
  /** Run only these steps (by key): a sweep's shared steps, run once before its states. */
  only?: string[];
}

export interface PreviewMessage {
  type: 'preview';
  requestId: number;
  workflowId: string;
  workflow: WorkflowJSON;
  initialState: Record<string, JsonValue>;
  flags: RunFlags;
  /** As in a run: the entries per step the preview may skip on. */
  extractsPerStep?: number;
}

/**
 * The page's answer to `need-workspace`: what the workspace stored for the workflow, by ref. The
 * worker reads the values from `location` itself; `texts` holds those it cannot read there.
 */
export interface WorkspaceDataMessage {
  type: 'workspace-data';
  workflowId: string;
  extracts: StoredExtractRef[];
  lastState: LastStateRefs | null;
  texts: ValueTexts;
  /** Where the worker reads and writes values itself; null: it sends new values to the page as texts. */
  location: ValueLocation | null;
  /** Set when the workspace could not be read; the worker then starts from an empty cache. */
  error?: string;
}

interface ClearCacheMessage {
  type: 'clear-cache';
  workflowId: string;
  stepKey?: string;
}

/** The cache budget dropped these entries from the workspace: the worker forgets those it holds. */
interface ForgetExtractsMessage {
  type: 'forget-extracts';
  entries: ExtractKey[];
}

/**
 * A step in the preview. A decision to run because of `upstream` means "may run": the step is
 * skipped if what the steps upstream write turns out equal to what it was cached with; `upstream`
 * then says whether one of them will run or only may.
 */
export interface WirePreviewEntry extends PreviewEntry {
  upstream?: 'will-run' | 'may-run';
}

/**
 * The columns of the tables each step will output, known before the next run: step key → output
 * key → names and kinds (see `columns.ts` for where they come from).
 */
export type StepColumns = Record<string, Record<string, ColumnInfo[]>>;

/** Which full value the page wants. */
export type ValueTarget = { kind: 'step'; stepKey: string } | { kind: 'slot'; name: string };

/**
 * Which of a step's values: those of the last run (the default; the cache's when that run gave the
 * step none) or the cache's, which differ when the run did not update the cache.
 */
export type ValueView = 'run' | 'cache';

export interface GetValueMessage {
  type: 'get-value';
  requestId: number;
  workflowId: string;
  target: ValueTarget;
  /** Whole values (for an export); otherwise long lists come as their first items ({@link ShownPart}). */
  full?: boolean;
  view?: ValueView;
}

/** A long list as the viewer shows it: its first items and how many there are in all. */
export interface ShownPart {
  shownPart: true;
  items: unknown[];
  total: number;
}

export const SHOWN_ITEMS = 100;

export function isShownPart(value: unknown): value is ShownPart {
  return value !== null && typeof value === 'object' && (value as Partial<ShownPart>).shownPart === true && Array.isArray((value as Partial<ShownPart>).items);
}

/**
 * A table as the viewer first gets it: column names and types, the row count and the first page of
 * rows (column by column); the grid asks for more pages (`get-rows`) as a person scrolls, so a
 * 200,000-row table never crosses to the page whole.
 */
export interface TablePart {
  tablePart: true;
  names: string[];
  types: Record<string, string>;
  rowCount: number;
  /** The first `TABLE_PAGE_ROWS` rows, one array per column. */
  columns: unknown[][];
}

export const TABLE_PAGE_ROWS = 200;

export function isTablePart(value: unknown): value is TablePart {
  return (
    value !== null && typeof value === 'object' && (value as Partial<TablePart>).tablePart === true && Array.isArray((value as Partial<TablePart>).columns)
  );
}

/** Where a table sits in the open step or slot: a side of the step (or the slot itself) and a field of it. */
export interface TableAt {
  side: 'input' | 'output' | 'previous' | 'slot';
  field?: string;
}

/** Rows `from`..`from + count` of a table the viewer shows as a {@link TablePart}. */
export interface GetRowsMessage {
  type: 'get-rows';
  requestId: number;
  workflowId: string;
  target: ValueTarget;
  at: TableAt;
  from: number;
  count: number;
  view?: ValueView;
  /** The viewer's sort and search, applied to the whole table before the page is cut. */
  rowView?: RowView;
}

/** A page of rows, one array per column. */
export interface RowsPage {
  from: number;
  columns: unknown[][];
  /** With a view: how many rows it shows, and each page row's number in the table. */
  total?: number;
  rowNumbers?: number[];
}

/** Drops the worker's copy of a workflow's cache, so its next need reads the workspace again (others wrote to it: a sweep). */
interface ForgetMessage {
  type: 'forget';
  workflowId: string;
}

/** The whole value at `at` of the open step or slot as a file (a table's CSV, any value's JSON), made in the worker. */
export interface ExportValueMessage {
  type: 'export-value';
  requestId: number;
  workflowId: string;
  target: ValueTarget;
  at: TableAt;
  format: ValueFileFormat;
  view?: ValueView;
}

/**
 * The big parts of a workflow's export, made in the worker: the embedded files' texts, and with
 * `includeCache` the cache's current entries, each field's JSON inline when shorter than
 * `inlineBelow` (the format's threshold), else a Blob kept once by content (`workflow-exported`).
 */
export interface ExportWorkflowMessage {
  type: 'export-workflow';
  requestId: number;
  workflowId: string;
  includeCache: boolean;
  /** The stored files the workflow reads, by hash (embedded with or without the cache: they are its input). */
  files: string[];
  inlineBelow: number;
}

/** A field of a cached value in an export: its JSON, or the content ref of a big text in {@link WorkflowCacheTexts.texts}. */
export type FieldText = { json: string } | { id: string };

/** A cache entry's side in an export: its value's fields as texts (`value`: the whole value's JSON when it is no record of fields). */
export interface CacheExtractTexts {
  model: string | null;
  version: string | null;
  at?: number;
  fields: Record<string, FieldText> | null;
  value?: string;
}

/** The cache of an export: each step's current entry, and the big texts by content ref, each once. */
export interface WorkflowCacheTexts {
  modelInputs: Record<string, CacheExtractTexts>;
  modelOutputs: Record<string, CacheExtractTexts>;
  texts: [string, Blob][];
}

/** A sweep's results cells: the given slots of the state the last run left. */
export interface SweepCellsMessage {
  type: 'sweep-cells';
  requestId: number;
  workflowId: string;
  slots: string[];
}

/** A results cell with what opens from it: a table's first page, a chart's data (for small multiples). */
export type SweepCellValue = SweepCell & { table?: TablePart; chart?: ChartValue };

/** Asks for the cache and state summaries of a workflow (loading it if needed). */
interface SummarizeMessage {
  type: 'summarize';
  workflowId: string;
}

/**
 * A file a person loaded, dropped or pasted: the worker reads it (a `File` crosses as a handle, not
 * its bytes), stores its text once by content in the value store at `location` and answers with the
 * reference the node's param holds (`file-stored`). Without a location the text goes back as `texts`.
 */
export interface StoreFileMessage {
  type: 'store-file';
  requestId: number;
  file: Blob;
  name: string;
  mediaType: string;
  location: ValueLocation | null;
}

/**
 * A workflow file to import, read here off the page's thread (`importRead.ts`): `import-read`
 * answers with its graph part and its cached steps by ref; its texts wait for `commit-import`.
 */
export interface ReadImportMessage {
  type: 'read-import';
  requestId: number;
  /** A file crosses as a handle, not its bytes; a pasted text as it is. */
  source: Blob | string;
}

/**
 * Stores what the page keeps of a read import — `refs`: its files and the cached values to use —
 * at `location` (without one the texts come back to be saved by the page), and forgets the rest.
 */
export interface CommitImportMessage {
  type: 'commit-import';
  requestId: number;
  token: number;
  refs: string[];
  location: ValueLocation | null;
}

export type ToWorker =
  | StartRunMessage
  | PreviewMessage
  | WorkspaceDataMessage
  | ClearCacheMessage
  | ForgetExtractsMessage
  | GetValueMessage
  | GetRowsMessage
  | ExportValueMessage
  | ExportWorkflowMessage
  | SummarizeMessage
  | StoreFileMessage
  | ForgetMessage
  | SweepCellsMessage
  | ReadImportMessage
  | CommitImportMessage;

type EndEvent = Extract<WorkflowEvent, { type: 'end' }>;

/**
 * The engine's events as they cross to the page: the same, except that an end event carries its
 * error in words and a summary of the cache entry it wrote instead of the values.
 */
export type WireEvent =
  | Exclude<WorkflowEvent, EndEvent>
  | (Omit<EndEvent, 'error' | 'extracts' | 'values'> & {
      error?: WireStepError;
      /** The cache entry the step wrote, summarised. */
      extract?: ExtractSummary;
      /** What the step ran with and gave when the cache did not take it ("Update cache" off, or `uncached`), summarised. */
      uncachedValues?: ExtractSummary;
    });

/** A step's values (the last run's or the cache's), for the extracts viewer. */
export interface StepValues {
  kind: 'step';
  stepKey: string;
  summary: ExtractSummary;
  input: PackedValue;
  output: PackedValue;
  /** The input the last run compared against (the cache's before it ran), only its changed fields. */
  previousFields: PackedValue | null;
  /** Fields of the input that differ from that previous input. */
  changed: string[];
  /**
   * 'run': these are the values of the last run this worker made (the step ran or was skipped in
   * it); 'cache': the cache's entry (asked for, or the run gave the step no values, or this worker
   * did not see that run: a reload, a cancel).
   */
  from: ValueView;
  /**
   * Set when the last run's values differ from the cache's because that run did not update the
   * cache: whether the cache holds an entry for the step, when it was written (null: not known),
   * and, when the model kept the run out of the cache ("Update cache" was on), the model's words why.
   */
  cacheNotUpdated?: { cached: boolean; cachedAt: number | null; why?: string };
}

export interface SlotValue {
  kind: 'slot';
  name: string;
  value: PackedValue;
}

export type FromWorker =
  | { type: 'ready' }
  /** The worker needs what the workspace stored for this workflow (asked once per workflow). */
  | { type: 'need-workspace'; workflowId: string }
  | { type: 'summary'; workflowId: string; extracts: ExtractSummary[]; state: StateSummary | null }
  | { type: 'planned'; runId: string; steps: PlannedStep[] }
  | { type: 'event'; runId: string; event: WireEvent }
  /**
   * Extracts the page must record, by ref (sent as each step finishes, so a cancel keeps them). The
   * worker stored the values already, except those in `texts` (no value store it can reach).
   */
  | { type: 'persist-extracts'; runId: string; workflowId: string; extracts: StoredExtractRef[]; texts: ValueTexts; writing: string[] }
  | {
      type: 'done';
      runId: string;
      outcome: 'ok' | 'error';
      state: StateSummary;
      persist: LastStateRefs;
      texts: ValueTexts;
      writing: string[];
      error?: WireStepError;
    }
  /**
   * Values announced as `writing` are committed to the value store (the page may now save a
   * snapshot that refers to them); `failed` carries the texts of those that could not be, for the page to save.
   */
  | { type: 'values-stored'; refs: string[]; failed: ValueTexts }
  /** The run could not start at all (bad workflow JSON, unknown target…). */
  | { type: 'failed'; runId: string; message: string; nothingToRerun?: boolean }
  | { type: 'preview'; requestId: number; entries: WirePreviewEntry[]; columns?: StepColumns }
  | { type: 'preview-failed'; requestId: number; message: string }
  | { type: 'value'; requestId: number; value: StepValues | SlotValue | null }
  | { type: 'value-failed'; requestId: number; message: string }
  /** Rows of a table, one array per column. */
  | ({ type: 'rows'; requestId: number } & RowsPage)
  | { type: 'rows-failed'; requestId: number; message: string }
  /** A value as a file (`export-value`): made in the worker, handed over as a Blob. */
  | { type: 'exported'; requestId: number; file: Blob }
  | { type: 'export-failed'; requestId: number; message: string }
  /** A workflow export's big parts (`export-workflow`): Blobs the page joins into the file without reading them. */
  | { type: 'workflow-exported'; requestId: number; cache: WorkflowCacheTexts | null; files: [string, Blob][]; missingFiles: string[] }
  | { type: 'workflow-export-failed'; requestId: number; message: string }
  /** The file is stored (committed to the value store, or in `texts` for the page to save). */
  | { type: 'file-stored'; requestId: number; file: StoredFileInfo; texts: ValueTexts }
  | { type: 'file-failed'; requestId: number; message: string }
  | { type: 'sweep-cells'; requestId: number; cells: Record<string, SweepCellValue> }
  | { type: 'sweep-cells-failed'; requestId: number; message: string }
  /** `token` names the read import in `commit-import` (0 when the file was refused). */
  | { type: 'import-read'; requestId: number; token: number; read: ImportRead }
  | { type: 'import-read-failed'; requestId: number; message: string }
  | { type: 'import-committed'; requestId: number; texts: ValueTexts }
  | { type: 'import-commit-failed'; requestId: number; message: string };

/** What crosses the wire from the worker: one message, or several gathered in order (`outbox.ts`). */
export type WorkerPost = FromWorker | { type: 'batch'; messages: FromWorker[] };

/** A step as the run panel lists it, in execution order. */
export interface PlannedStep {
  index: number;
  key: string;
  model: string;
  inputs: Record<string, string>;
  outputs: Record<string, string>;
  /** False for steps a "run to here" leaves out. */
  included: boolean;
}
