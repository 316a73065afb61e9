import { z } from 'zod';
import { defineModel, loadSqlJs } from '../../engine';
import { annotate, port } from '../ports';
import { Table } from '../table/table';
import { asSqlCells, executeQuery, type SqlResult, type SqlTable } from './execute';
import { queryInThread, sqlThreadsAvailable } from './thread';

export { refusedStatement } from './statements';

/** A query runs at most this long unless its `timeLimit` says otherwise. */
const DEFAULT_TIME_LIMIT_S = 30;

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
    timeLimit: annotate(z.number().positive('must be more than 0').max(3600, 'at most an hour'), {
      description: 'Stop the query after this many seconds',
      portType: 'number',
      widget: 'number',
    }).default(DEFAULT_TIME_LIMIT_S),
  },
  outputs: { table: port.table('The rows of the last statement') },
  run: async ({ a, b, c, query, timeLimit }, ctx) => {
    const tables: SqlTable[] = Object.entries({ a, b, c })
      .filter((entry): entry is [string, Table] => entry[1] !== undefined)
      .map(([name, table]) => ({ name, names: table.names, columns: table.columns, types: table.columnTypes() }));
    const limits = { signal: ctx.signal, limitSeconds: timeLimit, progress: (fraction: number, message: string) => ctx.progress(fraction, message) };
    // In a thread of its own the limit and Cancel hold even inside one long SQLite step; here, between rows.
    const result: SqlResult = sqlThreadsAvailable()
      ? await queryInThread(query, tables.map(asSqlCells), limits)
      : executeQuery(await loadSqlJs(), tables, query, { ...limits, deadline: Date.now() + timeLimit * 1000 });
    return { table: Table.fromColumns(result.names.map((name, c) => [name, result.columns[c] as unknown[]] as [string, unknown[]])) };
  },
});
