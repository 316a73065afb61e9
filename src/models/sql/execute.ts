/**
 * One query over its tables in a fresh in-memory SQLite database: load the tables, run the
 * statements (refusing those that would outlive the run), keep the last result. Used where
 * sql.query runs (its own thread, or the run's thread where there is none). Plain data in and out,
 * so it crosses to a thread as a structured clone.
 */
import type { Database, SqlJsStatic, SqlValue } from 'sql.js';
import { CancelledError } from '../../engine';
import type { ColumnType } from '../table/table';
import { refusedStatement } from './statements';

/** A table as it crosses to the SQL thread: names and column arrays. */
export interface SqlTable {
  name: string;
  names: readonly string[];
  columns: readonly (readonly unknown[])[];
  types: Readonly<Record<string, ColumnType>>;
}

export interface SqlResult {
  names: string[];
  columns: unknown[][];
}

export interface SqlLimits {
  signal?: AbortSignal;
  /** `Date.now()` after which the query stops (checked between rows). */
  deadline?: number;
  /** The limit in seconds, for the message. */
  limitSeconds?: number;
  progress?: (fraction: number, message: string) => void;
}

/** The query ran past its time limit. */
export class TimeLimitError extends Error {
  constructor(seconds: number) {
    super(`the query was stopped after ${seconds} s, its time limit (raise \`timeLimit\` to give it longer)`);
    this.name = 'TimeLimitError';
  }
}

const quote = (name: string) => `"${name.replace(/"/g, '""')}"`;

const SQL_TYPES: Record<ColumnType, string> = { number: 'REAL', string: 'TEXT', boolean: 'INTEGER', date: 'TEXT', null: '', mixed: '' };

/**
 * A cell as SQLite can hold it: dates as ISO text, booleans as 0/1, objects as JSON text. SQLite has no NaN (it becomes NULL, SQL's unknown) and keeps no
 * negative zero in a table (a stored -0.0 reads back as 0): a query sees -0 as 0, as SQL does.
 */
function toSql(value: unknown): SqlValue {
  if (value === null || value === undefined) return null;
  if (typeof value === 'number') return Number.isNaN(value) ? null : value;
  if (typeof value === 'string') return value;
  if (typeof value === 'boolean') return value ? 1 : 0;
  if (value instanceof Date) return value.toISOString();
  return JSON.stringify(value);
}

/** Column kinds that cross to a thread as they are; the others (dates above all, slow to copy) as SQLite will hold them. */
const CROSS_AS_THEY_ARE = new Set<ColumnType>(['number', 'string', 'null']);

/**
 * The table with its cells as SQLite will hold them (dates as ISO text, …), for a thread: a date
 * costs far more to copy to another thread than its text. Loading it gives the same database.
 */
export function asSqlCells(table: SqlTable): SqlTable {
  const columns = table.columns.map((column, c) => {
    const type = table.types[table.names[c] as string];
    return type !== undefined && CROSS_AS_THEY_ARE.has(type) ? column : column.map(toSql);
  });
  return { ...table, columns };
}

/** Throws when the run is cancelled or past its deadline. */
function checkpoint(limits: SqlLimits): void {
  if (limits.signal?.aborted) throw new CancelledError();
  if (limits.deadline !== undefined && Date.now() > limits.deadline) throw new TimeLimitError(limits.limitSeconds ?? 0);
}

function load(db: Database, table: SqlTable, limits: SqlLimits): void {
  if (table.names.length === 0) throw new Error(`table \`${table.name}\` has no columns, so SQLite cannot hold it`);
  const columns = table.names.map((column) =>
    `${quote(column)} ${Object.hasOwn(table.types, column) ? SQL_TYPES[table.types[column] as ColumnType] : ''}`.trim(),
  );
  db.run(`CREATE TABLE ${quote(table.name)} (${columns.join(', ')})`);
  const insert = db.prepare(`INSERT INTO ${quote(table.name)} VALUES (${table.names.map(() => '?').join(', ')})`);
  const rowCount = table.columns[0]?.length ?? 0;
  try {
    const row = new Array<SqlValue>(table.names.length);
    for (let i = 0; i < rowCount; i++) {
      if ((i & 0x3fff) === 0) checkpoint(limits);
      for (let c = 0; c < table.columns.length; c++) row[c] = toSql((table.columns[c] as readonly unknown[])[i]);
      insert.run(row);
    }
  } finally {
    insert.free();
  }
}

/** Result column names made unique (SELECT * over a join repeats names): `id`, `id_2`, … */
function uniqueNames(names: string[]): string[] {
  const seen = new Map<string, number>();
  return names.map((name) => {
    const count = (seen.get(name) ?? 0) + 1;
    seen.set(name, count);
    return count === 1 ? name : `${name}_${count}`;
  });
}

class RefusedStatement extends Error {}

/** For "no such table: x": which tables there are, and whether x is an input left unwired. */
function noSuchTableHint(message: string, tables: readonly string[]): string {
  const missing = /no such table: (\S+)/.exec(message)?.[1];
  if (missing === undefined) return '';
  const there = `the tables there are: ${tables.map((name) => `\`${name}\``).join(', ')}`;
  return ['a', 'b', 'c'].includes(missing) ? ` (nothing is wired to input ${missing}; ${there})` : ` (${there})`;
}

/** Runs `query` over `tables`; the last statement with a result gives the rows. */
export function executeQuery(SQL: SqlJsStatic, tables: readonly SqlTable[], query: string, limits: SqlLimits = {}): SqlResult {
  const db = new SQL.Database();
  try {
    db.run('BEGIN');
    tables.forEach((table, i) => {
      limits.progress?.(i / (tables.length + 1), `loading table ${table.name}`);
      load(db, table, limits);
    });
    limits.progress?.(tables.length / (tables.length + 1), 'running the query');
    db.run('COMMIT');
    let result: SqlResult | undefined;
    try {
      for (const statement of db.iterateStatements(query)) {
        checkpoint(limits);
        const refused = refusedStatement(statement.getSQL());
        if (refused) {
          statement.free();
          throw new RefusedStatement(refused);
        }
        const names = statement.getColumnNames();
        const rows: SqlValue[][] = [];
        // sql.js cannot interrupt a step: a limit is checked between rows (a thread of its own stops the rest).
        while (statement.step()) {
          rows.push(statement.get());
          if ((rows.length & 0xff) === 0) checkpoint(limits);
        }
        if (names.length) result = { names: uniqueNames(names), columns: names.map((_, c) => rows.map((row) => row[c] ?? null)) };
      }
    } catch (error) {
      if (error instanceof CancelledError || error instanceof TimeLimitError) throw error;
      if (error instanceof RefusedStatement) throw new Error(`SQL refused: ${error.message}`, { cause: error });
      const message = error instanceof Error ? error.message : String(error);
      throw new Error(
        `SQL error: ${message}${noSuchTableHint(
          message,
          tables.map((table) => table.name),
        )}`,
        { cause: error },
      );
    }
    if (!result) throw new Error('the query returns no rows: its last statement must be a SELECT (or another statement with a result)');
    return result;
  } finally {
    db.close();
  }
}
