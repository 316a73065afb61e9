/**
 * The browser workspace: a {@link WorkspaceDatabase} kept in IndexedDB through atomic snapshots,
 * autosaved, shared safely between tabs, and degrading to memory when storage is missing.
 * Everything environment-specific is injected, so Node tests drive it with fake or faulty storage.
 */
import type { SqlJsStatic } from 'sql.js';
import { loadSqlJs, type StateJSON } from '../engine';
import { NOTICES, describeError, isQuotaError, recoveredNotice, saveFailedNotice } from './faults';
import { idbBackend, memoryBackend, withTimeout, type KeyValueBackend } from './keyValue';
import { MIGRATIONS, MigrationError, SCHEMA_VERSION, migrate, schemaVersionOf, type Migration } from './schema';
import { ConcurrentWriterError, NewerWriterError, SnapshotStore, type SnapshotEntry } from './snapshots';
import { browserTabCoordinator, soleWriter, type TabCoordinator } from './tabs';
import type { CustomModelRecord, LastStateRefs, RunRecord, StoredExtract, StoredExtractRef, ValueTexts, WorkflowRecord, WorkspaceStatus } from './types';
import { BROWSER_VALUES, ExternalValues, initValueHashing, type ValueLocation } from './values';
import { InvalidWorkspaceError, WorkspaceDatabase, assertWorkspaceSchema, openCheckedDatabase } from './workspaceDb';

export const AUTOSAVE_DELAY_MS = 250;
/** How long a save waits for a worker's announced value writes before checking storage itself. */
const AWAIT_VALUES_MS = 5000;
const RETRY_DELAYS_MS = [1000, 2000, 5000, 10000, 30000];

export interface StorageInfo {
  persist?(): Promise<boolean>;
  estimate?(): Promise<{ usage?: number; quota?: number }>;
}

export interface WorkspaceOptions {
  /** Snapshots and the pointer. Default: IndexedDB `swark-workspace`. */
  meta?: KeyValueBackend;
  /** Big values by ref. Default: IndexedDB `swark-workspace-values`. */
  values?: KeyValueBackend;
  tabs?: TabCoordinator;
  storage?: StorageInfo | null;
  /** How long opening IndexedDB may take before the workspace falls back to memory. */
  openTimeoutMs?: number;
  autosaveDelayMs?: number;
  migrations?: readonly Migration[];
  now?: () => number;
  /** How long a save waits for a worker's announced value writes (default 5 s). */
  awaitValuesMs?: number;
  /** Registers page-lifecycle hooks (hidden, pagehide) that must save now; returns an unregister. */
  onPageLeave?: (saveNow: () => void) => () => void;
}

export type WorkspaceListener = (workspace: Workspace) => void;

/** Why this tab may not write, when it may not. */
export type ReadOnlyReason = 'other-tab' | 'newer-tab' | 'newer-workspace' | 'migration-failed';

export class Workspace {
  status: WorkspaceStatus = { phase: 'loading', notice: null, lastSavedAt: null, usageBytes: null, quotaBytes: null, persisted: false };
  readOnlyReason: ReadOnlyReason | null = null;
  /** Set when a save or load detail needs the person's attention beyond the phase (quota, recovery). */
  private problem: string | null = null;
  private db: WorkspaceDatabase | null = null;
  private values: ExternalValues | null = null;
  private snapshots: SnapshotStore | null = null;
  private SQL: SqlJsStatic | null = null;
  private tabs: TabCoordinator = soleWriter();
  private lastSeq: number | null = null;
  private dirty = false;
  private valuesDropped = false;
  private timer: ReturnType<typeof setTimeout> | null = null;
  private saving: Promise<void> | null = null;
  private failures = 0;
  private readonly queued: ((db: WorkspaceDatabase) => void)[] = [];
  private readonly listeners = new Set<WorkspaceListener>();
  private unregisterPageLeave: (() => void) | null = null;
  private loading: Promise<void> | null = null;
  private closed = false;
  /** Refs recorded while a worker is still writing their values: no snapshot may refer to them yet. */
  private readonly awaited = new Set<string>();

  constructor(private options: WorkspaceOptions = {}) {}

  /** Adds options before {@link load} (the browser's wiring is loaded lazily). */
  configure(options: WorkspaceOptions): void {
    if (this.loading) throw new Error('configure the workspace before load()');
    this.options = { ...this.options, ...options };
  }

