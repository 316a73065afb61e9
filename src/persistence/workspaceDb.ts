/**
 * The workspace's read and write operations over one sql.js database, independent of where it
 * is kept: the browser wraps it with IndexedDB snapshots (`workspace.ts`), the CLI opens a plain
 * `.sqlite` file with {@link openWorkspaceDatabase}. The SQL lives in `db/`, a module per table
 * group; values go through a {@link ValueCache}.
 */
import type { Database, SqlJsStatic } from 'sql.js';
import { loadSqlJs, type CacheEntry, type JsonValue, type StateJSON } from '../engine';
import { bytesOf, extractKeyText, planEviction } from './cacheBudget';
import * as customModels from './db/customModels';
import * as components from './db/components';
import * as extracts from './db/extracts';
import { renameValueRef } from './db/inlineTables';
import { assertWorkspaceSchema, countsOf, openCheckedDatabase, type WorkspaceCounts } from './db/file';
import * as lastState from './db/lastState';
import * as runs from './db/runs';
import * as settings from './db/settings';
import { transaction } from './db/sql';
import * as blobs from './db/valueBlobs';
import * as workflows from './db/workflows';
import { MIGRATIONS, migrate, type Migration } from './schema';
import { storageReport } from './storageReport';
import type {
  ComponentRecord,
  CustomModelRecord,
  ExtractKey,
  ExtractSideRef,
  LastStateRefs,
  RunRecord,
  StorageReport,
  StoredExtract,
  StoredExtractRef,
  WorkflowRecord,
  WorkflowSummary,
  WorkspaceSettings,
} from './types';
import { ValueCache } from './valueCache';
import { InlineValues, encodeForStore, type ValueStore } from './values';

export { InvalidWorkspaceError, type WorkspaceCounts } from './db/file';

export class WorkspaceDatabase {
  private readonly cache: ValueCache;
  /** The clock that stamps when an extract was last used (tests set their own). */
  now: () => number = Date.now;
  /** Refs held outside the database that may come back into it (the editor's undo history): kept as if referenced. */
  heldElsewhere: () => Iterable<string> = () => [];

  constructor(
    public db: Database,
    readonly values: ValueStore,
  ) {
    this.cache = new ValueCache(values);
  }

  // ------------------------------------------------------------ workflows

  /** Newest first. */
  listWorkflows(): WorkflowSummary[] {
    return workflows.listWorkflows(this.db);
  }

  getWorkflow(id: string): WorkflowRecord | null {
    return workflows.getWorkflow(this.db, id);
  }

  saveWorkflow(record: WorkflowRecord): void {
    workflows.saveWorkflow(this.db, record);
  }

  /** The workflow with its extracts, kept state and runs. */
  deleteWorkflow(id: string): void {
    transaction(this.db, () => {
      workflows.deleteWorkflowRow(this.db, id);
      extracts.deleteExtracts(this.db, id);
      lastState.deleteLastState(this.db, id);
      runs.deleteRunsOf(this.db, id);
    });
    this.dropUnreferencedValues();
  }

  // ------------------------------------------------------------ values

  /** Every ref the database points to, and those {@link heldElsewhere}. */
  referencedValues(): Set<string> {
    const refs = blobs.referencedValues(this.db);
    for (const ref of this.heldElsewhere()) refs.add(ref);
    return refs;
  }

  /** The refs of the stored files the workflows read (their params and states). */
  referencedFiles(): Set<string> {
    return blobs.referencedFiles(this.db);
  }

  /**
   * Stores a file's text once by content (an imported file's embedded one, the CLI's `--file`) and
   * returns its ref; it stays while a workflow's param refers to it.
   */
  storeFileText(text: string): string {
    const { ref, json } = encodeForStore(text);
    this.values.put(ref, json);
    return ref;
  }

