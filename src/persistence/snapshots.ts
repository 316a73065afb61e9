/**
 * Atomic saves of the workspace database into a key-value store.
 *
 * A save writes the new big values first, then a complete new snapshot under a fresh key, reads it
 * back and checks it, and only then switches the pointer to it (one transaction that also drops
 * snapshots older than the last {@link KEEP_SNAPSHOTS}). A failure at any step leaves the pointer
 * on the last complete snapshot, whose values are all still stored.
 */
import type { Database, SqlJsStatic } from 'sql.js';
import type { KeyValueBackend } from './keyValue';
import { StorageStallError } from './saveTimeouts';
import { SCHEMA_VERSION, schemaVersionOf } from './schema';
import { countsOf, openCheckedDatabase, type WorkspaceCounts } from './db/file';
import { referencedValues } from './db/valueBlobs';
import { inStoredForm } from './values';

export const POINTER_KEY = 'pointer';
export const KEEP_SNAPSHOTS = 3;
const SNAPSHOT_PREFIX = 'snapshot:';
/** Where a damaged workspace is kept when the person starts afresh: `aside:<time>:<its key>`. */
export const ASIDE_PREFIX = 'aside:';

export interface SnapshotEntry {
  key: string;
  seq: number;
  savedAt: number;
  schemaVersion: number;
  bytes: number;
  counts: WorkspaceCounts;
}

/** Newest snapshot first. */
export interface Pointer {
  format: 1;
  snapshots: SnapshotEntry[];
}

/** Why a snapshot that opens as a database is still not one to load (see {@link SnapshotStore.loadLatest}). */
export interface SnapshotProblem {
  /** What kind of problem, for the caller to tell apart; 'unreadable' is the store's own. */
  cause: string;
  message: string;
}

export interface LoadedSnapshot {
  /** Null when snapshots exist but none could be read and passed the check. */
  db: Database | null;
  entry: SnapshotEntry | null;
  /** Newer snapshots that could not be read or failed the check, with the reason in words. */
  skipped: ({ key: string; reason: string } & Pick<SnapshotProblem, 'cause'>)[];
}

export class NewerWriterError extends Error {
  constructor(readonly schemaVersion: number) {
    super(`the workspace was last saved by a newer version (schema ${schemaVersion}); this tab stops saving`);
    this.name = 'NewerWriterError';
  }
}

class SnapshotCheckError extends Error {
  constructor(reason: string) {
    super(`the new snapshot did not read back correctly (${reason}); the previous save is kept`);
    this.name = 'SnapshotCheckError';
  }
}

export interface SaveInput {
  bytes: Uint8Array;
  counts: WorkspaceCounts;
  /** Values the snapshot refers to that are not stored yet. */
  values: [string, string][];
  now: number;
}

function isPointer(value: unknown): value is Pointer {
  return typeof value === 'object' && value !== null && (value as Pointer).format === 1 && Array.isArray((value as Pointer).snapshots);
}

export class SnapshotStore {
  /** Snapshots that failed to read at load: never deleted, so nothing is lost to a passing read error. */
  private readonly preserved = new Set<string>();

  constructor(
    private readonly SQL: SqlJsStatic,
    readonly meta: KeyValueBackend,
    readonly valueBackend: KeyValueBackend,
  ) {}

  async readPointer(): Promise<Pointer | null> {
    const value = await this.meta.get<unknown>(POINTER_KEY);
    return isPointer(value) ? value : null;
  }

  /**
   * The newest snapshot that reads back as a sound database and passes `check`, or null when
   * nothing was ever saved. Others are skipped (and reported), never deleted here.
   */
  async loadLatest(check: (db: Database) => SnapshotProblem | null = () => null): Promise<LoadedSnapshot | null> {
    const pointer = await this.readPointer();
    let candidates: { key: string; entry: SnapshotEntry | null }[];
    if (pointer) {
      candidates = pointer.snapshots.map((entry) => ({ key: entry.key, entry }));
    } else {
      // No readable pointer: fall back to whatever snapshots exist, newest first.
      const keys = (await this.meta.keys()).filter((key) => key.startsWith(SNAPSHOT_PREFIX));
      keys.sort((a, b) => seqOf(b) - seqOf(a));
      candidates = keys.map((key) => ({ key, entry: null }));
    }
    const skipped: LoadedSnapshot['skipped'] = [];
    for (const { key, entry } of candidates) {
      let db: Database;
      try {
        const bytes = await this.meta.get<unknown>(key);
        if (!(bytes instanceof Uint8Array)) throw new Error(bytes === undefined ? 'it is missing' : 'it is not binary data');
        db = openCheckedDatabase(this.SQL, bytes);
      } catch (error) {
        // Storage that does not answer is not damage: the load stops and says so.
        if (error instanceof StorageStallError) throw error;
        skipped.push({ key, cause: 'unreadable', reason: error instanceof Error ? error.message : String(error) });
        this.preserved.add(key);
        continue;
      }
      const problem = check(db);
      if (!problem) return { db, entry, skipped };
      db.close();
      skipped.push({ key, cause: problem.cause, reason: problem.message });
      this.preserved.add(key);
    }
    if (candidates.length === 0) return null;
    return { db: null, entry: null, skipped };
  }

