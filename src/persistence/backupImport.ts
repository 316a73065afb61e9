/**
 * Backup import, the file side: a `.sqlite` workspace file (see `backupExport.ts`) opened as a
 * database of its own — never the workspace's — and checked before anything is taken in: a sound
 * SQLite file, at a schema version the app wrote (older ones upgraded, newer or unknown ones
 * refused), with exactly the app's tables and indexes (no trigger, view or other object), every
 * row readable, every value it refers to present and matching its ref. The workflows go on
 * through the `.swark.json` importer in the store (`src/store/workspace/backupReview.ts`), which
 * persistence cannot import; `WorkspaceLifecycle.takeInBackup` then replaces the workspace.
 */
import type { Database, SqlJsStatic } from 'sql.js';
import { InvalidWorkspaceError, countsOf, openCheckedDatabase, versionProblem } from './db/file';
import { dropDanglingRows, rowProblems } from './db/rowCheck';
import { schemaProblem } from './db/schemaShape';
import { eachRow } from './db/sql';
import { referencedValues } from './db/valueBlobs';
import { SCHEMA_VERSION, migrate, schemaVersionOf, type Migration } from './schema';
import type { WorkflowSummary } from './types';
import { InlineValues, initValueHashing, refNamesText } from './values';
import { WorkspaceDatabase } from './workspaceDb';

/** What a checked backup holds, for the person to confirm before it replaces the workspace. */
export interface BackupContents {
  /** The schema version the file was written at (an older one was upgraded on the way in). */
  schemaVersion: number;
  /** Newest first. */
  workflows: WorkflowSummary[];
  runs: number;
  extracts: number;
  customModels: number;
  values: number;
  /** The values' JSON text, in characters. */
  valueChars: number;
  /** What was changed on the way in, in words (an upgrade, rows that referred to nothing). */
  notes: string[];
}

/** A backup that passed the file and row checks: its own database (values inline) and what it holds. */
export interface CheckedBackup {
  readonly database: WorkspaceDatabase;
  readonly contents: BackupContents;
}

/** A backup whose rows or values cannot be read as a workspace: the message names table, row and column. */
class UnreadableRowsError extends Error {
  constructor(problems: readonly string[]) {
    super(`it holds rows this app cannot read: ${problems.join('; ')}`);
    this.name = 'UnreadableRowsError';
  }
}

/**
 * Each inline value must be JSON text named by its ref; every ref the rows use must be there.
 * SQLite's `json_valid` (RFC 8259 JSON, as `JSON.parse` takes) checks the text where it lies, in
 * sql.js's memory: a `JSON.parse` of each would build every value again in the JS heap, garbage
 * as big as the backup's values that the page collects only when V8 decides (the import's memory
 * peak). `JSON.parse` still runs on a value SQLite refuses, for the message, and has the last word
 * (SQLite stops at 1,000 levels of nesting, which `JSON.parse` takes).
 */
function valueProblems(db: Database): string[] {
  const problems: string[] = [];
  const present = new Set<string>();
  const sql = "SELECT ref, json, typeof(json) = 'text' AND json_valid(json) AS valid FROM value_blobs";
  eachRow(db, sql, ({ ref, json, valid }) => {
    const at = `table "value_blobs", row ${JSON.stringify(String(ref))}`;
    if (typeof ref !== 'string' || typeof json !== 'string') problems.push(`${at}: the ref or the value is not text`);
    else if (refNamesText(ref, json) === false) problems.push(`${at}: the value does not match its ref (it was changed or damaged)`);
    else {
      const problem = valid === 1 ? null : jsonProblem(json);
      if (problem === null) present.add(ref);
      else problems.push(`${at}: the value is not valid JSON (${problem})`);
    }
    return problems.length < 5;
  });
  if (problems.length) return problems;
  const missing = [...referencedValues(db)].filter((ref) => !present.has(ref));
  return missing.length ? [`${missing.length} stored value(s) it refers to are missing from the file (e.g. ${missing[0]})`] : [];
}

/** Why `json` is not JSON, in `JSON.parse`'s words (null: it is). */
function jsonProblem(json: string): string | null {
  try {
    JSON.parse(json);
    return null;
  } catch (error) {
    return (error as Error).message;
  }
}

/**
 * Opens `bytes` as a backup and checks it (see the module comment). Throws in words, naming
 * what is wrong and where; the workspace in use is never touched either way. `bytes` are handed
 * over: the backup's database works in them.
 */
export async function readBackup(SQL: SqlJsStatic, bytes: Uint8Array, migrations: readonly Migration[]): Promise<CheckedBackup> {
  await initValueHashing();
  // The file's bytes become the backup's database, uncopied (the caller reads them no more).
  const db = openCheckedDatabase(SQL, bytes, { handOver: true });
  try {
    const version = schemaVersionOf(db);
    const refused = versionProblem(db, version, migrations) ?? schemaProblem(SQL, db, migrations, version);
    if (refused) throw new InvalidWorkspaceError(refused);
    const notes = migrate(db, migrations) < SCHEMA_VERSION ? [`upgraded from schema ${version} to ${SCHEMA_VERSION}`] : [];
    const unreadable = rowProblems(db);
    if (unreadable.length) throw new UnreadableRowsError(unreadable);
    const missingValues = valueProblems(db);
    if (missingValues.length) throw new InvalidWorkspaceError(missingValues.join('; '));
    notes.push(...dropDanglingRows(db).map((dropped) => `left out ${dropped}`));
    const database: WorkspaceDatabase = new WorkspaceDatabase(db, new InlineValues(() => db));
    const counts = countsOf(db);
    const values = db.exec('SELECT count(*), coalesce(sum(length(json)), 0) FROM value_blobs')[0]?.values[0] ?? [0, 0];
    return {
      database,
      contents: {
        schemaVersion: version,
        workflows: database.listWorkflows(),
        runs: counts.runs,
        extracts: counts.extracts,
        customModels: counts.customModels,
        values: Number(values[0]),
        valueChars: Number(values[1]),
        notes,
      },
    };
  } catch (error) {
    db.close();
    throw error;
  }
}