  /** A stored file's text by ref; rejects when its bytes are gone. */
  async fileText(ref: string): Promise<string> {
    const text = JSON.parse(await this.values.get(ref)) as unknown;
    if (typeof text !== 'string') throw new Error(`the stored value ${ref} is not a file's text`);
    return text;
  }

  private dropUnreferencedValues(): void {
    // Nothing to drop: no decoded value held and no value kept in the file (the browser's usual
    // case). Finding every live ref reads every extract and every workflow holding a file, which on
    // each batch of a 1,000-step run's cache entries made recording them quadratic.
    if (this.cache.isEmpty() && this.values.kind !== 'inline') return;
    const live = this.referencedValues();
    this.cache.keepOnly(live);
    if (this.values.kind === 'inline') blobs.deleteUnreferencedBlobs(this.db);
  }

  /** The values kept inline in the file, by ref (a backup carries them so; see {@link exportFile}). */
  inlineValues(): Map<string, string> {
    return blobs.allBlobs(this.db);
  }

  /** Empties the file's inline values once they have moved to the value store. */
  dropInlineValues(): void {
    blobs.deleteAllBlobs(this.db);
  }

  // ------------------------------------------------------------ extracts

  async getExtracts(workflowId: string): Promise<StoredExtract[]> {
    return Promise.all(
      this.extractRefs(workflowId).map(async (entry) => ({
        stepKey: entry.stepKey,
        inputHash: entry.inputHash,
        input: await this.cacheEntryOf(entry.input),
        output: await this.cacheEntryOf(entry.output),
      })),
    );
  }

  private async cacheEntryOf({ ref, ...side }: ExtractSideRef): Promise<CacheEntry> {
    return { value: await this.cache.value(ref), ...side };
  }

  /** The stored input hashes by step key, without loading any value. */
  extractInputHashes(workflowId: string): Record<string, string> {
    return extracts.extractInputHashes(this.db, workflowId);
  }

  putExtracts(workflowId: string, entries: StoredExtract[]): void {
    const refs = entries.map(({ stepKey, inputHash, input, output }): StoredExtractRef => {
      const { value: inputValue, ...inputSide } = input;
      const { value: outputValue, ...outputSide } = output;
      return {
        stepKey,
        inputHash,
        input: { ...inputSide, ref: this.cache.storeValue(inputValue) },
        output: { ...outputSide, ref: this.cache.storeValue(outputValue) },
      };
    });
    this.putExtractRefs(workflowId, refs);
  }

  /**
   * Records extracts whose values are stored already (by the run worker), by ref: no value is
   * encoded, hashed or held here. The value store must hold every ref before a snapshot saves them.
   */
  putExtractRefs(workflowId: string, entries: StoredExtractRef[]): void {
    extracts.putExtractRefs(this.db, workflowId, entries, this.now());
    this.dropUnreferencedValues();
  }

  /** A workflow's extracts by ref, without loading any value. */
  extractRefs(workflowId: string): StoredExtractRef[] {
    return extracts.extractRefs(this.db, workflowId);
  }

  /** Forgets the extracts and kept states that refer to any of `refs` (values that never reached storage). */
  dropValueRefs(refs: ReadonlySet<string>): void {
    const list = [...refs];
    if (!list.length) return;
    transaction(this.db, () => {
      extracts.deleteExtractsReferring(this.db, list);
      for (const id of lastState.workflowsWithSlotsReferring(this.db, list)) lastState.deleteLastState(this.db, id);
    });
    this.dropUnreferencedValues();
  }

  /** Every value ref the cache refers to (extracts and kept states; not the stored files workflows read). */
  cacheValueRefs(): Set<string> {
    const refs = new Set(lastState.allSlotRefs(this.db));
    for (const use of extracts.extractUses(this.db)) refs.add(use.inputRef).add(use.outputRef);
    return refs;
  }

  /** The input hashes of the extracts whose input is each ref. */
  inputHashesByRef(): Map<string, string[]> {
    const hashes = new Map<string, string[]>();
    for (const use of extracts.extractUses(this.db)) hashes.set(use.inputRef, [...(hashes.get(use.inputRef) ?? []), use.inputHash]);
    return hashes;
  }

