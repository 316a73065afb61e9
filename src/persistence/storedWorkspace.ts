/**
 * Opening the browser's storage, and reading the newest stored workspace into memory: checked
 * as a backup is (schema exactly the app's, every row readable) and migrated; read-only when this
 * version must not write it (a newer schema, a failed migration); or, when nothing stored can be
 * opened, the damage in words for the recovery screen — never an empty workspace that would then
 * be saved over what is there.
 */
import type { SqlJsStatic } from 'sql.js';
import { describeError, recoveredNotice } from './faults';
import { idbBackend, withTimeout, type KeyValueBackend } from './keyValue';
import { MIGRATIONS, MigrationError, SCHEMA_VERSION, migrate, schemaVersionOf, type Migration } from './schema';
import { ASIDE_PREFIX, POINTER_KEY, type SnapshotEntry, type SnapshotStore } from './snapshots';
import type { DamageCause, ReadOnlyReason, WorkspaceDamage } from './types';
import type { ExternalValues } from './values';
import { WorkspaceDatabase, emptyWorkspaceDatabase } from './workspaceDb';

export interface StorageAreas {
  /** Snapshots and the pointer. */
  meta: KeyValueBackend;
  /** Big values by ref. */
  values: KeyValueBackend;
}

/**
 * The given storage areas, else the browser's IndexedDB stores, once they answer; null (with a
 * warning) when there is no IndexedDB or it does not open within `timeoutMs` (private browsing).
 */
export async function openStorage(given: Partial<StorageAreas>, timeoutMs: number): Promise<StorageAreas | null> {
  try {
    if (!given.meta && typeof indexedDB === 'undefined') return null;
    const meta = given.meta ?? idbBackend('swark-workspace', 'snapshots');
    const values = given.values ?? idbBackend('swark-workspace-values', 'values');
    await withTimeout(Promise.all([meta.get('pointer'), values.get('probe')]), timeoutMs, 'browser storage (IndexedDB)');
    return { meta, values };
  } catch (error) {
    console.warn('Workspace storage unavailable, working in memory:', describeError(error));
    return null;
  }
}

export interface StoredWorkspace {
  db: WorkspaceDatabase;
  /** The snapshot it was read from; null when none was readable (or none was ever saved). */
  entry: SnapshotEntry | null;
  /** Set when this tab must not write over what is stored. */
  readOnly: ReadOnlyReason | null;
  /** Words for the person: why the upgrade failed, or which damaged saves were skipped. */
  problem: string | null;
  /** Set when nothing stored could be opened: `db` is then an empty stand-in that is never saved. */
  damage: WorkspaceDamage | null;
}

const DAMAGE_WORDS: Record<DamageCause, string> = {
  unreadable: 'The stored workspace could not be read',
  version: 'The stored workspace has a version this app does not know',
  schema: 'The stored workspace is not in the form this app saves',
  rows: 'The stored workspace holds data this app cannot read',
  newer: 'The stored workspace was saved by a newer version of Swark Studio, in a form this version cannot read',
  timeout: 'Browser storage stopped answering while the workspace was being read',
  evicted: 'The browser removed the stored workspace',
  failed: 'The workspace could not be opened',
};

/** The damage as the recovery screen says it: what, then why in detail. */
export function damageOf(cause: DamageCause, detail: string, hasStoredBytes: boolean): WorkspaceDamage {
  return { cause, message: `${DAMAGE_WORDS[cause]}: ${detail}`, hasStoredBytes };
}

/**
 * The newest stored snapshot that opens and passes the checks, as a database; an empty one when
 * nothing was ever saved; else the damage (see {@link StoredWorkspace}). `existed`: this browser
 * saved a workspace before (the journal's marker), which tells storage the browser emptied from a first visit.
 */
