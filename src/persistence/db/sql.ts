/** The few helpers every table module queries sql.js through. */
import type { Database, SqlValue } from 'sql.js';

export type Row = Record<string, SqlValue>;

/** The rows of one prepared query, as objects by column name. */
export function rows(db: Database, sql: string, params: SqlValue[] = []): Row[] {
  const statement = db.prepare(sql);
  try {
    statement.bind(params);
    const out: Row[] = [];
    while (statement.step()) out.push(statement.getAsObject());
    return out;
  } finally {
    statement.free();
  }
}

/** Calls `visit` with each row of a query in turn (a big table is never held whole); `visit` returns false to stop. */
export function eachRow(db: Database, sql: string, visit: (row: Row) => boolean | void): void {
  const statement = db.prepare(sql);
  try {
    while (statement.step()) if (visit(statement.getAsObject()) === false) return;
  } finally {
    statement.free();
  }
}

/** The first column of every row of a query without parameters, as strings. */
export function column(db: Database, sql: string): string[] {
  return (db.exec(sql)[0]?.values ?? []).map((row) => String(row[0]));
}

/**
 * Runs `work` in one transaction: all of it or nothing. A savepoint, so it nests: inside another
 * transaction it is part of that one.
 */
export function transaction(db: Database, work: () => void): void {
  db.run('SAVEPOINT work');
  try {
    work();
    db.run('RELEASE work');
  } catch (error) {
    try {
      db.run('ROLLBACK TO work');
      db.run('RELEASE work');
    } catch {
      // SQLite ended the transaction itself; the first error is the one to report
    }
    throw error;
  }
}

/** `?, ?, …` for an `IN (…)` of `count` parameters. */
export function placeholders(count: number): string {
  return Array.from({ length: count }, () => '?').join(', ');
}

export function nullableString(value: SqlValue | undefined): string | null {
  return value === null || value === undefined ? null : String(value);
}
