/**
 * A workspace's life: the load (storage, the newest snapshot, or memory when storage is missing),
 * the one-writer tab lock, status and subscribers, the edit queue (edits made before the load wait
 * for it), saving through the {@link Autosave}, replacing the database (a reload, a backup import)
 * and closing. `Workspace` (workspace.ts) adds what the app does with it.
 */
import type { SqlJsStatic } from 'sql.js';
import { loadSqlJs } from '../engine';
import { AUTOSAVE_DELAY_MS, Autosave, type SaveFault } from './autosave';
import { readBackup } from './backupImport';
import { NOTICES, readOnlyNotice } from './faults';
import { EditJournal, browserWebStorage, type WebStorageArea } from './journal';
import { JOURNAL_RULES, applyJournalOp, dropsValues as opDropsValues, type JournalOp } from './journalOps';
import { memoryBackend } from './keyValue';
import type { WorkspaceOptions } from './options';
import { MIGRATIONS, SCHEMA_VERSION, type Migration } from './schema';
import { SAVE_STEP_TIMEOUT_MS, withStepTimeouts } from './saveTimeouts';
import { SnapshotStore, type SnapshotEntry } from './snapshots';
import { StorageEstimates } from './storageInfo';
import { openStorage, readStoredWorkspace } from './storedWorkspace';
import { browserTabCoordinator, soleWriter, type TabCoordinator } from './tabs';
import type { ReadOnlyReason, WorkspaceStatus } from './types';
import { AWAIT_VALUES_MS, ValueLedger } from './valueLedger';
import { BROWSER_VALUES, ExternalValues, initValueHashing, type ValueLocation } from './values';
import { emptyWorkspaceDatabase, type WorkspaceDatabase } from './workspaceDb';

export abstract class WorkspaceLifecycle {
  status: WorkspaceStatus = { phase: 'loading', notice: null, lastSavedAt: null, saveStuck: false, usageBytes: null, quotaBytes: null, persisted: null };
  readOnlyReason: ReadOnlyReason | null = null;
  /** Set when a save or load detail needs the person's attention beyond the phase (quota, recovery). */
  private problem: string | null = null;
  protected db: WorkspaceDatabase | null = null;
  private values: ExternalValues | null = null;
  private snapshots: SnapshotStore | null = null;
  private SQL: SqlJsStatic | null = null;
  private tabs: TabCoordinator = soleWriter();
  /** Edits made before the load, applied after it. */
  private readonly queued: { apply: (db: WorkspaceDatabase) => void; dropsValues: boolean; op: JournalOp | null }[] = [];
  /** The snapshot the database in memory was read from (null: none, or not read from one). */
  private readFrom: SnapshotEntry | null = null;
  /** Each journaled edit, written at once (see `journal.ts`); null when memory-only or without Web Storage. */
  private journal: EditJournal<JournalOp> | null = null;
  private readonly listeners = new Set<(workspace: this) => void>();
  private loading: Promise<void> | null = null;

  protected readonly ledger = new ValueLedger({
    database: () => this.db,
    values: () => this.values,
    waitMs: () => this.options.awaitValuesMs ?? AWAIT_VALUES_MS,
  });

  private readonly autosave = new Autosave({
    persisting: () => this.status.phase === 'ready' && this.snapshots !== null,
    target: () => (this.db && this.snapshots && this.values ? { db: this.db, snapshots: this.snapshots, values: this.values } : null),
    settleValues: () => this.ledger.settle(),
    saved: (entry) => this.onSaved(entry),
    failed: (fault) => this.onSaveFailed(fault),
    storageChanged: () => void this.refreshStorageInfo(false),
    delayMs: () => this.options.autosaveDelayMs ?? AUTOSAVE_DELAY_MS,
    now: () => (this.options.now ?? Date.now)(),
    webStorage: () => this.webStorage,
    journal: () => this.journal,
  });

  private readonly storageInfo = new StorageEstimates(
    () => this.options.storage,
    () => this.options.personInteracted,
  );

  constructor(private options: WorkspaceOptions = {}) {}

  /** Adds options before {@link load} (the browser's wiring is loaded lazily). */
  configure(options: WorkspaceOptions): void {
    if (this.loading) throw new Error('configure the workspace before load()');
    this.options = { ...this.options, ...options };
  }