export async function readStoredWorkspace(
  SQL: SqlJsStatic,
  snapshots: SnapshotStore,
  values: ExternalValues,
  migrations: readonly Migration[],
  existed: boolean,
): Promise<StoredWorkspace> {
  const damaged = (damage: WorkspaceDamage): StoredWorkspace => ({
    db: emptyWorkspaceDatabase(SQL, values, migrations),
    entry: null,
    readOnly: null,
    problem: null,
    damage,
  });
  // The checks load only when something is stored (a first visit has nothing to check).
  const checks = (await snapshotKeys(snapshots)).length ? await import('./storedChecks') : null;
  const loaded = await snapshots.loadLatest(checks ? checks.checkSnapshot(SQL, migrations) : undefined);
  if (!loaded) {
    if (!existed) return { db: emptyWorkspaceDatabase(SQL, values, migrations), entry: null, readOnly: null, problem: null, damage: null };
    return damaged(
      damageOf(
        'evicted',
        'a workspace was saved in this browser before, and the browser’s storage for the app is now empty. Browsers do this when site data is cleared or space runs low. Import a backup to get the work back.',
        false,
      ),
    );
  }
  const { db, entry, skipped } = loaded;
  const reasons = skipped.map((s) => `${s.key}: ${s.reason}`).join('; ');
  if (!db) {
    const newest = skipped[0];
    const cause = (newest?.cause ?? 'unreadable') as DamageCause;
    return damaged(damageOf(cause, skipped.length > 1 ? `no save could be opened (${reasons})` : (newest?.reason ?? 'nothing could be opened'), true));
  }
  const version = schemaVersionOf(db);
  if (version > SCHEMA_VERSION) {
    const lacking = (checks ?? (await import('./storedChecks'))).newerProblems(SQL, db, migrations);
    if (lacking.length === 0) return { db: new WorkspaceDatabase(db, values), entry, readOnly: 'newer-workspace', problem: null, damage: null };
    db.close();
    return damaged(
      damageOf(
        'newer',
        `it has schema ${version} (this one reads up to ${SCHEMA_VERSION}) and ${lacking.slice(0, 3).join('; ')}. Reload the page to get the newer version.`,
        true,
      ),
    );
  }
  try {
    migrate(db, migrations);
  } catch (error) {
    // The stored bytes are untouched; show nothing rather than half-upgraded data, and never save.
    db.close();
    return {
      db: emptyWorkspaceDatabase(SQL, values, MIGRATIONS),
      entry,
      readOnly: 'migration-failed',
      problem: error instanceof MigrationError ? error.message : `upgrading the workspace failed: ${describeError(error)}`,
      damage: null,
    };
  }
  const problem = skipped.length > 0 ? recoveredNotice(entry?.savedAt ?? null, reasons) : null;
  return { db: new WorkspaceDatabase(db, values), entry, readOnly: null, problem, damage: null };
}

/** Stored snapshot keys, newest first: the pointer's, else every snapshot key there is. */
async function snapshotKeys(snapshots: SnapshotStore): Promise<string[]> {
  const pointer = await snapshots.readPointer();
  if (pointer) return pointer.snapshots.map((entry) => entry.key);
  const keys = (await snapshots.meta.keys()).filter((key) => key.startsWith('snapshot:'));
  return keys.sort((a, b) => Number(b.slice(9)) - Number(a.slice(9)));
}

/** The newest stored save exactly as it is stored (text is given as its UTF-8 bytes); null when there is none. */
export async function storedBytes(snapshots: SnapshotStore): Promise<Uint8Array | null> {
  for (const key of await snapshotKeys(snapshots)) {
    const value = await snapshots.meta.get<unknown>(key);
    if (value instanceof Uint8Array) return value;
    if (typeof value === 'string') return new TextEncoder().encode(value);
    if (value !== undefined) return new TextEncoder().encode(JSON.stringify(value) ?? String(value));
  }
  return null;
}

/**
 * Copies every stored save and the pointer under `aside:<now>:<key>`, where no save or clean-up
 * touches them (their values are kept by the garbage collection too), before the person starts
 * afresh or imports over a damaged workspace. Returns how many were set aside.
 */
export async function setAsideStoredSaves(snapshots: SnapshotStore, now: number): Promise<number> {
  const keys = [...(await snapshotKeys(snapshots)), POINTER_KEY];
  const entries: [string, unknown][] = [];
  for (const key of keys) {
    const value = await snapshots.meta.get<unknown>(key);
    if (value !== undefined) entries.push([`${ASIDE_PREFIX}${now}:${key}`, value]);
  }
  if (entries.length) await snapshots.meta.setMany(entries);
  return entries.length;
}
