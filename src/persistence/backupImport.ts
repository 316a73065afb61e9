/**
 * Backup import, the file side: a `.sqlite` workspace file (see `backupExport.ts`) opened as a
 * database of its own — never the workspace's — and checked before anything is taken in: a sound
 * SQLite file, at a schema version the app wrote (older ones upgraded, newer or unknown ones
 * refused), with exactly the app's tables and indexes (no trigger, view or other object), every
 * row readable, every value it refers to present and matching its ref. The workflows go on
 * through the `.swark.json` importer in the store (`src/store/workspace/backupReview.ts`), which
 * persistence cannot import; `WorkspaceLifecycle.takeInBackup` then replaces the workspace.
 * Where this tab may take the backup in, each value goes on to the workspace's value store as
 * soon as it is checked, so the file is read once and let go before the review (memory: about
 * the file's size, not twice it).
 */
import type { Database, SqlJsStatic } from 'sql.js';
import { InvalidWorkspaceError, countsOf, openCheckedDatabase, versionProblem } from './db/file';
import { dropDanglingRows, rowProblems } from './db/rowCheck';
import { schemaProblem } from './db/schemaShape';
import { referencedValues } from './db/valueBlobs';
import { SCHEMA_VERSION, migrate, schemaVersionOf, type Migration } from './schema';
import type { WorkflowSummary } from './types';
import { InlineValues, initValueHashing, refNamesBytes, type ValueStore } from './values';
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

/** A backup that passed the file and row checks: its own database and what it holds. */
export interface CheckedBackup {
  /** Its values inline, or already in the workspace's value store when {@link valuesMoved}. */
  readonly database: WorkspaceDatabase;
  readonly contents: BackupContents;
  /** Whether its values were written to the workspace's value store as they were checked (the file keeps none). */
  readonly valuesMoved: boolean;
}

/** A backup whose rows or values cannot be read as a workspace: the message names table, row and column. */
class UnreadableRowsError extends Error {
  constructor(problems: readonly string[]) {
    super(`it holds rows this app cannot read: ${problems.join('; ')}`);
    this.name = 'UnreadableRowsError';
  }
}

/**
 * Where a backup's values go as they are checked (the workspace's own value store), so that the
 * file keeps none of them past the check: each value is read from the file once, as one string,
 * and written on at once; the file then shrinks to its rows and its 200 MB, say, are let go
 * before the review is shown. The values are content-addressed and referenced by nothing until
 * the backup replaces the workspace, so writing them first changes nothing anyone sees.
 */
export interface ValueDestination {
  /** Where the backup's database reads its values from once they have moved. */
  readonly store: ValueStore;
  /** Writes checked values, in their stored form (all or none); they must be kept from garbage collection meanwhile. */
  write(batch: [ref: string, bytes: Uint8Array][]): Promise<void>;
}

/** How many characters of values are written to the destination in one transaction (5 MB values go one by one). */
const MOVE_BATCH_CHARS = 4 * 1024 * 1024;

/** What the value pass found: problems in words (none: all good), and the values' size. */
interface ValueCheck {
  problems: string[];
  chars: number;
}

/**
 * Each inline value must be JSON text named by its ref; every ref the rows use must be there.
 * SQLite's `json_valid` (RFC 8259 JSON, as `JSON.parse` takes) checks the text where it lies, in
 * sql.js's memory: a `JSON.parse` of each would build every value again in the JS heap, garbage
 * as big as the backup's values that the page collects only when V8 decides (the import's memory
 * peak). `JSON.parse` still runs on a value SQLite refuses, for the message, and has the last word
 * (SQLite stops at 1,000 levels of nesting, which `JSON.parse` takes). With a `destination`, each
 * checked value is written there at once, read no second time (see {@link ValueDestination}).
 */