  /**
   * Points every extract and kept-state slot that refers to an old ref at its new one, and gives an
   * extract whose input was renamed its input's new hash (the values are equal, their encodings not:
   * `tableFormat.ts`), in one transaction.
   */
  renameValueRefs(renamed: ReadonlyMap<string, { ref: string; inputHash: string }>): void {
    transaction(this.db, () => {
      for (const [oldRef, to] of renamed) renameValueRef(this.db, oldRef, to.ref, to.inputHash);
    });
  }

  /** Replaces all of a workflow's extracts with `entries` (the CLI's way after a run). */
  replaceExtracts(workflowId: string, entries: StoredExtract[]): void {
    extracts.deleteExtracts(this.db, workflowId);
    this.putExtracts(workflowId, entries);
  }

  clearExtracts(workflowId: string, stepKey?: string): void {
    extracts.deleteExtracts(this.db, workflowId, stepKey);
    this.dropUnreferencedValues();
  }

  // ------------------------------------------------------------ last-run state

  async getLastState(workflowId: string): Promise<StateJSON | null> {
    const kept = this.lastStateRefs(workflowId);
    if (!kept) return null;
    const values: Record<string, JsonValue> = {};
    for (const { name, ref } of kept.slots) values[name] = await this.cache.encoded(ref);
    return { mutable: kept.mutable, values };
  }

  putLastState(workflowId: string, state: StateJSON): void {
    const slots = Object.entries(state.values).map(([name, encoded]) => ({ name, ref: this.cache.storeJson(encoded) }));
    this.putLastStateRefs(workflowId, { mutable: state.mutable, slots });
  }

  /** The kept state by ref (values stored already, see {@link putExtractRefs}). */
  lastStateRefs(workflowId: string): LastStateRefs | null {
    return lastState.lastStateRefs(this.db, workflowId);
  }

  putLastStateRefs(workflowId: string, state: LastStateRefs): void {
    lastState.putLastStateRefs(this.db, workflowId, state);
    this.dropUnreferencedValues();
  }

  // ------------------------------------------------------------ runs and custom models

  /** Newest first. */
  listRuns(workflowId: string): RunRecord[] {
    return runs.listRuns(this.db, workflowId);
  }

  /**
   * Records a run; the cache entries it used count as used at its end, and the workflow keeps its
   * newest `runsPerWorkflow` runs (the setting).
   */
  addRun(record: RunRecord): void {
    // One transaction: each statement on its own would be a journal file made and removed.
    transaction(this.db, () => {
      runs.addRun(this.db, record);
      // The record in hand when it is the newest (it nearly always is): its steps need no reading back.
      const used =
        runs.newestRunId(this.db, record.workflowId) === record.id
          ? runs.stepsUsedBy(record.flags, record.steps)
          : runs.stepsLastRunUsed(this.db, record.workflowId);
      extracts.touchCurrentExtracts(this.db, record.workflowId, used, record.endedAt);
      runs.pruneRuns(this.db, this.settings().runsPerWorkflow, record.workflowId);
    });
  }

  // ------------------------------------------------------------ the cache budget (see cacheBudget.ts)

