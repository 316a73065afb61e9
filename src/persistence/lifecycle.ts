/**
 * A workspace's life: the load (storage, the newest snapshot, or memory when storage is missing),
 * the one-writer tab lock, status and subscribers, the edit queue (edits made before the load wait
 * for it), saving through the {@link Autosave}, replacing the database (a reload, a backup import)
 * and closing. When nothing stored can be opened the workspace is 'damaged': it saves nothing
 * until the person downloads the stored bytes, imports a backup or starts empty (the damaged saves
 * set aside). `Workspace` (workspace.ts) adds what the app does with it.
 */
import type { SqlJsStatic } from 'sql.js';
import { loadSqlJs } from '../engine';
import { AUTOSAVE_DELAY_MS, Autosave, type SaveFault } from './autosave';
import type { CheckedBackup } from './backupImport';
import { eachRow } from './db/sql';
import { inlineValueBatches } from './db/valueBlobs';
import { NOTICES, describeError, readOnlyNotice } from './faults';
import { EditJournal, browserWebStorage, workspaceExisted, type WebStorageArea } from './journal';
import { JOURNAL_RULES, applyJournalOp, dropsValues as opDropsValues, type JournalOp } from './journalOps';
import { TimeoutError, memoryBackend, withTimeout } from './keyValue';
import type { WorkspaceOptions } from './options';
import { MIGRATIONS, SCHEMA_VERSION, type Migration } from './schema';
import { SAVE_STEP_TIMEOUT_MS, StorageStallError, withStepTimeouts } from './saveTimeouts';
import { SnapshotStore, type SnapshotEntry } from './snapshots';
import { StorageEstimates } from './storageInfo';
import { damageOf, openStorage, readStoredWorkspace, setAsideStoredSaves, storedBytes, type StoredWorkspace } from './storedWorkspace';
import { browserTabCoordinator, soleWriter, type TabCoordinator } from './tabs';
import type { DamageCause, ReadOnlyReason, WorkspaceDamage, WorkspaceStatus } from './types';
import { AWAIT_VALUES_MS, ValueLedger } from './valueLedger';
import { TableRenames } from './tableRenames';
import { migrateValueStore } from './valueFormat';
import { BROWSER_VALUES, ExternalValues, initValueHashing, type ValueLocation } from './values';
import { WorkspaceDatabase, emptyWorkspaceDatabase } from './workspaceDb';

/** How long reading the stored workspace may take before the recovery screen says storage stopped answering. */
const READ_TIMEOUT_MS = 30_000;

export abstract class WorkspaceLifecycle {
  status: WorkspaceStatus = { phase: 'loading', notice: null, lastSavedAt: null, saveStuck: false, usageBytes: null, quotaBytes: null, persisted: null };
  readOnlyReason: ReadOnlyReason | null = null;
  /** Why the stored workspace could not be opened, while the phase is 'damaged'. */
  damage: WorkspaceDamage | null = null;
  /** Set when a save or load detail needs the person's attention beyond the phase (quota, recovery). */
  private problem: string | null = null;
  protected db: WorkspaceDatabase | null = null;
  /** What the editor holds outside the database (see {@link WorkspaceDatabase.heldElsewhere}), for every database opened. */
  protected heldElsewhere: () => Iterable<string> = () => [];
  private values: ExternalValues | null = null;
  private valueMigration: Promise<void> | null = null;
  private snapshots: SnapshotStore | null = null;
  private SQL: SqlJsStatic | null = null;
  private tabs: TabCoordinator = soleWriter();
  /** Whether this tab holds the writer role (it may still be read-only for another reason). */
  private writer = false;
  /** Edits made before the load, applied after it. */
  private readonly queued: { apply: (db: WorkspaceDatabase) => void; dropsValues: boolean; op: JournalOp | null }[] = [];
  /** The snapshot the database in memory was read from (null: none, or not read from one). */
  private readFrom: SnapshotEntry | null = null;
  /** Each journaled edit, written at once (see `journal.ts`); null when memory-only or without Web Storage. */
  private journal: EditJournal<JournalOp> | null = null;
  private readonly listeners = new Set<(workspace: this) => void>();
  private loading: Promise<void> | null = null;

