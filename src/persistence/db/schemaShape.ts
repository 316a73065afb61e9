/**
 * A database's schema compared with the one the app's migrations create. A workspace file holds
 * exactly the app's tables and indexes: a trigger would act on every later edit (and ride along in
 * every later backup), a view in place of a table would answer with rows nobody wrote, and any
 * other difference means the app's SQL no longer means what it says.
 */
import type { Database, SqlJsStatic } from 'sql.js';
import { migrate, type Migration } from '../schema';
import { rows } from './sql';

interface SchemaObject {
  type: string;
  name: string;
  table: string;
  /** The CREATE statement with its spacing normalised; null for SQLite's own automatic indexes. */
  sql: string | null;
}

/** The objects of a schema by `type name`, e.g. `table workflows`. */
type Schema = Map<string, SchemaObject>;

/**
 * A CREATE statement as it means, not as it is spelled: SQLite keeps the text it was given, and
 * ALTER TABLE rewrites it (quoting a renamed table, appending a column), so quotes, case and
 * spacing are left out of the comparison.
 */
const normalise = (sql: unknown) =>
  typeof sql === 'string'
    ? sql
        .toLowerCase()
        .replace(/["`[\]]/g, '')
        .replace(/\s+/g, ' ')
        .replace(/ ?([(),]) ?/g, '$1')
        .trim()
    : null;

function schemaOf(db: Database): Schema {
  const objects = rows(db, 'SELECT type, name, tbl_name, sql FROM sqlite_master ORDER BY type, name').map(
    (row): SchemaObject => ({ type: String(row.type), name: String(row.name), table: String(row.tbl_name), sql: normalise(row.sql) }),
  );
  return new Map(objects.map((object) => [`${object.type} ${object.name}`, object]));
}

/** The schema the migrations create up to `version`, built once per list of migrations and version. */
const references = new WeakMap<readonly Migration[], Map<number, Schema>>();

function referenceSchema(SQL: SqlJsStatic, migrations: readonly Migration[], version: number): Schema {
  const byVersion = references.get(migrations) ?? new Map<number, Schema>();
  references.set(migrations, byVersion);
  let schema = byVersion.get(version);
  if (!schema) {
    const db = new SQL.Database();
    try {
      migrate(
        db,
        migrations.filter((migration) => migration.version <= version),
      );
      schema = schemaOf(db);
    } finally {
      db.close();
    }
    byVersion.set(version, schema);
  }
  return schema;
}

const quoted = (name: string) => `"${name.replace(/"/g, '""')}"`;
const columnsOf = (db: Database, table: string) => rows(db, `PRAGMA table_xinfo(${quoted(table)})`).map((row) => String(row.name));

/** Why table `name` differs from the app's (at `version`), naming the columns when they differ. */
function tableDifference(SQL: SqlJsStatic, db: Database, migrations: readonly Migration[], version: number, name: string): string {
  const reference = new SQL.Database();
  let expectedColumns: string[];
  try {
    migrate(
      reference,
      migrations.filter((migration) => migration.version <= version),
    );
    expectedColumns = columnsOf(reference, name);
  } finally {
    reference.close();
  }
  const columns = columnsOf(db, name);
  const extra = columns.filter((name) => !expectedColumns.includes(name));
  const missing = expectedColumns.filter((name) => !columns.includes(name));
  const parts = [
    ...(missing.length ? [`no column${missing.length > 1 ? 's' : ''} ${missing.map((c) => `"${c}"`).join(', ')}`] : []),
    ...(extra.length ? [`an extra column${extra.length > 1 ? 's' : ''} ${extra.map((c) => `"${c}"`).join(', ')}`] : []),
  ];
  return `table "${name}" ${parts.length ? `has ${parts.join(' and ')}` : 'is defined differently from the app’s (a column type, constraint or option)'}`;
}

function describeObject(object: SchemaObject): string {
  if (object.type === 'trigger') return `a trigger "${object.name}" on table "${object.table}"`;
  if (object.type === 'index') return `an index "${object.name}" on table "${object.table}"`;
  return `${object.type === 'view' ? 'a view' : `a ${object.type}`} "${object.name}"`;
}

/**
 * Every way `db`'s schema differs from the app's at `version`, in words (empty: it is exactly the
 * app's). Tables, their columns and definitions, indexes; any view, trigger or other object is one.
 */
function schemaDifferences(SQL: SqlJsStatic, db: Database, migrations: readonly Migration[], version: number): string[] {
  const expected = referenceSchema(SQL, migrations, version);
  const actual = schemaOf(db);
  const problems: string[] = [];
  for (const [key, object] of actual) {
    const wanted = expected.get(key);
    if (!wanted) {
      const insteadOfTable = object.type !== 'table' && expected.has(`table ${object.name}`);
      problems.push(`it has ${describeObject(object)}${insteadOfTable ? ' where the workspace has a table' : ''}, which a workspace never has`);
    } else if (wanted.sql !== object.sql || wanted.table !== object.table) {
      problems.push(object.type === 'table' ? tableDifference(SQL, db, migrations, version, object.name) : `${describeObject(object)} is defined differently`);
    }
  }
  for (const [key, object] of expected) {
    if (actual.has(key) || (object.type === 'table' && [...actual.values()].some((other) => other.name === object.name))) continue;
    problems.push(`it has no ${object.type} "${object.name}"`);
  }
  return problems;
}

/** Why `db`'s schema is not the app's at `version`, the first few differences named; null when it is exactly the app's. */
export function schemaProblem(SQL: SqlJsStatic, db: Database, migrations: readonly Migration[], version: number): string | null {
  const differences = schemaDifferences(SQL, db, migrations, version);
  if (differences.length === 0) return null;
  return `its tables are not a workspace’s: ${differences.slice(0, 5).join('; ')}${differences.length > 5 ? `; and ${differences.length - 5} more` : ''}`;
}
