/**
 * A workspace database as a file: checking that bytes are a sound SQLite file and a Swark
 * workspace this version reads, and the row counts a saved snapshot is checked against.
 */
import type { Database, SqlJsStatic } from 'sql.js';
import { MIGRATIONS, SCHEMA_VERSION, schemaVersionOf, type Migration } from '../schema';
import { column } from './sql';

const SQLITE_HEADER = 'SQLite format 3\0';

export class InvalidWorkspaceError extends Error {
  constructor(reason: string) {
    super(`not a Swark workspace: ${reason}`);
    this.name = 'InvalidWorkspaceError';
  }
}

/**
 * Opens bytes as a database and checks they are a sound SQLite file, without migrating.
 * Throws {@link InvalidWorkspaceError} saying what is wrong (empty, truncated, not SQLite, corrupt).
 */
export function openCheckedDatabase(SQL: SqlJsStatic, bytes: Uint8Array, { handOver = false } = {}): Database {
  if (bytes.byteLength === 0) throw new InvalidWorkspaceError('the data is empty (0 bytes)');
  // The header first: a short text file is "not SQLite", not "a truncated SQLite file".
  // (A few bytes that begin like the header are a truncated file, handled below.)
  const header = String.fromCharCode(...bytes.subarray(0, SQLITE_HEADER.length));
  if (!SQLITE_HEADER.startsWith(header)) {
    throw new InvalidWorkspaceError(`it is not a SQLite file (${describeStart(bytes)})`);
  }
  if (bytes.byteLength < 100) throw new InvalidWorkspaceError(`the data is truncated (${bytes.byteLength} bytes, a SQLite file has at least 100)`);
  const pageSize = ((bytes[16] ?? 0) << 8) | (bytes[17] ?? 0);
  const pages = (((bytes[28] ?? 0) << 24) | ((bytes[29] ?? 0) << 16) | ((bytes[30] ?? 0) << 8) | (bytes[31] ?? 0)) >>> 0;
  const fullSize = (pageSize === 1 ? 65536 : pageSize) * pages;
  if (pages > 0 && bytes.byteLength < fullSize) {
    throw new InvalidWorkspaceError(`the data is truncated (${bytes.byteLength} of ${fullSize} bytes)`);
  }
  let db: Database | null = null;
  try {
    db = new SQL.Database(handOver ? new HandedOver(bytes.buffer, bytes.byteOffset, bytes.byteLength) : bytes);
    const check = db.exec('PRAGMA quick_check')[0]?.values[0]?.[0];
    if (check !== 'ok') throw new Error(String(check));
    return db;
  } catch (error) {
    db?.close();
    if (error instanceof InvalidWorkspaceError) throw error;
    throw new InvalidWorkspaceError(`the SQLite file is damaged (${error instanceof Error ? error.message : String(error)})`);
  }
}

/**
 * Bytes sql.js keeps as its file rather than copying them: it opens a file with one whole-array
 * `slice`, which for a 200 MB backup held it twice. Only for bytes no one reads again: the
 * database writes into them from then on.
 */
class HandedOver extends Uint8Array<ArrayBufferLike> {
  override slice(start?: number, end?: number): Uint8Array<ArrayBuffer> {
    return start === 0 && end === this.length ? (this as Uint8Array as Uint8Array<ArrayBuffer>) : (super.slice(start, end) as Uint8Array<ArrayBuffer>);
  }
}

/** What bytes that are not SQLite start with, for the message: a text preview, else their size. */
function describeStart(bytes: Uint8Array): string {
  const start = bytes.subarray(0, 40);
  const printable = start.every((byte) => byte === 9 || byte === 10 || byte === 13 || (byte >= 32 && byte < 127));
  if (!printable) return `it does not start with the SQLite file header; ${bytes.byteLength} bytes`;
  const text = String.fromCharCode(...start)
    .replace(/\s+/g, ' ')
    .trim();
  return `it looks like text: "${text}${bytes.byteLength > start.byteLength ? '…' : ''}"`;
}

/**
 * Why a database at schema `version` is not a workspace this app may read (null: it may, migrating
 * an older one). `allowEmpty` accepts a SQLite file with no tables as a new workspace (the CLI's
 * own file); a backup must be a workspace already, or importing it would replace everything with nothing.
 */
export function versionProblem(db: Database, version: number, migrations: readonly Migration[], { allowEmpty = false } = {}): string | null {
  if (version > SCHEMA_VERSION) {
    return `it was written by a newer version of Swark Studio (schema ${version}, this one reads up to ${SCHEMA_VERSION}); open it with a newer version`;
  }
  if (version === 0) {
    const tables = column(db, "SELECT name FROM sqlite_master WHERE type = 'table'");
    if (tables.length > 0)
      return `it is a SQLite database of something else (tables: ${tables.slice(0, 5).join(', ')}${tables.length > 5 ? ', …' : ''}) with no workspace schema version`;
    return allowEmpty ? null : 'it is an empty SQLite database, with no workflows and no workspace schema version';
  }
  if (!migrations.some((migration) => migration.version === version)) {
    return `it has schema version ${version}, which no version of Swark Studio writes (this one knows ${migrations.map((m) => m.version).join(', ')})`;
  }
  return null;
}

/** Refuses a SQLite file that is not a Swark workspace this version can read (see {@link versionProblem}). */
export function assertWorkspaceSchema(db: Database, options: { allowEmpty?: boolean } = {}): void {
  const problem = versionProblem(db, schemaVersionOf(db), MIGRATIONS, { allowEmpty: options.allowEmpty ?? true });
  if (problem) throw new InvalidWorkspaceError(problem);
  if (schemaVersionOf(db) > 0 && column(db, "SELECT name FROM sqlite_master WHERE type = 'table' AND name = 'workflows'").length === 0)
    throw new InvalidWorkspaceError(`it has schema version ${schemaVersionOf(db)} but no workflows table`);
}

/** Counts used to check that a saved snapshot holds what memory holds. */
export interface WorkspaceCounts {
  workflows: number;
  extracts: number;
  runs: number;
  customModels: number;
}

export function countsOf(db: Database): WorkspaceCounts {
  const row = db.exec(
    `SELECT (SELECT count(*) FROM workflows), (SELECT count(*) FROM extracts), (SELECT count(*) FROM runs), (SELECT count(*) FROM custom_models)`,
  )[0]?.values[0];
  return { workflows: Number(row?.[0] ?? 0), extracts: Number(row?.[1] ?? 0), runs: Number(row?.[2] ?? 0), customModels: Number(row?.[3] ?? 0) };
}
