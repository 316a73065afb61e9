/**
 * Autosave: a change marks the workspace dirty and schedules a debounced snapshot save; a failed
 * save keeps the changes in memory, says why and retries with backoff; `flush` saves now (before a
 * download, when the page is hidden or left, before a tab hands over).
 *
 * A journaled edit (see `journal.ts`) is written to the journal at once, before the debounced save;
 * each save records its cut in the journal before it writes and prunes it once it has landed.
 */
import { NOTICES, describeError, isQuotaError, saveFailedNotice } from './faults';
import { markWorkspaceExists, type EditJournal, type SaveCut, type WebStorageArea } from './journal';
import type { JournalOp } from './journalOps';
import { StorageStallError, stuckNotice } from './saveTimeouts';
import { ConcurrentWriterError, NewerWriterError, type SnapshotEntry, type SnapshotStore } from './snapshots';
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
  /** A storage step did not answer in time: the changes stay in memory (and in the journal), retried later. */
  | { kind: 'stuck'; notice: string }
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
  /** The edit journal (null: none, e.g. no Web Storage); only a persisting tab writes it. */
  journal(): EditJournal<JournalOp> | null;
}

/** A save that ran out of time at a step: its last request may still land (see `saveTimeouts.ts`). */
interface UnsettledSave {
  savedAt: number;
  bytes: number;
  cut: SaveCut | null;
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
  /** Timed-out saves since the last one that landed; one may land late, and is then adopted. */
  private unsettled: UnsettledSave[] = [];
  /** After the workspace was replaced wholesale, edits are journaled again once it has been saved. */
  private journalPaused = false;

  constructor(private readonly host: AutosaveHost) {}

  get hasUnsavedChanges(): boolean {
    return this.dirty;
  }

  /** The database now in memory came from snapshot `seq` (null: none); its first save also collects garbage. */
  rebase(seq: number | null): void {
    this.basedOn = seq;
    this.collectNext = true;
  }

  /** The snapshot the database in memory follows (null: none was saved yet). */
  get base(): number | null {
    return this.basedOn;
  }

  /**
   * An edit was applied: journal it (`op`, when it is one the journal keeps) and save after the
   * autosave delay (`dropsValues`: and collect garbage).
   */
  markDirty(dropsValues: boolean, op: JournalOp | null = null): void {
    this.dirty = true;
    this.collectNext ||= dropsValues;
    if (!this.host.persisting()) return;
    if (op && !this.journalPaused) this.host.journal()?.append(op, this.basedOn);
    this.schedule(this.host.delayMs());
  }

  /**
   * The database was replaced wholesale (a backup import): edits stop being journaled until it is
   * saved, as they apply to it and not to the stored snapshot. The journal's entries stay (they
   * apply to that snapshot): if the tab closes before the import is saved, a reload gives back the
   * workspace as it was before the import, last edits included; once saved, its cut prunes them.
   */
  replacedWholesale(): void {
    this.journalPaused = true;
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
    let bytes: Uint8Array;
    try {
      bytes = db.toBytes();
    } catch (error) {
      // SQLite is busy (a write transaction is open): nothing was taken, the save is retried.
      return this.fail(error, snapshots);
    }
    const counts = db.counts();
    const pendingValues = values.pendingWrites(db.referencedValues());
    const collect = this.collectNext;
    const savedAt = this.host.now();
    const cut = this.journal()?.cut(this.basedOn, savedAt) ?? null;
    this.dirty = false;
    this.collectNext = false;
    try {
      const entry = await snapshots.save({ bytes, counts, values: pendingValues, now: savedAt }, this.basedOn);
      values.markWritten(pendingValues.map(([ref]) => ref));
      this.landed(entry, cut);
      const live = collect ? this.host.target()?.db.referencedValues() : undefined;
      if (live) values.keepArriving(live);
      if (live) await snapshots.collectGarbage(live).catch(() => 0);
      this.host.storageChanged();
    } catch (error) {
      this.dirty = true;
      this.collectNext ||= collect;
      if (error instanceof StorageStallError) this.unsettled.push({ savedAt, bytes: bytes.byteLength, cut });
      else this.journal()?.forget(cut);
      await this.fail(error, snapshots);
    }
  }

  /** The journal, while this tab may write it (a tab that stopped writing leaves it to the writer). */
  private journal(): EditJournal<JournalOp> | null {
    return this.host.persisting() ? this.host.journal() : null;
  }

  /** A save landed as `entry`, holding the journal's entries up to `cut`. */
  private landed(entry: SnapshotEntry, cut: SaveCut | null): void {
    this.journal()?.confirm(cut, entry.seq);
    this.journalPaused = false;
    this.unsettled = [];
    this.basedOn = entry.seq;
    this.failures = 0;
    markWorkspaceExists(this.host.webStorage());
    this.host.saved(entry);
  }

  /**
   * After a save was refused because the pointer moved: true when it moved to a save of this tab
   * that timed out and then landed after all, which is then taken as this tab's last save.
   */
  private async adoptLateSave(snapshots: SnapshotStore): Promise<boolean> {
    if (this.unsettled.length === 0) return false;
    const newest = (await snapshots.readPointer().catch(() => null))?.snapshots[0];
    const late = newest && this.unsettled.find((save) => save.savedAt === newest.savedAt && save.bytes === newest.bytes);
    if (!newest || !late) return false;
    this.landed(newest, late.cut);
    // What changed after that save's cut is still unsaved.
    this.schedule(0);
    return true;
  }

  private async fail(error: unknown, snapshots: SnapshotStore): Promise<void> {
    if (error instanceof NewerWriterError) return this.host.failed({ kind: 'newer-writer' });
    if (error instanceof ConcurrentWriterError) {
      if (await this.adoptLateSave(snapshots)) return;
      return this.host.failed({ kind: 'other-writer', message: error.message });
    }
    console.warn('Workspace save failed:', describeError(error));
    const delay = RETRY_DELAYS_MS[Math.min(this.failures, RETRY_DELAYS_MS.length - 1)] ?? 30000;
    this.failures += 1;
    if (error instanceof StorageStallError) this.host.failed({ kind: 'stuck', notice: stuckNotice(error) });
    else this.host.failed({ kind: 'failed', notice: isQuotaError(error) ? NOTICES.quota : saveFailedNotice(error) });
    this.schedule(delay);
  }
}
