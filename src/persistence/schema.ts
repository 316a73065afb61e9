/**
 * The workspace database schema, versioned with `PRAGMA user_version`. Migrations are ordered and
 * append-only: always add one when a persisted structure changes, never edit a released one.
 */
import type { Database } from 'sql.js';
import { reencodeInlineTables } from './db/inlineTables';

export interface Migration {
  /** The user_version the database has after this migration. */
  version: number;
  description: string;
  up(db: Database): void;
}

export const MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    description: 'workflows, custom models, extracts, last-run state, run history, content-addressed values',
    up(db) {
      db.run(`
        CREATE TABLE workflows (
          id TEXT PRIMARY KEY, name TEXT NOT NULL, workflow TEXT NOT NULL, layout TEXT NOT NULL,
          state TEXT NOT NULL, created_at INTEGER NOT NULL, updated_at INTEGER NOT NULL);
        CREATE TABLE custom_models (id TEXT PRIMARY KEY, record TEXT NOT NULL, created_at INTEGER NOT NULL);
        CREATE TABLE extracts (
          workflow_id TEXT NOT NULL, step_key TEXT NOT NULL, input_hash TEXT NOT NULL,
          input_model TEXT, input_version TEXT, input_at INTEGER, input_ref TEXT NOT NULL,
          output_model TEXT, output_version TEXT, output_at INTEGER, output_ref TEXT NOT NULL,
          PRIMARY KEY (workflow_id, step_key));
        CREATE TABLE last_state (workflow_id TEXT PRIMARY KEY, mutable INTEGER NOT NULL);
        CREATE TABLE last_state_slots (
          workflow_id TEXT NOT NULL, name TEXT NOT NULL, position INTEGER NOT NULL, value_ref TEXT NOT NULL,
          PRIMARY KEY (workflow_id, name));
        CREATE TABLE runs (
          id TEXT PRIMARY KEY, workflow_id TEXT NOT NULL, kind TEXT NOT NULL, started_at INTEGER NOT NULL,
          ended_at INTEGER NOT NULL, flags TEXT NOT NULL, outcome TEXT NOT NULL, error TEXT);
        CREATE TABLE run_steps (
          run_id TEXT NOT NULL, idx INTEGER NOT NULL, key TEXT NOT NULL, model TEXT NOT NULL, status TEXT NOT NULL,
          duration_ms REAL, error TEXT, reason TEXT, PRIMARY KEY (run_id, idx));
        -- Big values by content hash. Empty in the browser (they live in their own IndexedDB store);
        -- filled in a backup or CLI file so one .sqlite file is a complete workspace.
        CREATE TABLE value_blobs (ref TEXT PRIMARY KEY, json TEXT NOT NULL);
      `);
    },
  },
  {
    version: 2,
    description: 'index run history by workflow and start time',
    up(db) {
      db.run('CREATE INDEX runs_by_workflow ON runs (workflow_id, started_at DESC)');
    },
  },
  {
    version: 3,
    description: 'extracts say where they came from (origin "imported": brought by an imported file, used with consent)',
    up(db) {
      db.run('ALTER TABLE extracts ADD COLUMN input_origin TEXT; ALTER TABLE extracts ADD COLUMN output_origin TEXT;');
    },
  },
  {
    version: 4,
    description:
      'saved states and the state Run uses, per workflow; several extracts per step, keyed by step and input hash, ranked by last use; workspace settings',
    up(db) {
      db.run(`
        ALTER TABLE workflows ADD COLUMN states TEXT NOT NULL DEFAULT '{}';
        ALTER TABLE workflows ADD COLUMN run_state TEXT;
        CREATE TABLE extracts_v4 (
          workflow_id TEXT NOT NULL, step_key TEXT NOT NULL, input_hash TEXT NOT NULL,
          rank INTEGER NOT NULL,
          input_model TEXT, input_version TEXT, input_at INTEGER, input_origin TEXT, input_ref TEXT NOT NULL,
          output_model TEXT, output_version TEXT, output_at INTEGER, output_origin TEXT, output_ref TEXT NOT NULL,
          PRIMARY KEY (workflow_id, step_key, input_hash));
        INSERT INTO extracts_v4 SELECT workflow_id, step_key, input_hash, 0,
          input_model, input_version, input_at, input_origin, input_ref, output_model, output_version, output_at, output_origin, output_ref FROM extracts;
        DROP TABLE extracts;
        ALTER TABLE extracts_v4 RENAME TO extracts;
        CREATE TABLE settings (key TEXT PRIMARY KEY, value TEXT NOT NULL);
      `);
    },
  },
  {
    version: 5,
    description:
      'each extract records when it was last used (written, or skipped on), for the cache budget that drops the least recently used first; a run step may be "bypassed" and the "openWorkflowId" setting names the workflow a reload opens (no table changes for those: the version makes an older app say the workspace is newer rather than find a status it does not know)',
    up(db) {
      // An entry kept before has no use recorded: the time it was made stands in, its rank breaking ties.
      db.run(`
        ALTER TABLE extracts ADD COLUMN used_at INTEGER NOT NULL DEFAULT 0;
        UPDATE extracts SET used_at = COALESCE(output_at, input_at, 0);
      `);
    },
  },
  {
    version: 6,
    description: "a workflow's notes and groups on the canvas (editor-only), a JSON array; none for a workflow saved before",
    up(db) {
      db.run(`ALTER TABLE workflows ADD COLUMN annotations TEXT NOT NULL DEFAULT '[]';`);
    },
  },
  {
    version: 7,
    description: "the workspace's component library: each component definition as a JSON record, like custom models",
    up(db) {
      db.run('CREATE TABLE components (id TEXT PRIMARY KEY, record TEXT NOT NULL, created_at INTEGER NOT NULL)');
    },
  },
  {
    version: 8,
    description:
      "a run's steps as one JSON array in `runs.steps`, in step order; the `run_steps` table goes (a row per step made recording a 1,000-step run a second of the page's main thread)",
    up(db) {
      db.run(`
        ALTER TABLE runs ADD COLUMN steps TEXT NOT NULL DEFAULT '[]';
        UPDATE runs SET steps = COALESCE((
          SELECT json_group_array(json_object('index', idx, 'key', key, 'model', model, 'status', status,
            'durationMs', duration_ms, 'error', error, 'reason', reason) ORDER BY idx)
          FROM run_steps WHERE run_id = runs.id), '[]');
        DROP TABLE run_steps;
      `);
    },
  },
  {
    version: 9,
    description:
      "values in the browser's value store are kept as UTF-8 bytes (value format 2, `valueFormat.ts`); no table changes. The version tells a tab of an older release, which reads values as text, that this workspace is newer: it stops writing instead of misreading them",
    up() {
      // Nothing to change in the database: the values are converted in the value store, in the background.
    },
  },
  {
    version: 10,
    description:
      'tables are stored typed by column (table payload version 2, `src/models/table/columnar.ts`); no table changes. Values kept inline (a CLI file, a backup) holding version 1 tables are re-encoded here (`db/inlineTables.ts`), those in the browser’s value store in the background (`tableFormat.ts`); either way their refs and input hashes are renamed. The version tells a tab of an older release, which cannot decode version 2 tables, that this workspace is newer',
    up(db) {
      reencodeInlineTables(db);
    },
  },
];

