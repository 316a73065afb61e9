/**
 * sql.query's time limit and Cancel: between rows where the query runs in the caller's thread, and
 * inside one long SQLite step where it has a thread of its own (Node worker threads here; Web
 * Workers in the app, see e2e/table-chart-views.spec.ts).
 */
import { afterEach, describe, expect, it } from 'vitest';
import { State, Workflow } from '../../src/engine';
import { Table } from '../../src/models';
import { configureSqlThreads, type SqlThread } from '../../src/models/sql/thread';
import { startSqlThread } from '../helpers/sqlThreads';
import { failure, runModel, runTable } from './helpers';

const a = Table.fromColumns({ n: [1, 2, 3] });
/** Endless rows, one at a time: stoppable between rows. */
const ENDLESS_ROWS = 'WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n) SELECT i FROM n';
/** One endless step: SQLite counts forever before it gives a row. */
const ENDLESS_STEP = 'WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n) SELECT count(*) AS n FROM n';
const LIMIT_MESSAGE = /the query was stopped after 0\.3 s, its time limit \(raise `timeLimit` to give it longer\)/;

afterEach(() => configureSqlThreads(null));

describe('sql.query in the caller’s thread', () => {
  it('stops a query that keeps giving rows at its time limit, and the next query runs', async () => {
    expect(await failure(runModel('sql.query', { a, query: ENDLESS_ROWS, timeLimit: 0.3 }))).toMatch(LIMIT_MESSAGE);
    expect((await runTable('sql.query', { a, query: 'SELECT sum(n) AS total FROM a' })).rows()).toEqual([{ total: 6 }]);
  });

  it('refuses a limit that is not a positive number of seconds', async () => {
    expect(await failure(runModel('sql.query', { a, query: 'SELECT 1', timeLimit: 0 }))).toContain('field "timeLimit" is invalid: must be more than 0');
  });
});

describe('sql.query in a thread of its own', () => {
  /** Node worker threads, counting how many started and how many were stopped. */
  function countedThreads() {
    const counts = { started: 0, terminated: 0 };
    configureSqlThreads((): SqlThread => {
      counts.started++;
      const thread = startSqlThread();
      return {
        ...thread,
        terminate: () => {
          counts.terminated++;
          thread.terminate();
        },
      };
    });
    return counts;
  }

  it('stops one endless SQLite step at the time limit; the run ends with the message, nothing cached; the next run works', async () => {
    const counts = countedThreads();
    const workflow = new Workflow({
      steps: [{ id: 'q', model: 'sql.query', inputs: { a: 'a' }, params: { query: ENDLESS_STEP, timeLimit: 0.3 }, outputs: { table: 'out' } }],
    });
    const error = await workflow.run(new State({ a })).catch((reason: unknown) => reason as Error);
    expect(error).toBeInstanceOf(Error);
    expect((error as Error).message).toMatch(/step 0 "q" \(model sql\.query\): /);
    expect((error as Error).message).toMatch(LIMIT_MESSAGE);
    expect(counts).toEqual({ started: 1, terminated: 1 });
    expect(workflow.getModelOutput('q')).toBeUndefined();

    const next = new Workflow({
      steps: [
        { id: 'q', model: 'sql.query', inputs: { a: 'a' }, params: { query: 'SELECT n * 10 AS tens FROM a', timeLimit: 0.3 }, outputs: { table: 'out' } },
      ],
    });
    const out = (await next.run(new State({ a }))) as { out: Table };
    expect(out.out.column('tens')).toEqual([10, 20, 30]);
    expect(counts.started).toBe(2);
    // A thread that answered is kept for the next query.
    expect((await runTable('sql.query', { a, query: 'SELECT count(*) AS k FROM a' })).rows()).toEqual([{ k: 3 }]);
    expect(counts).toEqual({ started: 2, terminated: 1 });
  }, 60_000);

  it('gives the same rows as the caller’s thread: dates, flags, empty cells and objects included', async () => {
    const mixed = Table.fromColumns({
      day: [new Date('2012-01-01T00:00:00Z'), null, new Date('2012-03-04T05:06:07Z')],
      ok: [true, false, null],
      n: [1.5, null, -0],
      note: [{ a: 1 }, 'text', null],
    });
    const query = 'SELECT day, ok, n, note, typeof(day) AS kind FROM a ORDER BY day';
    const here = (await runTable('sql.query', { a: mixed, query })).rows();
    countedThreads();
    const there = (await runTable('sql.query', { a: mixed, query })).rows();
    expect(there).toEqual(here);
    expect(here[1]).toEqual({ day: '2012-01-01T00:00:00.000Z', ok: 1, n: 1.5, note: '{"a":1}', kind: 'text' });
  }, 60_000);

  it('stops it on Cancel, and says the SQL thread’s own errors in words', async () => {
    const counts = countedThreads();
    const abort = new AbortController();
    const model = new Workflow({ steps: [{ id: 'q', model: 'sql.query', inputs: { a: 'a' }, params: { query: ENDLESS_STEP }, outputs: { table: 'out' } }] });
    const running = model.run(new State({ a }), { signal: abort.signal }).catch((reason: unknown) => reason);
    setTimeout(() => abort.abort(), 300);
    expect(await running).toMatchObject({ kind: 'cancelled' });
    expect(counts.terminated).toBe(1);
    expect(await failure(runModel('sql.query', { a, query: 'SELECT * FROM nowhere' }))).toMatch(
      /SQL error: no such table: nowhere \(the tables there are: `a`\)/,
    );
    expect(await failure(runModel('sql.query', { a, query: 'ATTACH DATABASE "x.db" AS x; SELECT 1' }))).toMatch(/SQL refused: ATTACH is not allowed/);
  }, 60_000);
});