  /** Called after every change of status, of the data, or of the unsaved flag. */
  subscribe(listener: (workspace: this) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private emit(): void {
    const notice =
      this.problem ??
      (this.readOnlyReason ? readOnlyNotice(this.readOnlyReason) : null) ??
      (this.status.phase === 'memory-only' ? NOTICES.memoryOnly : null) ??
      this.journal?.notice ??
      null;
    this.status = { ...this.status, notice };
    for (const listener of this.listeners) listener(this);
  }

  private setPhase(phase: WorkspaceStatus['phase'], readOnlyReason: ReadOnlyReason | null = null): void {
    this.status = { ...this.status, phase };
    this.readOnlyReason = phase === 'read-only' ? readOnlyReason : null;
  }

  get database(): WorkspaceDatabase {
    if (!this.db) throw new Error('the workspace is not loaded yet: await load() first');
    return this.db;
  }

  get isLoaded(): boolean {
    return this.db !== null;
  }

  get canEdit(): boolean {
    return this.status.phase === 'ready' || this.status.phase === 'memory-only';
  }

  get hasUnsavedChanges(): boolean {
    return this.autosave.hasUnsavedChanges;
  }

  /** Where a worker can read and write this workspace's values itself (null: send them as texts). */
  get valueLocation(): ValueLocation | null {
    return this.status.phase === 'ready' || this.status.phase === 'read-only' ? (this.values?.location ?? null) : null;
  }

  private get migrations(): readonly Migration[] {
    return this.options.migrations ?? MIGRATIONS;
  }

  private get webStorage(): WebStorageArea | null {
    return this.options.webStorage === undefined ? browserWebStorage() : this.options.webStorage;
  }

  // ------------------------------------------------------------ loading and the writer role

  /** Loads the stored workspace. Idempotent; edits made before it resolves are applied after. */
  load(): Promise<void> {
    this.loading ??= this.loadOnce();
    return this.loading;
  }

  private async loadOnce(): Promise<void> {
    const SQL = (this.SQL = await loadSqlJs());
    await initValueHashing();
    const storage = await openStorage(this.options, this.options.openTimeoutMs ?? 5000);
    if (!storage) {
      this.values = new ExternalValues(memoryBackend());
      this.db = emptyWorkspaceDatabase(SQL, this.values, this.migrations);
      this.setPhase('memory-only');
    } else {
      const stepMs = () => this.options.saveStepTimeoutMs ?? SAVE_STEP_TIMEOUT_MS;
      this.snapshots = new SnapshotStore(
        SQL,
        withStepTimeouts(storage.meta, 'snapshot store', stepMs),
        withStepTimeouts(storage.values, 'value store', stepMs),
      );
      this.journal = new EditJournal(this.webStorage, JOURNAL_RULES);
      // A worker can open the browser's own value store, not an injected one.
      this.values = new ExternalValues(storage.values, this.options.values ? null : BROWSER_VALUES);
      this.tabs = this.options.tabs ?? browserTabCoordinator(SCHEMA_VERSION) ?? soleWriter();
      const writer = await this.tabs.start({
        onWriterGranted: () => void this.becomeWriter(),
        onWriterLost: () => this.becomeReader('other-tab'),
        onNewerVersion: () => this.becomeReader('newer-tab'),
        onSaved: () => void this.reloadFromStorage(),
        onHandoverRequested: () => this.flush(),
      });
      await this.reloadFromStorage();
      if (this.readOnlyReason === null) this.setPhase(writer ? 'ready' : 'read-only', writer ? null : 'other-tab');
      this.replayJournal();
    }
    for (const edit of this.queued.splice(0)) this.edit(edit.apply, edit.dropsValues, edit.op);
    this.autosave.watchPageLeave(this.options.onPageLeave);
    this.emit();
    void this.refreshStorageInfo(true);
  }

  /** Applies the journaled edits the snapshot just read lacks (made just before the last writer closed). */
  private replayJournal(): void {
    if (!this.journal || !this.db || this.status.phase !== 'ready') return;
    const ops = this.journal.takeOver(this.readFrom);
    const failures: string[] = [];
    for (const op of ops) {
      try {
        applyJournalOp(this.db, op);
      } catch (error) {
        failures.push(error instanceof Error ? error.message : String(error));
      }
    }
    if (failures.length > 0) this.journal.reportUnapplied(failures.length, failures[0] as string);
    if (ops.length > failures.length) this.autosave.markDirty(ops.some(opDropsValues));
  }

  /** Replaces the in-memory database with the newest readable snapshot. */
  private async reloadFromStorage(): Promise<void> {
    const stored = await readStoredWorkspace(this.SQL as SqlJsStatic, this.snapshots as SnapshotStore, this.values as ExternalValues, this.migrations);
    this.replaceDatabase(stored.db, stored.entry);
    if (stored.readOnly) this.setPhase('read-only', stored.readOnly);
    this.problem = stored.problem ?? this.problem;
    this.emit();
  }

  /** `entry`: the snapshot `next` was read from (null: none), which its first save must follow. */
  private replaceDatabase(next: WorkspaceDatabase, entry: SnapshotEntry | null): void {
    this.db?.close();
    this.db = next;
    this.readFrom = entry;
    this.autosave.rebase(entry?.seq ?? null);
    this.status = { ...this.status, lastSavedAt: entry?.savedAt ?? this.status.lastSavedAt };
  }

  private async becomeWriter(): Promise<void> {
    if (this.readOnlyReason === 'newer-tab' || this.readOnlyReason === 'newer-workspace' || this.readOnlyReason === 'migration-failed') return;
    await this.reloadFromStorage();
    if (this.readOnlyReason !== 'other-tab' && this.readOnlyReason !== null) return;
    this.setPhase('ready');
    this.replayJournal();
    this.emit();
  }

  private becomeReader(reason: ReadOnlyReason): void {
    this.autosave.cancelScheduled();
    this.setPhase('read-only', reason);
    this.emit();
  }

  /** Makes this tab the writer (the other tab saves first and turns read-only). */
  async takeOver(): Promise<void> {
    await this.load();
    if (this.readOnlyReason !== 'other-tab') return;
    await this.tabs.takeOver();
  }

  /**
   * Replaces the workspace with a backup file, after checking it (see `backupImport.ts`). Throws in
   * words when it is not a workspace this version reads, leaving the current one as it was.
   */
  async importBackup(bytes: Uint8Array): Promise<void> {
    await this.load();
    if (!this.canEdit) throw new Error(`cannot import a backup: ${readOnlyNotice(this.readOnlyReason ?? 'other-tab')}`);
    this.replaceDatabase(readBackup(this.SQL as SqlJsStatic, bytes, this.values as ExternalValues, this.migrations), null);
    this.autosave.replacedWholesale();
    // Not read from a snapshot, yet its first save must follow the newest stored one.
    this.autosave.rebase((await this.snapshots?.readPointer())?.snapshots[0]?.seq ?? null);
    this.markDirty(true);
    await this.flush();
  }

  /** Stops saving and listening (tests, page teardown). Pending edits are saved first. */
  async close(): Promise<void> {
    await this.autosave.close();
    this.tabs.close();
    this.db?.close();
    this.db = null;
  }

  // ------------------------------------------------------------ edits and saving

  /** Applies an edit the journal keeps (see `journalOps.ts`). */
  protected journaledEdit(op: JournalOp): void {
    this.edit((db) => applyJournalOp(db, op), opDropsValues(op), op);
  }

  /**
   * Applies an edit now, or after the load; refused (in words) when this tab may not write. `op`:
   * the same edit as data, journaled at once so it survives the tab closing before the save.
   */
  protected edit(apply: (db: WorkspaceDatabase) => void, dropsValues = false, op: JournalOp | null = null): void {
    if (!this.db) {
      this.queued.push({ apply, dropsValues, op });
      return;
    }
    if (!this.canEdit) {
      this.problem = `${readOnlyNotice(this.readOnlyReason ?? 'other-tab')} (the last change was not applied)`;
      this.emit();
      return;
    }
    apply(this.db);
    this.markDirty(dropsValues, op);
    void this.askToKeepStorage();
  }

  private markDirty(dropsValues: boolean, op: JournalOp | null = null): void {
    this.autosave.markDirty(dropsValues, op);
    this.emit();
  }

  /** Saves now if anything changed; resolves when the workspace is saved (or the save failed). */
  flush(): Promise<void> {
    return this.autosave.flush();
  }

  private onSaved(entry: SnapshotEntry): void {
    this.problem = null;
    this.status = { ...this.status, lastSavedAt: entry.savedAt, saveStuck: false };
    this.tabs.announceSaved();
    this.emit();
  }

  private onSaveFailed(fault: SaveFault): void {
    if (fault.kind === 'newer-writer') return this.becomeReader('newer-workspace');
    if (fault.kind === 'other-writer') {
      this.problem = fault.message;
      return this.becomeReader('other-tab');
    }
    this.problem = fault.notice;
    this.status = { ...this.status, saveStuck: fault.kind === 'stuck' };
    this.emit();
  }

  private async refreshStorageInfo(force: boolean): Promise<void> {
    const figures = await this.storageInfo.read(force);
    if (!figures) return;
    this.status = { ...this.status, ...figures, persisted: figures.persisted ?? this.status.persisted };
    this.emit();
  }

  /** After the person's first edit, asks once that the browser keep the workspace (the footer shows the answer). */
  private async askToKeepStorage(): Promise<void> {
    if (this.status.phase !== 'ready') return;
    const kept = await this.storageInfo.askToKeepAfterEdit();
    if (kept === null) return;
    this.status = { ...this.status, persisted: kept };
    this.emit();
  }
}
