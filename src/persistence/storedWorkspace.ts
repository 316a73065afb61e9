/**
 * Opening the browser's storage, and reading the newest stored workspace into memory: migrated,
 * or read-only when this version must not write it (a newer schema, a failed migration).
 */
import type { SqlJsStatic } from 'sql.js';
import { describeError, recoveredNotice } from './faults';
import { idbBackend, withTimeout, type KeyValueBackend } from './keyValue';
import { MIGRATIONS, MigrationError, SCHEMA_VERSION, migrate, schemaVersionOf, type Migration } from './schema';
import type { SnapshotEntry, SnapshotStore } from './snapshots';
import type { ReadOnlyReason } from './types';
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
}

/** The newest readable snapshot as a database; an empty one when nothing was ever saved. */
export async function readStoredWorkspace(
  SQL: SqlJsStatic,
  snapshots: SnapshotStore,
  values: ExternalValues,
  migrations: readonly Migration[],
): Promise<StoredWorkspace> {
  const loaded = await snapshots.loadLatest();
  if (!loaded) return { db: emptyWorkspaceDatabase(SQL, values, migrations), entry: null, readOnly: null, problem: null };
  const { db, entry, skipped } = loaded;
  if (schemaVersionOf(db) > SCHEMA_VERSION) return { db: new WorkspaceDatabase(db, values), entry, readOnly: 'newer-workspace', problem: null };
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
    };
  }
  let problem: string | null = null;
  if (skipped.length > 0) {
    const reason = skipped.map((s) => `${s.key}: ${s.reason}`).join('; ');
    problem = entry
      ? recoveredNotice(entry.savedAt, reason)
      : `No stored save could be read (${reason}); starting with an empty workspace. The damaged saves are kept in storage.`;
  }
  return { db: new WorkspaceDatabase(db, values), entry, readOnly: null, problem };
}