  subscribe(listener: WorkspaceListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private emit(): void {
    const notice = this.problem ?? (this.readOnlyReason ? readOnlyNotice(this.readOnlyReason) : null) ?? (this.status.phase === 'memory-only' ? NOTICES.memoryOnly : null);
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

  private get persisting(): boolean {
    return this.status.phase === 'ready' && this.snapshots !== null;
  }

  // ------------------------------------------------------------ loading

  /** Loads the stored workspace. Idempotent; edits made before it resolves are applied after. */
  load(): Promise<void> {
    this.loading ??= this.loadOnce();
    return this.loading;
  }

  private async loadOnce(): Promise<void> {
    this.SQL = await loadSqlJs();
    await initValueHashing();
    const storage = await this.openStorage();
    if (!storage) {
      this.values = new ExternalValues(memoryBackend());
      this.db = await this.freshDatabase();
      this.setPhase('memory-only');
    } else {
      this.snapshots = new SnapshotStore(this.SQL, storage.meta, storage.values);
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
    }
    for (const apply of this.queued.splice(0)) this.applyEdit(apply);
    this.unregisterPageLeave = this.options.onPageLeave?.(() => void this.flush()) ?? null;
    this.emit();
    void this.refreshStorageInfo(true);
  }

  private async openStorage(): Promise<{ meta: KeyValueBackend; values: KeyValueBackend } | null> {
    try {
      if (!this.options.meta && typeof indexedDB === 'undefined') return null;
      const meta = this.options.meta ?? idbBackend('swark-workspace', 'snapshots');
      const values = this.options.values ?? idbBackend('swark-workspace-values', 'values');
      const timeout = this.options.openTimeoutMs ?? 5000;
      await withTimeout(Promise.all([meta.get('pointer'), values.get('probe')]), timeout, 'browser storage (IndexedDB)');
      return { meta, values };
    } catch (error) {
      console.warn('Workspace storage unavailable, working in memory:', describeError(error));
      return null;
    }
  }

  private async freshDatabase(): Promise<WorkspaceDatabase> {
    const db = new (this.SQL as SqlJsStatic).Database();
    migrate(db, this.options.migrations ?? MIGRATIONS);
    return new WorkspaceDatabase(db, this.values as ExternalValues);
  }

  /** Replaces the in-memory database with the newest readable snapshot. */
  private async reloadFromStorage(): Promise<void> {
    const snapshots = this.snapshots as SnapshotStore;
    const loaded = await snapshots.loadLatest();
    if (!loaded) {
      this.replaceDatabase(await this.freshDatabase(), null);
      return;
    }
    const { db, entry, skipped } = loaded;
    const version = schemaVersionOf(db);
    if (version > SCHEMA_VERSION) {
      this.replaceDatabase(new WorkspaceDatabase(db, this.values as ExternalValues), entry);
      this.setPhase('read-only', 'newer-workspace');
      return;
    }
    try {
      migrate(db, this.options.migrations ?? MIGRATIONS);
    } catch (error) {
      // The stored bytes are untouched; show nothing rather than half-upgraded data, and never save.
      db.close();
      const empty = new (this.SQL as SqlJsStatic).Database();
      migrate(empty, MIGRATIONS);
      this.replaceDatabase(new WorkspaceDatabase(empty, this.values as ExternalValues), entry);
      this.setPhase('read-only', 'migration-failed');
      this.problem = error instanceof MigrationError ? error.message : `upgrading the workspace failed: ${describeError(error)}`;
      return;
    }
    this.replaceDatabase(new WorkspaceDatabase(db, this.values as ExternalValues), entry);
    if (skipped.length > 0) {
      const reason = skipped.map((s) => `${s.key}: ${s.reason}`).join('; ');
      this.problem = entry ? recoveredNotice(entry.savedAt, reason) : `No stored save could be read (${reason}); starting with an empty workspace. The damaged saves are kept in storage.`;
    }
    this.emit();
  }

  private replaceDatabase(next: WorkspaceDatabase, entry: SnapshotEntry | null): void {
    this.db?.close();
    this.db = next;
    this.lastSeq = entry?.seq ?? null;
    this.status = { ...this.status, lastSavedAt: entry?.savedAt ?? this.status.lastSavedAt };
    this.valuesDropped = true; // first save after a load also collects garbage
  }

  private async becomeWriter(): Promise<void> {
    if (this.readOnlyReason === 'newer-tab' || this.readOnlyReason === 'newer-workspace' || this.readOnlyReason === 'migration-failed') return;
    await this.reloadFromStorage();
    if (this.readOnlyReason !== 'other-tab' && this.readOnlyReason !== null) return;
    this.setPhase('ready');
    this.emit();
  }

  private becomeReader(reason: ReadOnlyReason): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    this.setPhase('read-only', reason);
    this.emit();
  }

  /** Makes this tab the writer (the other tab saves first and turns read-only). */
  async takeOver(): Promise<void> {
    await this.load();
    if (this.readOnlyReason !== 'other-tab') return;
    await this.tabs.takeOver();
  }

  // ------------------------------------------------------------ edits

  private applyEdit(edit: (db: WorkspaceDatabase) => void): void {
    if (!this.db) {
      this.queued.push(edit);
      return;
    }
    if (!this.canEdit) {
      this.problem = `${readOnlyNotice(this.readOnlyReason ?? 'other-tab')} (the last change was not applied)`;
      this.emit();
      return;
    }
    edit(this.db);
    this.markDirty();
  }

  private markDirty(): void {
    this.dirty = true;
    this.emit();
    if (this.persisting) this.scheduleSave(this.options.autosaveDelayMs ?? AUTOSAVE_DELAY_MS);
  }

  saveWorkflow(record: WorkflowRecord): void {
    this.applyEdit((db) => db.saveWorkflow(record));
  }

  deleteWorkflow(id: string): void {
    this.applyEdit((db) => {
      db.deleteWorkflow(id);
      this.valuesDropped = true;
    });
  }

  putExtracts(workflowId: string, extracts: StoredExtract[]): void {
    this.applyEdit((db) => {
      db.putExtracts(workflowId, extracts);
      this.valuesDropped = true;
    });
  }

  /**
   * Records extracts by ref whose values a worker stored already (`texts` carries those it could
   * not store itself: they are saved with the next snapshot, as {@link putExtracts}'s are).
   */
  putExtractRefs(workflowId: string, extracts: StoredExtractRef[], texts: ValueTexts = [], writing: string[] = []): void {
    this.applyEdit((db) => {
      this.acceptTexts(texts);
      for (const ref of writing) this.awaited.add(ref);
      db.putExtractRefs(workflowId, extracts);
      this.valuesDropped = true;
    });
  }

  /** The kept state by ref; see {@link putExtractRefs}. */
  putLastStateRefs(workflowId: string, state: LastStateRefs, texts: ValueTexts = [], writing: string[] = []): void {
    this.applyEdit((db) => {
      this.acceptTexts(texts);
      for (const ref of writing) this.awaited.add(ref);
      db.putLastStateRefs(workflowId, state);
      this.valuesDropped = true;
    });
  }

  /** A worker finished writing `refs` (those in `failed` it could not: they are saved from here). */
  valuesStored(refs: string[], failed: ValueTexts = []): void {
    this.acceptTexts(failed);
    for (const ref of refs) this.awaited.delete(ref);
  }

  /**
   * Before a save: waits for announced value writes; those still missing after a while (the worker
   * was stopped) are looked up in storage, and what refers to a value that never arrived is dropped
   * (those steps run again) rather than saved pointing at nothing.
   */
  private async awaitValues(): Promise<void> {
    const deadline = Date.now() + (this.options.awaitValuesMs ?? AWAIT_VALUES_MS);
    while (this.pendingAwaited().length && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 25));
    const pending = this.pendingAwaited();
    if (!pending.length) return;
    const values = this.values as ExternalValues;
    const stored = new Set(await values.backend.keys());
    const missing = pending.filter((ref) => !stored.has(ref) && values.unsavedText(ref) === undefined);
    pending.forEach((ref) => this.awaited.delete(ref));
    if (missing.length) {
      console.warn(`Workspace: ${missing.length} cached value(s) never reached storage; their steps will run again.`);
      this.database.dropValueRefs(new Set(missing));
    }
  }