async function checkValues(db: Database, destination: ValueDestination | null): Promise<ValueCheck> {
  const problems: string[] = [];
  const present = new Set<string>();
  let chars = 0;
  let batch: [string, Uint8Array][] = [];
  let batchChars = 0;
  // One row per statement run, the statement reset after each: over one scan, SQLite's JSON cache
  // kept the last few values parsed (40 MB of wasm memory for 5 MB values, never given back).
  const rowids = db.exec('SELECT rowid FROM value_blobs')[0]?.values.map(([rowid]) => Number(rowid)) ?? [];
  // The value as its UTF-8 bytes, the value store's own form: no JS string is made of it (one
  // copy out of sql.js's memory, which is what gets stored).
  const statement = db.prepare(
    'SELECT ref, typeof(json) AS type, CAST(json AS BLOB) AS bytes, json_valid(json) AS valid, length(json) AS chars FROM value_blobs WHERE rowid = ?',
  );
  try {
    for (const rowid of rowids) {
      if (problems.length >= 5) break;
      statement.bind([rowid]);
      statement.step();
      const { ref, type, bytes: read, valid, chars: length } = statement.getAsObject();
      statement.reset();
      const at = `table "value_blobs", row ${JSON.stringify(String(ref))}`;
      // An empty text comes back as null, not as empty bytes.
      const bytes = read instanceof Uint8Array ? read : new Uint8Array(0);
      if (typeof ref !== 'string' || type !== 'text') problems.push(`${at}: the ref or the value is not text`);
      else if (refNamesBytes(ref, bytes, Number(length)) === false) problems.push(`${at}: the value does not match its ref (it was changed or damaged)`);
      else {
        const problem = valid === 1 ? null : jsonProblem(new TextDecoder().decode(bytes));
        if (problem !== null) problems.push(`${at}: the value is not valid JSON (${problem})`);
        else {
          present.add(ref);
          chars += Number(length);
          if (destination && !problems.length) {
            batch.push([ref, bytes]);
            batchChars += bytes.byteLength;
          }
        }
      }
      // Awaited one batch at a time: the texts written become garbage before the next are read.
      if (destination && !problems.length && batchChars >= MOVE_BATCH_CHARS) {
        await destination.write(batch);
        batch = [];
        batchChars = 0;
      }
    }
  } finally {
    statement.free();
  }
  if (destination && !problems.length && batch.length) await destination.write(batch);
  if (problems.length) return { problems, chars };
  const missing = [...referencedValues(db)].filter((ref) => !present.has(ref));
  return { problems: missing.length ? [`${missing.length} stored value(s) it refers to are missing from the file (e.g. ${missing[0]})`] : [], chars };
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
 * over: the backup's database works in them. With a `destination`, the values move there as they
 * are checked and the backup's file is emptied of them (its bytes can then be let go).
 */
export async function readBackup(
  SQL: SqlJsStatic,
  bytes: Uint8Array,
  migrations: readonly Migration[],
  destination: ValueDestination | null = null,
): Promise<CheckedBackup> {
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
    const values = Number(db.exec('SELECT count(*) FROM value_blobs')[0]?.values[0]?.[0] ?? 0);
    // Values written before a later one is refused stay behind unreferenced: the next garbage
    // collection takes them (deleting them here could take a value the workspace holds too).
    const checked = await checkValues(db, destination);
    if (checked.problems.length) throw new InvalidWorkspaceError(checked.problems.join('; '));
    notes.push(...dropDanglingRows(db).map((dropped) => `left out ${dropped}`));
    const database: WorkspaceDatabase = new WorkspaceDatabase(db, destination?.store ?? new InlineValues(() => db));
    if (destination) database.dropInlineValues();
    const counts = countsOf(db);
    return {
      database,
      valuesMoved: destination !== null,
      contents: {
        schemaVersion: version,
        workflows: database.listWorkflows(),
        runs: counts.runs,
        extracts: counts.extracts,
        customModels: counts.customModels,
        values,
        valueChars: checked.chars,
        notes,
      },
    };
  } catch (error) {
    db.close();
    throw error;
  }
}
