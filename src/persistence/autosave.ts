/**
 * Autosave: a change marks the workspace dirty and schedules a debounced snapshot save; a failed
 * save keeps the changes in memory, says why and retries with backoff; `flush` saves now (before a
 * download, when the page is hidden or left, before a tab hands over).
 */
import { NOTICES, describeError, isQuotaError, saveFailedNotice } from './faults';
import { ConcurrentWriterError, NewerWriterError, type SnapshotEntry, type SnapshotStore } from './snapshots';
import { markWorkspaceExists, type WebStorageArea } from './journal';
import type { ExternalValues } from './values';
import type { WorkspaceDatabase } from './workspaceDb';

export const AUTOSAVE_DELAY_MS = 250;
const RETRY_DELAYS_MS = [1000, 2000, 5000, 10000, 30000];

/** What a save writes: the database, into the snapshots, with the values it refers to. */
interface SaveTarget {
  db: WorkspaceDatabase;
  snapshots: SnapshotStore;
  values: ExternalValues;
}

/** Why a save failed, as the workspace must answer it. */
export type SaveFault =
  /** A newer version of the app saved the workspace: this tab must stop writing for good. */
  | { kind: 'newer-writer' }
  /** Another tab saved over this one's last snapshot: this tab must stop writing. */
  | { kind: 'other-writer'; message: string }
  /** Anything else (quota, a snapshot that read back wrong): the changes stay in memory, retried later. */
  | { kind: 'failed'; notice: string };

/** What the autosave needs of the workspace it saves. */
export interface AutosaveHost {
  /** True while this tab is the writer and has storage (not memory-only, not read-only). */
  persisting(): boolean;
  /** The loaded database and its storage; null before load, after close, or when memory-only. */
  target(): SaveTarget | null;
  /** Waits for values the run worker is still writing (see `ValueLedger.settle`). */
  settleValues(): Promise<void>;
  saved(entry: SnapshotEntry): void;
  failed(fault: SaveFault): void;
  /** A save (and its garbage collection) changed how much storage is used. */
  storageChanged(): void;
  delayMs(): number;
  now(): number;
  /** Where the "a workspace existed" marker is kept (null: nowhere). */
  webStorage(): WebStorageArea | null;
}

export class Autosave {
  private dirty = false;
  /** An edit may have dropped the last reference to a value: the next save also collects garbage. */
  private collectNext = false;
  /** The snapshot this database was loaded from or last saved as: a save over another is refused. */
  private basedOn: number | null = null;
  private timer: ReturnType<typeof setTimeout> | null = null;
  private saving: Promise<void> | null = null;
  private failures = 0;
  private closed = false;
  private unregisterPageLeave: (() => void) | null = null;

  constructor(private readonly host: AutosaveHost) {}

  get hasUnsavedChanges(): boolean {
    return this.dirty;
  }

  /** The database now in memory came from snapshot `seq` (null: none); its first save also collects garbage. */
  rebase(seq: number | null): void {
    this.basedOn = seq;
    this.collectNext = true;
  }

  /** An edit was applied: save after the autosave delay (`dropsValues`: and collect garbage). */
  markDirty(dropsValues: boolean): void {
    this.dirty = true;
    this.collectNext ||= dropsValues;
    if (this.host.persisting()) this.schedule(this.host.delayMs());
  }

  /** Registers the page-lifecycle hooks (hidden, pagehide) that must save at once. */
  watchPageLeave(register: ((saveNow: () => void) => () => void) | undefined): void {
    this.unregisterPageLeave = register?.(() => void this.flush()) ?? null;
  }

  /** Drops a scheduled save (the tab stopped writing). */
  cancelScheduled(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
  }

  /** Saves now if anything changed; resolves when the workspace is saved (or the save failed). */
  async flush(): Promise<void> {
    this.cancelScheduled();
    while (this.saving) await this.saving;
    if (!this.dirty || this.closed || !this.host.persisting() || !this.host.target()) return;
    this.saving = this.saveOnce().finally(() => {
      this.saving = null;
    });
    await this.saving;
  }

  /** Saves what is pending, then never again. */
  async close(): Promise<void> {
    await this.flush();
    this.closed = true;
    this.cancelScheduled();
    this.unregisterPageLeave?.();
  }

  private schedule(delayMs: number): void {
    if (this.timer || this.closed) return;
    this.timer = setTimeout(() => {
      this.timer = null;
      void this.flush();
    }, delayMs);
  }

  private async saveOnce(): Promise<void> {
    await this.host.settleValues();
    const target = this.host.target();
    if (!target || this.closed) return;
    const { db, snapshots, values } = target;
    // Taken together, synchronously: the snapshot and the values it refers to are one consistent cut.
    const bytes = db.toBytes();
    const counts = db.counts();
    const pendingValues = values.pendingWrites(db.referencedValues());
    const collect = this.collectNext;
    this.dirty = false;
    this.collectNext = false;
    try {
      const entry = await snapshots.save({ bytes, counts, values: pendingValues, now: this.host.now() }, this.basedOn);
      values.markWritten(pendingValues.map(([ref]) => ref));
      this.basedOn = entry.seq;
      this.failures = 0;
      markWorkspaceExists(this.host.webStorage());
      this.host.saved(entry);
      const live = collect ? this.host.target()?.db.referencedValues() : undefined;
      if (live) await snapshots.collectGarbage(live).catch(() => 0);
      this.host.storageChanged();
    } catch (error) {
      this.dirty = true;
      this.collectNext ||= collect;
      this.fail(error);
    }
  }

  private fail(error: unknown): void {
    if (error instanceof NewerWriterError) return this.host.failed({ kind: 'newer-writer' });
    if (error instanceof ConcurrentWriterError) return this.host.failed({ kind: 'other-writer', message: error.message });
    console.warn('Workspace save failed:', describeError(error));
    const delay = RETRY_DELAYS_MS[Math.min(this.failures, RETRY_DELAYS_MS.length - 1)] ?? 30000;
    this.failures += 1;
    this.host.failed({ kind: 'failed', notice: isQuotaError(error) ? NOTICES.quota : saveFailedNotice(error) });
    this.schedule(delay);
  }
}
