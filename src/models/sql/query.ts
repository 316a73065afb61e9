import type { Database, SqlValue } from 'sql.js';
import { CancelledError, defineModel, loadSqlJs } from '../../engine';
import { annotate, port } from '../ports';
import { Table, type ColumnType } from '../table/table';

const quote = (name: string) => `"${name.replace(/"/g, '""')}"`;

const SQL_TYPES: Record<ColumnType, string> = { number: 'REAL', string: 'TEXT', boolean: 'INTEGER', date: 'TEXT', null: '', mixed: '' };

/** A cell as SQLite can hold it: dates as ISO text, booleans as 0/1, objects as JSON text. */
function toSql(value: unknown): SqlValue {
  if (value === null || value === undefined) return null;
  if (typeof value === 'number') return Number.isNaN(value) ? null : value;
  if (typeof value === 'string') return value;
  if (typeof value === 'boolean') return value ? 1 : 0;
  if (value instanceof Date) return value.toISOString();
  return JSON.stringify(value);
}

function load(db: Database, name: string, table: Table, signal: AbortSignal): void {
  if (table.names.length === 0) throw new Error(`table \`${name}\` has no columns, so SQLite cannot hold it`);
  const types = table.columnTypes();
  const columns = table.names.map((column) => `${quote(column)} ${SQL_TYPES[types[column] ?? 'mixed']}`.trim());
  db.run(`CREATE TABLE ${quote(name)} (${columns.join(', ')})`);
  const insert = db.prepare(`INSERT INTO ${quote(name)} VALUES (${table.names.map(() => '?').join(', ')})`);
  try {
    const row = new Array<SqlValue>(table.names.length);
    for (let i = 0; i < table.rowCount; i++) {
      if ((i & 0x3fff) === 0 && signal.aborted) throw new CancelledError();
      for (let c = 0; c < table.columns.length; c++) row[c] = toSql((table.columns[c] as readonly unknown[])[i]);
      insert.run(row);
    }
  } finally {
    insert.free();
  }
}

/** PRAGMAs that only read (the function form names what they read, e.g. `table_info(a)`). */
const READING_PRAGMAS = new Set([
  'table_info',
  'table_xinfo',
  'table_list',
  'index_list',
  'index_info',
  'index_xinfo',
  'foreign_key_list',
  'function_list',
  'pragma_list',
  'collation_list',
  'compile_options',
]);

/** The statement's text without leading comments and blanks, upper-cased keywords first. */
function leadingWords(sql: string): string {
  return sql.replace(/^(?:\s+|--[^\n]*(?:\n|$)|\/\*[\s\S]*?\*\/)*/, '').replace(/^EXPLAIN(?:\s+QUERY\s+PLAN)?\s+/i, '');
}

/**
 * Why a statement may not run (null: it may). Every run gets a fresh in-memory database; ATTACH,
 * DETACH, VACUUM INTO and setting a PRAGMA would reach files that outlive the run.
 */
export function refusedStatement(sql: string): string | null {
  const text = leadingWords(sql);
  const keyword = /^[A-Za-z]+/.exec(text)?.[0]?.toUpperCase();
  if (keyword === 'ATTACH' || keyword === 'DETACH')
    return `${keyword} is not allowed: a query sees only its tables a, b and c, in a database that starts empty on every run`;
  if (keyword === 'VACUUM' && /\bINTO\b/i.test(text)) return 'VACUUM INTO is not allowed: a query writes no files';
  if (keyword === 'PRAGMA') {
    const pragma = /^PRAGMA\s+(?:"?(\w+)"?\.)?"?(\w+)"?\s*(=|\()?/i.exec(text);
    const name = pragma?.[2]?.toLowerCase() ?? '';
    const writes = pragma?.[3] === '=' || (pragma?.[3] === '(' && !READING_PRAGMAS.has(name));
    if (writes) return `setting PRAGMA ${name} is not allowed: a query may read pragmas such as table_info(a), not change how SQLite runs`;
  }
  return null;
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

export const sqlQuery = defineModel({
  id: 'sql.query',
  title: 'SQL query',
  description: 'Runs SQLite SQL over the wired tables, named a, b and c; the last statement’s rows are the result',
  category: 'sql',
  inputs: {
    a: port.table('Table `a`'),
    b: port.table('Table `b` (optional)').optional(),
    c: port.table('Table `c` (optional)').optional(),
    query: annotate(port.text('SQLite SQL over a, b, c').min(1, 'write a query, e.g. SELECT * FROM a'), { widget: 'sql' }).default('SELECT * FROM a LIMIT 100'),
  },
  outputs: { table: port.table('The rows of the last statement') },
  run: async ({ a, b, c, query }, ctx) => {
    const SQL = await loadSqlJs();
    const db = new SQL.Database();
    try {
      const inputs = { a, b, c };
      db.run('BEGIN');
      const wired = Object.entries(inputs).filter((entry): entry is [string, Table] => entry[1] !== undefined);
      wired.forEach(([name, table], i) => {
        ctx.progress(i / (wired.length + 1), `loading table ${name}`);
        load(db, name, table, ctx.signal);
      });
      ctx.progress(wired.length / (wired.length + 1), 'running the query');
      db.run('COMMIT');
      let result: Table | undefined;
      try {
        for (const statement of db.iterateStatements(query)) {
          if (ctx.signal.aborted) throw new CancelledError();
          const refused = refusedStatement(statement.getSQL());
          if (refused) {
            statement.free();
            throw new RefusedStatement(refused);
          }
          const names = statement.getColumnNames();
          const rows: SqlValue[][] = [];
          while (statement.step()) rows.push(statement.get());
          if (names.length) {
            const unique = uniqueNames(names);
            result = Table.fromColumns(unique.map((name, c) => [name, rows.map((row) => row[c] ?? null)] as [string, unknown[]]));
          }
        }
      } catch (error) {
        if (error instanceof CancelledError) throw error;
        if (error instanceof RefusedStatement) throw new Error(`SQL refused: ${error.message}`, { cause: error });
        const message = error instanceof Error ? error.message : String(error);
        throw new Error(
          `SQL error: ${message}${noSuchTableHint(
            message,
            wired.map(([name]) => name),
          )}`,
          { cause: error },
        );
      }
      if (!result) throw new Error('the query returns no rows: its last statement must be a SELECT (or another statement with a result)');
      return { table: result };
    } finally {
      db.close();
    }
  },
});