  /** Awaited refs the database still refers to (others no save needs). */
  private pendingAwaited(): string[] {
    if (!this.awaited.size || !this.db) return [];
    const live = this.db.referencedValues();
    for (const ref of this.awaited) if (!live.has(ref)) this.awaited.delete(ref);
    return [...this.awaited];
  }

  private acceptTexts(texts: ValueTexts): void {
    for (const [ref, json] of texts) (this.values as ExternalValues).put(ref, json);
  }

  /** Where a worker can read and write this workspace's values itself (null: send them as texts). */
  get valueLocation(): ValueLocation | null {
    return this.status.phase === 'ready' || this.status.phase === 'read-only' ? (this.values?.location ?? null) : null;
  }

  /**
   * What a worker needs to load a workflow's cache: extracts and kept state by ref, plus the texts
   * of values it cannot read from {@link valueLocation} (not saved yet, or not in IndexedDB).
   */
  async valueRefsFor(workflowId: string): Promise<{ extracts: StoredExtractRef[]; lastState: LastStateRefs | null; texts: ValueTexts; location: ValueLocation | null }> {
    await this.load();
    const db = this.database;
    const values = this.values as ExternalValues;
    const extracts = db.extractRefs(workflowId);
    const lastState = db.lastStateRefs(workflowId);
    const location = this.valueLocation;
    const refs = new Set([...extracts.flatMap((entry) => [entry.input.ref, entry.output.ref]), ...(lastState?.slots.map((slot) => slot.ref) ?? [])]);
    const texts: ValueTexts = [];
    for (const ref of refs) {
      const unsaved = values.unsavedText(ref);
      if (unsaved !== undefined) texts.push([ref, unsaved]);
      else if (!location) texts.push([ref, await values.get(ref)]);
    }
    return { extracts, lastState, texts, location };
  }