  /** One atomic save (see the module comment). Returns the new pointer's newest entry. */
  async save(input: SaveInput, expectedSeq: number | null): Promise<SnapshotEntry> {
    if (input.bytes.byteLength === 0) throw new SnapshotCheckError('the database exported 0 bytes');
    const pointer = await this.readPointer();
    const newest = pointer?.snapshots[0];
    if (newest && newest.schemaVersion > SCHEMA_VERSION) throw new NewerWriterError(newest.schemaVersion);
    if (newest && expectedSeq !== null && newest.seq !== expectedSeq) {
      throw new ConcurrentWriterError(newest.seq, expectedSeq);
    }

    if (input.values.length > 0) await this.valueBackend.setMany(inStoredForm(input.values));

    const seq = (newest?.seq ?? (await this.highestStoredSeq())) + 1;
    const key = `${SNAPSHOT_PREFIX}${seq}`;
    await this.meta.set(key, input.bytes);
    await this.verify(key, input);

    const entry: SnapshotEntry = { key, seq, savedAt: input.now, schemaVersion: SCHEMA_VERSION, bytes: input.bytes.byteLength, counts: input.counts };
    const kept = [entry, ...(pointer?.snapshots ?? []).filter((old) => old.key !== key)];
    const dropped = kept
      .splice(KEEP_SNAPSHOTS)
      .map((old) => old.key)
      .filter((old) => !this.preserved.has(old));
    await this.meta.commit([[POINTER_KEY, { format: 1, snapshots: kept } satisfies Pointer]], dropped);
    return entry;
  }

  /** Without a pointer, new keys must still not overwrite an existing (maybe the only good) snapshot. */
  private async highestStoredSeq(): Promise<number> {
    const keys = (await this.meta.keys()).filter((key) => key.startsWith(SNAPSHOT_PREFIX));
    return Math.max(0, ...keys.map(seqOf));
  }

  private async verify(key: string, input: SaveInput): Promise<void> {
    const stored = await this.meta.get<unknown>(key);
    if (!(stored instanceof Uint8Array)) throw new SnapshotCheckError('it is missing after the write');
    if (stored.byteLength !== input.bytes.byteLength) throw new SnapshotCheckError(`${stored.byteLength} bytes stored of ${input.bytes.byteLength}`);
    let db: Database;
    try {
      db = openCheckedDatabase(this.SQL, stored);
    } catch (error) {
      throw new SnapshotCheckError(error instanceof Error ? error.message : String(error));
    }
    try {
      if (schemaVersionOf(db) !== SCHEMA_VERSION) throw new SnapshotCheckError(`schema version ${schemaVersionOf(db)}`);
      const counts = countsOf(db);
      for (const name of Object.keys(counts) as (keyof WorkspaceCounts)[]) {
        if (counts[name] !== input.counts[name]) throw new SnapshotCheckError(`${counts[name]} ${name} stored, ${input.counts[name]} in memory`);
      }
    } finally {
      db.close();
    }
  }

  /** The value refs a stored snapshot refers to; null when it cannot be read as a workspace. */
  private async refsOf(key: string): Promise<Set<string> | null> {
    const bytes = await this.meta.get<unknown>(key);
    if (!(bytes instanceof Uint8Array)) return null;
    let db: Database;
    try {
      db = openCheckedDatabase(this.SQL, bytes);
    } catch {
      return null;
    }
    try {
      return referencedValues(db);
    } catch {
      return null;
    } finally {
      db.close();
    }
  }

  /** The value refs listed by the previous collection: only those may be deleted by the next. */
  private listedBefore = new Set<string>();

  /**
   * Deletes stored values no kept snapshot refers to, nor `alsoKeep` (values of the live database).
   * A value must also have been listed by the previous collection: the run worker writes values
   * before the page records their refs, and one written in that gap must survive this pass (by the
   * next, the page refers to it, or it was never recorded and is garbage).
   * Best effort: a failure only leaves garbage behind.
   */
  async collectGarbage(alsoKeep: ReadonlySet<string>): Promise<number> {
    const pointer = await this.readPointer();
    if (!pointer) return 0;
    const live = new Set(alsoKeep);
    for (const entry of pointer.snapshots) {
      const refs = await this.refsOf(entry.key);
      for (const ref of refs ?? []) live.add(ref);
    }
    // A damaged workspace set aside keeps its values too; one whose refs cannot be read keeps them all.
    for (const key of (await this.meta.keys()).filter((key) => key.startsWith(ASIDE_PREFIX) && !key.endsWith(POINTER_KEY))) {
      const refs = await this.refsOf(key);
      if (!refs) return 0;
      for (const ref of refs) live.add(ref);
    }
    const listed = await this.valueBackend.keys();
    const garbage = listed.filter((ref) => !live.has(ref) && this.listedBefore.has(ref));
    this.listedBefore = new Set(listed);
    if (garbage.length > 0) await this.valueBackend.delMany(garbage);
    return garbage.length;
  }
}

export class ConcurrentWriterError extends Error {
  constructor(storedSeq: number, expectedSeq: number) {
    super(`another tab saved the workspace (save ${storedSeq}, this tab expected ${expectedSeq}); this tab stops saving so neither overwrites the other`);
    this.name = 'ConcurrentWriterError';
  }
}

function seqOf(key: string): number {
  const seq = Number(key.slice(SNAPSHOT_PREFIX.length));
  return Number.isFinite(seq) ? seq : -1;
}