  /**
   * Drops the least recently used extracts until the values left take at most `budgetBytes`,
   * never one the last run of a workflow in `protect` used (the open one), then the values
   * nothing refers to any more. Returns the entries dropped (a run worker holding one must forget it).
   */
  keepCacheWithinBudget(budgetBytes: number, protect: readonly string[]): ExtractKey[] {
    const keptRefs = lastState.allSlotRefs(this.db);
    // Within the budget (after nearly every run): nothing to plan, and no entry or run read.
    if (bytesOf([...extracts.extractValueRefs(this.db), ...keptRefs]) <= budgetBytes) return [];
    const protectedKeys = new Set<string>();
    const entries = extracts.extractUses(this.db);
    for (const workflowId of protect) {
      const steps = new Set(runs.stepsLastRunUsed(this.db, workflowId));
      for (const entry of entries)
        if (entry.workflowId === workflowId && entry.rank === 0 && steps.has(entry.stepKey)) protectedKeys.add(extractKeyText(entry));
    }
    const evicted = planEviction({ entries, keptRefs, protectedKeys, budgetBytes });
    if (!evicted.length) return [];
    extracts.deleteExtractEntries(this.db, evicted);
    this.dropUnreferencedValues();
    return evicted;
  }

  /** The Storage view's figures, against the budget given. */
  storageReport(budget: Pick<StorageReport, 'budgetBytes' | 'budgetIsDefault' | 'quotaBytes'>): StorageReport {
    return storageReport(this.db, { ...budget, runsPerWorkflow: this.settings().runsPerWorkflow });
  }

  listCustomModels(): CustomModelRecord[] {
    return customModels.listCustomModels(this.db);
  }

  saveCustomModel(record: CustomModelRecord): void {
    customModels.saveCustomModel(this.db, record);
  }

  deleteCustomModel(id: string): void {
    customModels.deleteCustomModel(this.db, id);
  }

  listComponents(): ComponentRecord[] {
    return components.listComponents(this.db);
  }

  saveComponent(record: ComponentRecord): void {
    components.saveComponent(this.db, record);
  }

  deleteComponent(id: string): void {
    components.deleteComponent(this.db, id);
  }

  // ------------------------------------------------------------ settings

  settings(): WorkspaceSettings {
    return settings.readSettings(this.db);
  }

  /** Throws, in words, for a value a setting does not take. */
  changeSettings(change: Partial<WorkspaceSettings>): void {
    settings.writeSettings(this.db, change);
    if (change.runsPerWorkflow !== undefined) runs.pruneRuns(this.db, change.runsPerWorkflow);
  }

  // ------------------------------------------------------------ whole file

  counts(): WorkspaceCounts {
    return countsOf(this.db);
  }

  /** The database bytes as they are (in the browser: without the big values). */
  toBytes(): Uint8Array {
    return this.db.export();
  }

  /** A complete workspace file: the database with every value it refers to inline. */
  async exportFile(): Promise<Blob> {
    // With the first export: the b-tree page writers are no part of opening or editing a workspace.
    const { exportBackupFile } = await import('./backupExport');
    return exportBackupFile(this.db, this.values);
  }

  close(): void {
    this.db.close();
  }
}

/** A new, empty workspace database at the current schema, its values in `values`. */
export function emptyWorkspaceDatabase(SQL: SqlJsStatic, values: ValueStore, migrations: readonly Migration[] = MIGRATIONS): WorkspaceDatabase {
  const db = new SQL.Database();
  migrate(db, migrations);
  return new WorkspaceDatabase(db, values);
}

/**
 * Opens a complete workspace file (values inline), e.g. for the `swark` CLI, or a new empty one.
 * Migrates it to the current schema; a file from a newer version is refused with a clear message.
 *
 * @example
 * const ws = await openWorkspaceDatabase(readFileSync('work.sqlite'));
 * ws.listWorkflows();
 * writeFileSync('work.sqlite', ws.toBytes());
 */
export async function openWorkspaceDatabase(bytes?: Uint8Array): Promise<WorkspaceDatabase> {
  const SQL = await loadSqlJs();
  const db = bytes ? openCheckedDatabase(SQL, bytes) : new SQL.Database();
  try {
    assertWorkspaceSchema(db);
    migrate(db);
  } catch (error) {
    db.close();
    throw error;
  }
  let workspace: WorkspaceDatabase | null = null;
  workspace = new WorkspaceDatabase(db, new InlineValues(() => (workspace as WorkspaceDatabase).db));
  return workspace;
}
