/**
 * The browser workspace: a `WorkspaceDatabase` kept in IndexedDB through atomic snapshots,
 * autosaved, shared safely between tabs, and degrading to memory when storage is missing.
 * Everything environment-specific is injected, so Node tests drive it with fake or faulty storage.
 *
 * The modules, each one concern: `lifecycle.ts` (load, the tab lock, status, the edit queue),
 * `autosave.ts`, `valueLedger.ts` (the values the run worker writes itself), `backupExport.ts` / `backupImport.ts`,
 * `storedWorkspace.ts` (opening storage, reading the newest snapshot) and `workspaceDb.ts` with
 * `db/` (the SQL). This class is what the app does with a workspace, through the ports of `ports.ts`.
 */
import type { StateJSON } from '../engine';
import { cacheBudgetOf } from './cacheBudget';
import { DEFAULT_SETTINGS, settingsProblem } from './db/settings';
import { saveWorkflowOp } from './journalOps';
import { WorkspaceLifecycle } from './lifecycle';
import type { CacheStorage, ComponentRepository, RunHistory, ValueRefs, WorkflowRepository, WorkspaceReader } from './ports';
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
import type { WorkerValueRefs } from './valueLedger';

export type { WorkspaceOptions } from './options';
export type { ReadOnlyReason } from './types';

export class Workspace extends WorkspaceLifecycle implements WorkflowRepository, ComponentRepository, RunHistory, ValueRefs, WorkspaceReader, CacheStorage {
  // ------------------------------------------------------------ edits (autosaved; queued until the load)

  saveWorkflow(record: WorkflowRecord): void {
    this.journaledEdit(saveWorkflowOp(record));
  }

  deleteWorkflow(id: string): void {
    this.journaledEdit({ kind: 'delete-workflow', id });
  }

  /** Keeps the values `held` names (e.g. files an undo could bring back) through every garbage collection. */
  holdValues(held: () => Iterable<string>): void {
    this.heldElsewhere = held;
  }

  putExtracts(workflowId: string, extracts: StoredExtract[]): void {
    this.edit((db) => db.putExtracts(workflowId, extracts), true);
  }

  clearExtracts(workflowId: string, stepKey?: string): void {
    this.journaledEdit({ kind: 'clear-extracts', workflowId, stepKey: stepKey ?? null });
  }

  putLastState(workflowId: string, state: StateJSON): void {
    this.edit((db) => db.putLastState(workflowId, state), true);
  }

  addRun(record: RunRecord): void {
    this.edit((db) => db.addRun(record));
  }

  saveCustomModel(record: CustomModelRecord): void {
    this.journaledEdit({ kind: 'save-custom-model', record });
  }

  deleteCustomModel(id: string): void {
    this.journaledEdit({ kind: 'delete-custom-model', id });
  }

  /** Saving a definition again (an edit) updates every instance: they name it by id. */
  saveComponent(record: ComponentRecord): void {
    this.journaledEdit({ kind: 'save-component', record });
  }

  deleteComponent(id: string): void {
    this.journaledEdit({ kind: 'delete-component', id });
  }

  /** Null when stored, else why not in words (nothing changes then). */
  changeSettings(change: Partial<WorkspaceSettings>): string | null {
    const problem = settingsProblem(change);
    if (problem) return problem;
    this.edit((db) => db.changeSettings(change));
    return null;
  }

  // ------------------------------------------------------------ the cache budget (see cacheBudget.ts)

  /** The budget in force: the one set, else the smaller of 1 GB and half the browser's quota. */
  cacheBudgetBytes(): number {
    return cacheBudgetOf(this.settings().cacheBudgetBytes, this.status.quotaBytes);
  }

  /**
   * Drops the least recently used cache entries beyond the budget, never one the last run of
   * `openWorkflowId` used; their values go with the next save's garbage collection. Returns the
   * entries dropped (none before the load, or when this tab may not write).
   */
  keepCacheWithinBudget(openWorkflowId: string | null): ExtractKey[] {
    if (!this.db || !this.canEdit) return [];
    let evicted: ExtractKey[] = [];
    const budget = this.cacheBudgetBytes();
    this.edit((db) => (evicted = db.keepCacheWithinBudget(budget, openWorkflowId === null ? [] : [openWorkflowId])), true);
    return evicted;
  }