  clearExtracts(workflowId: string, stepKey?: string): void {
    this.applyEdit((db) => {
      db.clearExtracts(workflowId, stepKey);
      this.valuesDropped = true;
    });
  }

  putLastState(workflowId: string, state: StateJSON): void {
    this.applyEdit((db) => {
      db.putLastState(workflowId, state);
      this.valuesDropped = true;
    });
  }

  addRun(record: RunRecord): void {
    this.applyEdit((db) => db.addRun(record));
  }

  saveCustomModel(record: CustomModelRecord): void {
    this.applyEdit((db) => db.saveCustomModel(record));
  }

  deleteCustomModel(id: string): void {
    this.applyEdit((db) => db.deleteCustomModel(id));
  }

  // ------------------------------------------------------------ saving

  private scheduleSave(delayMs: number): void {
    if (this.timer || this.closed) return;
    this.timer = setTimeout(() => {
      this.timer = null;
      void this.flush();
    }, delayMs);
  }

  get hasUnsavedChanges(): boolean {
    return this.dirty;
  }

  /** Saves now if anything changed; resolves when the workspace is saved (or the save failed). */
  async flush(): Promise<void> {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    while (this.saving) await this.saving;
    if (!this.dirty || !this.persisting || !this.db || this.closed) return;
    this.saving = this.saveOnce().finally(() => {
      this.saving = null;
    });
    await this.saving;
  }

  private async saveOnce(): Promise<void> {
    await this.awaitValues();
    if (!this.db || this.closed) return;
    const db = this.database;
    const snapshots = this.snapshots as SnapshotStore;
    const values = this.values as ExternalValues;
    // Taken together, synchronously: the snapshot and the values it refers to are one consistent cut.
    const bytes = db.toBytes();
    const counts = db.counts();
    const live = db.referencedValues();
    const pendingValues = values.pendingWrites(live);
    const collect = this.valuesDropped;
    this.dirty = false;
    this.valuesDropped = false;
    try {
      const entry = await snapshots.save({ bytes, counts, values: pendingValues, now: (this.options.now ?? Date.now)() }, this.lastSeq);
      values.markWritten(pendingValues.map(([ref]) => ref));
      this.lastSeq = entry.seq;
      this.failures = 0;
      this.problem = null;
      this.status = { ...this.status, lastSavedAt: entry.savedAt };
      this.tabs.announceSaved();
      this.emit();
      if (collect) await snapshots.collectGarbage(this.database.referencedValues()).catch(() => 0);
      void this.refreshStorageInfo(false);
    } catch (error) {
      this.dirty = true;
      this.valuesDropped ||= collect;
      if (error instanceof NewerWriterError) {
        this.becomeReader('newer-workspace');
        return;
      }
      if (error instanceof ConcurrentWriterError) {
        this.problem = error.message;
        this.becomeReader('other-tab');
        return;
      }
      this.problem = isQuotaError(error) ? NOTICES.quota : saveFailedNotice(error);
      console.warn('Workspace save failed:', describeError(error));
      const delay = RETRY_DELAYS_MS[Math.min(this.failures, RETRY_DELAYS_MS.length - 1)] ?? 30000;
      this.failures += 1;
      this.emit();
      this.scheduleSave(delay);
    }
  }