export const SCHEMA_VERSION = MIGRATIONS[MIGRATIONS.length - 1]?.version ?? 0;

export function schemaVersionOf(db: Database): number {
  const value = db.exec('PRAGMA user_version')[0]?.values[0]?.[0];
  return typeof value === 'number' ? value : 0;
}

export class MigrationError extends Error {
  constructor(
    readonly fromVersion: number,
    readonly failedVersion: number,
    cause: unknown,
  ) {
    super(
      `upgrading the workspace from version ${fromVersion} failed at migration ${failedVersion} (${cause instanceof Error ? cause.message : String(cause)}); the stored workspace was left unchanged`,
      { cause },
    );
    this.name = 'MigrationError';
  }
}

/**
 * Brings `db` up to the latest schema inside one transaction: a migration failing halfway rolls
 * everything back, so the database is exactly as it was (and nothing half-migrated is ever saved).
 * A database newer than this code is left alone; the caller opens it read-only.
 * @returns the version the database had before.
 */
export function migrate(db: Database, migrations: readonly Migration[] = MIGRATIONS): number {
  const from = schemaVersionOf(db);
  const pending = migrations.filter((migration) => migration.version > from);
  if (pending.length === 0) return from;
  let current = from;
  db.run('BEGIN');
  try {
    for (const migration of pending) {
      current = migration.version;
      migration.up(db);
      db.run(`PRAGMA user_version = ${migration.version}`);
    }
    db.run('COMMIT');
  } catch (error) {
    rollbackQuietly(db);
    throw new MigrationError(from, current, error);
  }
  return from;
}

/** Some errors end the transaction by themselves; a second rollback must not hide the first error. */
function rollbackQuietly(db: Database): void {
  try {
    db.run('ROLLBACK');
  } catch {
    // already rolled back by SQLite
  }
}
