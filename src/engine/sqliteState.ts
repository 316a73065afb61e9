import type { Database } from 'sql.js';
import { ImmutableStateError, MissingSlotError } from './errors';
import { loadSqlJs } from './sqlite';
import type { StateJSON, StateLike, StateOptions } from './state';
import { decodeValue, describeType, encodeValue, type JsonValue } from './values';

export interface SqliteStateOptions extends StateOptions {
  /** SQLite file bytes to reopen (from {@link SqliteState.toBytes}). */
  data?: Uint8Array;
  /** Table name, so several states can share one database. */
  table?: string;
}

const TABLE_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

/**
 * A State kept in a SQLite database (sql.js), pyswark's `StateWithGlueDb`: every value is a
 * typed record encoded by the engine's value codec, so types survive a save and reopen.
 * Decoded values are kept in memory, so extract returns the very object that was posted.
 */
export class SqliteState implements StateLike {
  private readonly decoded = new Map<string, unknown>();

  private constructor(
    readonly db: Database,
    readonly mutable: boolean,
    private readonly table: string,
  ) {}

  static async open(initial?: Record<string, unknown> | null, options: SqliteStateOptions = {}): Promise<SqliteState> {
    const SQL = await loadSqlJs();
    const table = options.table ?? 'state';
    if (!TABLE_NAME.test(table)) throw new Error(`invalid state table name "${table}"`);
    let db: Database;
    try {
      db = options.data ? new SQL.Database(options.data) : new SQL.Database();
      db.run(`CREATE TABLE IF NOT EXISTS ${table} (name TEXT PRIMARY KEY, type TEXT NOT NULL, value TEXT NOT NULL)`);
    } catch (error) {
      throw new Error(`the bytes given to SqliteState.open are not a SQLite database (${(error as Error).message})`, { cause: error });
    }
    const state = new SqliteState(db, options.mutable ?? false, table);
    if (initial) for (const [name, value] of Object.entries(initial)) state.post(value, name);
    return state;
  }

  /** Wraps an open database (e.g. the workspace's) without copying it. */
  static attach(db: Database, options: StateOptions & { table?: string } = {}): SqliteState {
    const table = options.table ?? 'state';
    if (!TABLE_NAME.test(table)) throw new Error(`invalid state table name "${table}"`);
    db.run(`CREATE TABLE IF NOT EXISTS ${table} (name TEXT PRIMARY KEY, type TEXT NOT NULL, value TEXT NOT NULL)`);
    return new SqliteState(db, options.mutable ?? false, table);
  }

  extract(name: string): unknown {
    if (this.decoded.has(name)) return this.decoded.get(name);
    const statement = this.db.prepare(`SELECT value FROM ${this.table} WHERE name = ?`);
    try {
      statement.bind([name]);
      if (!statement.step()) throw new MissingSlotError(name, this.names());
      const value = decodeValue(JSON.parse(statement.get()[0] as string));
      this.decoded.set(name, value);
      return value;
    } finally {
      statement.free();
    }
  }

  post(data: unknown, name: string): void {
    if (!this.mutable && this.has(name)) throw new ImmutableStateError(name);
    const text = JSON.stringify(encodeValue(data));
    this.db.run(`INSERT OR REPLACE INTO ${this.table} (name, type, value) VALUES (?, ?, ?)`, [name, describeType(data), text]);
    this.decoded.set(name, data);
  }

  delete(name: string): void {
    this.db.run(`DELETE FROM ${this.table} WHERE name = ?`, [name]);
    this.decoded.delete(name);
  }

  has(name: string): boolean {
    if (this.decoded.has(name)) return true;
    const rows = this.db.exec(`SELECT 1 FROM ${this.table} WHERE name = ?`, [name]);
    return rows.length > 0;
  }

  names(): string[] {
    const rows = this.db.exec(`SELECT name FROM ${this.table} ORDER BY rowid`);
    return rows[0]?.values.map((row) => String(row[0])) ?? [];
  }

  /** The SQLite file bytes; reopen with `SqliteState.open(null, { data })`. */
  toBytes(): Uint8Array {
    return this.db.export();
  }

  toObject(): Record<string, unknown> {
    return Object.fromEntries(this.names().map((name) => [name, this.extract(name)]));
  }

  toJSON(): StateJSON {
    const values: Record<string, JsonValue> = {};
    for (const name of this.names()) values[name] = encodeValue(this.extract(name));
    return { mutable: this.mutable, values };
  }

  close(): void {
    this.db.close();
  }
}