  private lastEstimateAt = 0;

  private async refreshStorageInfo(askPersist: boolean): Promise<void> {
    const storage = this.options.storage === undefined ? defaultStorage() : this.options.storage;
    if (!storage) return;
    const now = Date.now();
    if (!askPersist && now - this.lastEstimateAt < 3000) return;
    this.lastEstimateAt = now;
    try {
      const persisted = askPersist && storage.persist ? await storage.persist() : this.status.persisted;
      const estimate = storage.estimate ? await storage.estimate() : {};
      this.status = { ...this.status, persisted, usageBytes: estimate.usage ?? null, quotaBytes: estimate.quota ?? null };
      this.emit();
    } catch {
      // Storage info is a nicety; its absence changes nothing else.
    }
  }

  // ------------------------------------------------------------ backup

  /** The whole workspace as one `.sqlite` file (big values inline). */
  async exportBackup(): Promise<Uint8Array> {
    await this.load();
    return this.database.exportFile();
  }

  /**
   * Replaces the workspace with a backup file, after checking it: a sound SQLite file, a Swark
   * workspace this version can read, every value it refers to present. Throws in words otherwise,
   * leaving the current workspace as it was.
   */
  async importBackup(bytes: Uint8Array): Promise<void> {
    await this.load();
    if (!this.canEdit) throw new Error(`cannot import a backup: ${readOnlyNotice(this.readOnlyReason ?? 'other-tab')}`);
    const db = openCheckedDatabase(this.SQL as SqlJsStatic, bytes);
    try {
      assertWorkspaceSchema(db, { allowEmpty: false });
      migrate(db, this.options.migrations ?? MIGRATIONS);
      const incoming = new WorkspaceDatabase(db, this.values as ExternalValues);
      const refs = [...incoming.referencedValues()];
      const inline = new Map((db.exec('SELECT ref, json FROM value_blobs')[0]?.values ?? []).map((row) => [String(row[0]), String(row[1])]));
      const missing = refs.filter((ref) => !inline.has(ref));
      if (missing.length > 0) throw new InvalidWorkspaceError(`${missing.length} stored value(s) it refers to are missing from the file (e.g. ${missing[0]})`);
      for (const ref of refs) (this.values as ExternalValues).put(ref, inline.get(ref) as string);
      // In the browser the values live outside the snapshot.
      db.run('DELETE FROM value_blobs');
      db.run('VACUUM');
      this.replaceDatabase(incoming, null);
      this.lastSeq = (await (this.snapshots?.readPointer() ?? Promise.resolve(null)))?.snapshots[0]?.seq ?? null;
    } catch (error) {
      if (this.db?.db !== db) db.close();
      throw error;
    }
    this.markDirty();
    await this.flush();
  }

  /** Stops saving and listening (tests, page teardown). Pending edits are saved first. */
  async close(): Promise<void> {
    await this.flush();
    this.closed = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    this.unregisterPageLeave?.();
    this.tabs.close();
    this.db?.close();
    this.db = null;
  }
}

function readOnlyNotice(reason: ReadOnlyReason): string {
  switch (reason) {
    case 'other-tab':
      return NOTICES.otherTab;
    case 'newer-tab':
      return NOTICES.newerTab;
    case 'newer-workspace':
      return NOTICES.newerWorkspace;
    case 'migration-failed':
      return 'The stored workspace could not be upgraded; it is left unchanged and this tab is read-only.';
  }
}

function defaultStorage(): StorageInfo | null {
  if (typeof navigator === 'undefined' || !navigator.storage) return null;
  return navigator.storage;
}

/** Re-exported for callers that only need the database (the CLI). */
export { openWorkspaceDatabase } from './workspaceDb';
export type { WorkspaceDatabase };
