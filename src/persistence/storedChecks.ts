/**
 * The checks a stored snapshot passes before it is loaded (exactly the app's schema, every row
 * readable), and what a newer version's save lacks for this one to show it. A module of its own
 * so that only a browser with a stored workspace loads them: a first visit has nothing to check.
 */
import type { Database, SqlJsStatic } from 'sql.js';
import { versionProblem } from './db/file';
import { rowProblems } from './db/rowCheck';
import { schemaProblem } from './db/schemaShape';
import { SCHEMA_VERSION, migrate, schemaVersionOf, type Migration } from './schema';
import type { SnapshotProblem } from './snapshots';

/**
 * Whether a stored snapshot may be loaded: a version the app wrote, exactly its schema, and, once
 * migrated (the copy in memory; the stored bytes are untouched), every row readable. A newer
 * version and a failing migration pass here: the caller opens those read-only, never an older save.
 */
export function checkSnapshot(SQL: SqlJsStatic, migrations: readonly Migration[]) {
  return (db: Database): SnapshotProblem | null => {
    const version = schemaVersionOf(db);
    if (version > SCHEMA_VERSION) return null;
    const refused = versionProblem(db, version, migrations);
    if (refused) return { cause: 'version', message: refused };
    const schema = schemaProblem(SQL, db, migrations, version);
    if (schema) return { cause: 'schema', message: schema };
    try {
      migrate(db, migrations);
    } catch {
      return null;
    }
    const rows = rowProblems(db);
    return rows.length ? { cause: 'rows', message: `it holds rows this app cannot read: ${rows.join('; ')}` } : null;
  };
}

/** What a workspace saved by a newer version lacks for this one to show it read-only (empty: nothing). */
export function newerProblems(SQL: SqlJsStatic, db: Database, migrations: readonly Migration[]): string[] {
  const known = new SQL.Database();
  try {
    migrate(known, migrations);
    const missing = (known.exec("SELECT name FROM sqlite_master WHERE type = 'table'")[0]?.values ?? []).flatMap(([table]) => {
      const name = String(table);
      const have = new Set((db.exec(`PRAGMA table_info("${name}")`)[0]?.values ?? []).map((column) => String(column[1])));
      const wanted = (known.exec(`PRAGMA table_info("${name}")`)[0]?.values ?? []).map((column) => String(column[1]));
      const lacking = wanted.filter((column) => !have.has(column));
      return lacking.length ? [`table "${name}" has no column${lacking.length > 1 ? 's' : ''} ${lacking.map((c) => `"${c}"`).join(', ')}`] : [];
    });
    return missing.length ? missing : rowProblems(db);
  } finally {
    known.close();
  }
}
