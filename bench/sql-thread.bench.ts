/**
 * sql.query in a thread of its own (what makes its time limit and Cancel hold inside one SQLite
 * step) against the same query in the caller's thread, interleaved in one run. The thread's side
 * pays for copying the tables there and the result back (structured clones); its start-up is not
 * counted (a thread is kept between queries). Node worker threads stand in for the app's Web
 * Workers. Run: npx tsx bench/sql-thread.bench.ts
 */
import { loadSqlJs } from '../src/engine';
import { Table } from '../src/models';
import { asSqlCells, executeQuery, type SqlTable } from '../src/models/sql/execute';
import { configureSqlThreads, queryInThread } from '../src/models/sql/thread';
import { startSqlThread } from '../test/helpers/sqlThreads';
import { compare } from './lib';

const ROWS = Number(process.env.BENCH_ROWS ?? 200_000);
const TARGET = 1.3;
const QUERY = 'SELECT city, count(*) AS n, avg(price) AS mean FROM a GROUP BY city ORDER BY city';

function makeTable(rows: number): Table {
  let seed = 7;
  const random = () => (seed = (Math.imul(seed, 1664525) + 1013904223) >>> 0) / 2 ** 32;
  const cities = Array.from({ length: 20 }, (_, i) => `city${i}`);
  return Table.fromColumns({
    price: Array.from({ length: rows }, () => Math.round(random() * 10_000) / 100),
    quantity: Array.from({ length: rows }, () => Math.floor(random() * 10)),
    city: Array.from({ length: rows }, () => cities[Math.floor(random() * cities.length)] as string),
    date: Array.from({ length: rows }, () => new Date(Date.UTC(2022, 0, 1) + Math.floor(random() * 730) * 86_400_000)),
  });
}

const table = makeTable(ROWS);
const tables: SqlTable[] = [{ name: 'a', names: table.names, columns: table.columns, types: table.columnTypes() }];
const SQL = await loadSqlJs();
configureSqlThreads(startSqlThread);
const never = new AbortController().signal;
// As sql.query does: cells that are slow to copy (dates) cross as SQLite holds them.
const inThread = () => queryInThread(QUERY, tables.map(asSqlCells), { limitSeconds: 600, signal: never, progress: () => undefined });
const here = () => executeQuery(SQL, tables, QUERY);

// The same rows either way; the first call also starts the thread, outside the timings.
if (JSON.stringify(await inThread()) !== JSON.stringify(here())) throw new Error('the thread and the caller disagree');

console.log(`${ROWS.toLocaleString('en')} rows × 4 columns, ${QUERY}`);
const result = await compare(
  'sql.query: own thread vs caller’s thread',
  { label: 'in a thread of its own (tables copied there)', run: inThread },
  { label: 'in the caller’s thread', run: here },
  { samples: 7, warmup: 1, target: TARGET },
);
configureSqlThreads(null);
process.exitCode = result.ratio <= TARGET ? 0 : 1;