  /** Stored values the re-encoding of tables renamed this session (`tableFormat.ts`). */
  protected readonly tableRenames = new TableRenames();

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
      this.damage?.message ??
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
    const hashingWhen = this.options.valueHashingWhen;
    if (hashingWhen) void hashingWhen.then(initValueHashing);
    else await initValueHashing();
    const storage = await openStorage(this.options, this.options.openTimeoutMs ?? 5000);
    if (!storage) {
      this.values = new ExternalValues(memoryBackend());
      this.workInMemory(emptyWorkspaceDatabase(SQL, this.values, this.migrations));
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
      const timeoutMs = this.options.readTimeoutMs ?? READ_TIMEOUT_MS;
      try {
        // A late answer after the timeout is dropped: the stored workspace is applied only here.
        this.writer = await withTimeout(
          this.tabs.start({
            onWriterGranted: () => void this.becomeWriter(),
            onWriterLost: () => this.becomeReader('other-tab'),
            onNewerVersion: () => this.becomeReader('newer-tab'),
            onSaved: () => void this.reloadFromStorage(),
            // Not `flush()`: that waits for this very load.
            onHandoverRequested: () => this.autosave.flush(),
          }),
          timeoutMs,
          'the tab lock (Web Locks)',
        );
        this.applyStored(await withTimeout(this.readStored(), timeoutMs, 'browser storage (IndexedDB)'));
        if (this.readOnlyReason === null && !this.damage) this.setPhase(this.writer ? 'ready' : 'read-only', this.writer ? null : 'other-tab');
        this.replayJournal();
        this.migrateValueStore();
      } catch (error) {
        console.warn('Reading the stored workspace failed:', describeError(error));
        const damage =
          error instanceof TimeoutError || error instanceof StorageStallError
            ? damageOf('timeout', `${describeError(error)}. Try again, or work without saving (nothing is kept when this tab closes).`, false)
            : damageOf('failed', `reading it failed (${describeError(error)})`, true);
        this.applyStored({ db: emptyWorkspaceDatabase(SQL, this.values, this.migrations), entry: null, readOnly: null, problem: null, damage });
      }
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

  private readStored(): Promise<StoredWorkspace> {
    const existed = workspaceExisted(this.webStorage);
    return readStoredWorkspace(this.SQL as SqlJsStatic, this.snapshots as SnapshotStore, this.values as ExternalValues, this.migrations, existed);
  }

  /** Replaces the in-memory database with the newest readable snapshot (another tab saved, or this one became the writer). */
  private async reloadFromStorage(): Promise<void> {
    if (!this.snapshots) return;
    this.applyStored(await this.readStored());
    this.emit();
  }

  private applyStored(stored: StoredWorkspace): void {
    this.replaceDatabase(stored.db, stored.entry);
    const wasDamaged = this.damage !== null;
    this.damage = stored.damage;
    if (stored.damage) {
      this.autosave.cancelScheduled();
      this.setPhase('damaged');
    } else if (stored.readOnly) this.setPhase('read-only', stored.readOnly);
    else if (wasDamaged) this.setPhase(this.writer ? 'ready' : 'read-only', this.writer ? null : 'other-tab');
    this.problem = stored.problem ?? this.problem;
  }

  /** No storage (none, or it stopped answering): the app works, and nothing is kept. */
  private workInMemory(db: WorkspaceDatabase): void {
    this.snapshots = null;
    this.journal = null;
    this.replaceDatabase(db, null);
    this.setPhase('memory-only');
  }

  /** `entry`: the snapshot `next` was read from (null: none), which its first save must follow. */
  private replaceDatabase(next: WorkspaceDatabase, entry: SnapshotEntry | null): void {
    this.db?.close();
    this.db = next;
    next.heldElsewhere = () => this.heldElsewhere();
    this.readFrom = entry;
    this.autosave.rebase(entry?.seq ?? null);
    this.status = { ...this.status, lastSavedAt: entry?.savedAt ?? this.status.lastSavedAt };
  }

  private async becomeWriter(): Promise<void> {
    this.writer = true;
    if (this.damage || this.status.phase === 'memory-only') return;
    if (this.readOnlyReason === 'newer-tab' || this.readOnlyReason === 'newer-workspace' || this.readOnlyReason === 'migration-failed') return;
    await this.reloadFromStorage();
    if (this.damage || (this.readOnlyReason !== 'other-tab' && this.readOnlyReason !== null)) return;
    this.setPhase('ready');
    this.replayJournal();
    this.migrateValueStore();
    this.emit();
  }

  /**
   * Once, in the writer tab with a sound workspace: brings the value store to the current format in
   * the background (`valueFormat.ts`; readers take both forms meanwhile). Awaited by
   * {@link valueStoreMigrated} (tests).
   */
  private migrateValueStore(): void {
    if (this.valueMigration || !this.snapshots || this.status.phase !== 'ready') return;
    const { meta, valueBackend } = this.snapshots;
    this.valueMigration = migrateValueStore(meta, valueBackend)
      .then(() => this.migrateTables())
      .then(
        () => undefined,
        (error: unknown) => {
          this.valueMigration = null; // tried again when this tab next becomes the writer
          // Storage that stopped answering is the save's to report (its notice); this waits for the next writer turn.
          if (error instanceof StorageStallError) return;
          console.warn('Moving stored values to their current form failed (they stay readable):', describeError(error));
        },
      );
  }

  /** Then re-encodes the stored tables of payload version 1 (`tableFormat.ts`), in the same background task. */
  private async migrateTables(): Promise<void> {
    const db = this.db;
    const values = this.values;
    if (!db || !values || !this.snapshots) return;
    // Loaded when it runs: a workspace already in the current format never needs it at first paint.
    const { migrateTableValues } = await import('./tableFormat');
    await migrateTableValues({
      meta: this.snapshots.meta,
      values,
      database: () => (this.db === db ? db : null),
      edit: (rename) => {
        // A database replaced meanwhile (a reload, a backup taken in) is renamed by the next writer's pass.
        if (this.db !== db || !this.canEdit) return false;
        this.edit(rename, true);
        return true;
      },
      saved: async () => {
        const before = this.autosave.base;
        await this.autosave.flush();
        return this.db === db && this.autosave.base !== before && !this.autosave.hasUnsavedChanges;
      },
      renames: this.tableRenames,
    });
  }

  /** Resolves when the value store's migration started by this tab is over (at once when none was). */
  async valueStoreMigrated(): Promise<void> {
    await this.valueMigration;
  }

  private becomeReader(reason: ReadOnlyReason): void {
    this.writer = false;
    this.autosave.cancelScheduled();
    if (this.damage) return;
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
   * Reads and checks a backup file into a database of its own (see `backupImport.ts`); the
   * workspace is not touched. Throws in words when it is not a workspace this version takes in.
   */
  async readBackup(bytes: Uint8Array): Promise<CheckedBackup> {
    await this.load();
    // Only a backup import needs its checks: they load with the first one, not with the editor.
    const { readBackup } = await import('./backupImport');
    // Where this tab may take the backup in and storage answers, its values go to the value store
    // as they are checked, read from the file once, and the file's bytes go before the review.
    // Elsewhere they stay in the file (a read-only tab writes nothing; a stalled store would hang).
    const values = this.values;
    const moves = values && (this.canEdit || this.damage) && this.damage?.cause !== 'timeout';
    const destination = moves ? { store: values, write: (batch: [string, Uint8Array][]) => values.stage(batch) } : null;
    return readBackup(this.SQL as SqlJsStatic, bytes, this.migrations, destination);
  }

  /**
   * Replaces the whole workspace with a checked backup, all of it at once, and saves. Over a
   * damaged workspace, the damaged saves are set aside first. Resolves with whether it was saved
   * (else it is kept in this tab and saving is retried, as after any edit).
   */
  async takeInBackup(backup: CheckedBackup): Promise<{ saved: boolean }> {
    await this.load();
    if (!this.canEdit && !this.damage) {
      backup.database.close();
      throw new Error(`cannot import a backup: ${readOnlyNotice(this.readOnlyReason ?? 'other-tab')}`);
    }
    // The values move to the workspace's own store, out of the file: written there first (as they
    // were checked, or here a few megabytes at a time), so a big backup is never held twice (as
    // the file and as texts). Where storage stopped answering they wait in memory for the next
    // save instead.
    const storedFirst = this.damage?.cause !== 'timeout';
    const store = this.values as ExternalValues;
    if (backup.valuesMoved) {
      if (!storedFirst) throw new Error('cannot import a backup: storage stopped answering since the file was checked; choose the file again');
      await store.assertStored(backup.database.referencedValues());
    } else if (storedFirst) await store.storeArriving(inlineValueBatches(backup.database.db));
    return this.startOver((values) => {
      // Arriving from here: kept until the first save of the database that refers to them lands.
      if (backup.valuesMoved) store.takeStaged();
      if (!storedFirst) eachRow(backup.database.db, 'SELECT ref, json FROM value_blobs', ({ ref, json }) => values.put(String(ref), String(json)));
      backup.database.dropInlineValues();
      return new WorkspaceDatabase(backup.database.db, values);
    });
  }

  /** Checks then takes in a backup file at once, without a person's review (tests, scripts). */
  async importBackup(bytes: Uint8Array): Promise<void> {
    await this.takeInBackup(await this.readBackup(bytes));
  }

  /** The newest stored save exactly as stored, for the person to keep (null: none is stored). */
  async storedBytes(): Promise<Uint8Array | null> {
    await this.load();
    return this.snapshots ? storedBytes(this.snapshots) : null;
  }

  /** Leaves a damaged workspace for an empty one, the damaged saves set aside (nothing is deleted). */
  async startEmpty(): Promise<void> {
    await this.load();
    if (!this.damage) return;
    await this.startOver((values) => emptyWorkspaceDatabase(this.SQL as SqlJsStatic, values, this.migrations));
  }

  /**
   * Says the workspace is damaged after all (it loaded, yet could not be opened, e.g. the editor
   * failed on it): nothing is saved from here until the person chooses a way on.
   */
  markDamaged(cause: DamageCause, detail: string): void {
    this.autosave.cancelScheduled();
    this.damage = damageOf(cause, detail, this.snapshots !== null);
    this.setPhase('damaged');
    this.emit();
  }

  /**
   * Replaces the database with `build`'s and saves it. Out of a damaged workspace: set aside
   * what is stored first, or work in memory when storage stopped answering.
   */
  private async startOver(build: (values: ExternalValues) => WorkspaceDatabase): Promise<{ saved: boolean }> {
    const damage = this.damage;
    if (damage?.cause === 'timeout') {
      this.values = new ExternalValues(memoryBackend());
      this.damage = null;
      this.workInMemory(build(this.values));
      this.emit();
      return { saved: false };
    }
    if (damage && this.snapshots) await setAsideStoredSaves(this.snapshots, (this.options.now ?? Date.now)());
    this.replaceDatabase(build(this.values as ExternalValues), null);
    // Edits journaled before apply to what was there, not to this: they stop until it is saved.
    this.autosave.replacedWholesale();
    if (damage) {
      this.damage = null;
      this.setPhase(this.writer ? 'ready' : 'read-only', this.writer ? null : 'other-tab');
      for (const edit of this.queued.splice(0)) this.edit(edit.apply, edit.dropsValues, edit.op);
    }
    // Not read from a snapshot, yet its first save must follow the newest stored one.
    this.autosave.rebase((await this.snapshots?.readPointer())?.snapshots[0]?.seq ?? null);
    this.markDirty(true);
    await this.flush();
    return { saved: !this.hasUnsavedChanges };
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
    // While damaged, edits wait for the workspace the person chooses (nothing may be saved over the damage).
    if (!this.db || this.damage) {
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

  /**
   * Saves now if anything changed; resolves when the workspace is saved (or the save failed).
   * During the load, edits wait in the queue, not yet in the save: it waits for the load first.
   */
  async flush(): Promise<void> {
    // A load that failed says so itself (start() and the status); this saves what it can.
    await this.loading?.catch(() => undefined);
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