  /** What the cache holds per workflow and step, against the budget (empty before the load). */
  storageReport(): StorageReport {
    const budget = { budgetBytes: this.cacheBudgetBytes(), budgetIsDefault: this.settings().cacheBudgetBytes === null, quotaBytes: this.status.quotaBytes };
    return this.db?.storageReport(budget) ?? { ...budget, usedBytes: 0, sharedBytes: 0, runsPerWorkflow: this.settings().runsPerWorkflow, workflows: [] };
  }

  /**
   * Remembers the open workflow (the `openWorkflowId` setting) so a reload opens it again. Quietly
   * skipped where this tab may not write: opening a workflow to read it is no refused edit.
   */
  rememberOpenWorkflow(id: string): void {
    if (this.db && (!this.canEdit || this.settings().openWorkflowId === id)) return;
    this.edit((db) => db.changeSettings({ openWorkflowId: id }));
  }

  // ------------------------------------------------------------ reads (empty before the load)

  getWorkflow(id: string): WorkflowRecord | null {
    return this.db?.getWorkflow(id) ?? null;
  }

  /** Newest first. */
  listWorkflows(): WorkflowSummary[] {
    return this.db?.listWorkflows() ?? [];
  }

  /** Newest first. */
  listRuns(workflowId: string): RunRecord[] {
    return this.db?.listRuns(workflowId) ?? [];
  }

  listCustomModels(): CustomModelRecord[] {
    return this.db?.listCustomModels() ?? [];
  }

  listComponents(): ComponentRecord[] {
    return this.db?.listComponents() ?? [];
  }

  /** The defaults before the load. */
  settings(): WorkspaceSettings {
    return this.db?.settings() ?? { ...DEFAULT_SETTINGS };
  }

  /** The stored input hashes by step key, without loading any value. */
  extractInputHashes(workflowId: string): Record<string, string> {
    return this.db?.extractInputHashes(workflowId) ?? {};
  }

  /** A workflow's extracts, values decoded (waits for the load). */
  async getExtracts(workflowId: string): Promise<StoredExtract[]> {
    await this.load();
    return this.database.getExtracts(workflowId);
  }

  /** The state the workflow's last run left (waits for the load). */
  async getLastState(workflowId: string): Promise<StateJSON | null> {
    await this.load();
    return this.database.getLastState(workflowId);
  }

  /** The whole workspace as one `.sqlite` file (big values inline); see {@link importBackup}. */
  async exportBackup(): Promise<Blob> {
    await this.load();
    return this.database.exportFile();
  }

  // ------------------------------------------------------------ stored files (see src/engine/storedFile.ts)

  storeFileText(text: string): string {
    return this.database.storeFileText(text);
  }

  keepFileTexts(texts: ValueTexts): void {
    this.ledger.record(texts, []);
  }

  async fileText(hash: string): Promise<string> {
    await this.load();
    return this.database.fileText(hash);
  }

  // ------------------------------------------------------------ the run worker's values (see valueLedger.ts)

  /**
   * Records extracts by ref whose values a worker stored already (`texts` carries those it could
   * not store itself: they are saved with the next snapshot, as {@link putExtracts}'s are).
   */
  putExtractRefs(workflowId: string, extracts: StoredExtractRef[], texts: ValueTexts = [], writing: string[] = []): void {
    this.edit((db) => {
      this.ledger.record(texts, writing);
      // A worker that loaded the cache before its tables were re-encoded reports their old refs.
      db.putExtractRefs(workflowId, this.tableRenames.extracts(extracts));
    }, true);
  }

  /** The kept state by ref; see {@link putExtractRefs}. */
  putLastStateRefs(workflowId: string, state: LastStateRefs, texts: ValueTexts = [], writing: string[] = []): void {
    this.edit((db) => {
      this.ledger.record(texts, writing);
      db.putLastStateRefs(workflowId, this.tableRenames.lastState(state));
    }, true);
  }

  /** A worker finished writing `refs` (those in `failed` it could not: they are saved from here). */
  valuesStored(refs: string[], failed: ValueTexts = []): void {
    this.ledger.stored(refs, failed);
  }

  /**
   * What a worker needs to load a workflow's cache: extracts and kept state by ref, plus the texts
   * of values it cannot read from {@link valueLocation} (not saved yet, or not in IndexedDB).
   */
  async valueRefsFor(workflowId: string): Promise<WorkerValueRefs> {
    await this.load();
    return this.ledger.refsFor(this.database, workflowId, this.valueLocation);
  }
}
