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

/** Result column names made unique (SELECT * over a join repeats names): `id`, `id_2`, … */
function uniqueNames(names: string[]): string[] {
  const seen = new Map<string, number>();
  return names.map((name) => {
    const count = (seen.get(name) ?? 0) + 1;
    seen.set(name, count);
    return count === 1 ? name : `${name}_${count}`;
  });
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
        const message = error instanceof Error ? error.message : String(error);
        const missing = /no such table: ([abc])\b/.exec(message);
        const hint = missing && !inputs[missing[1] as 'a' | 'b' | 'c'] ? ` (nothing is wired to input ${missing[1]})` : '';
        throw new Error(`SQL error: ${message}${hint}`, { cause: error });
      }
      if (!result) throw new Error('the query returns no rows: its last statement must be a SELECT (or another statement with a result)');
      return { table: result };
    } finally {
      db.close();
    }
  },
});
