import { describe, expect, it } from 'vitest';
import { Table } from '../../src/models';
import { refusedStatement } from '../../src/models/sql/query';
import { failure, runModel, runTable } from './helpers';

const a = Table.fromColumns({ n: [1, 2, 3] });
const errorOf = (query: string, inputs: Record<string, unknown> = { a }) => failure(runModel('sql.query', { ...inputs, query }));

describe('sql.query keeps each run to its own empty database', () => {
  it('refuses ATTACH, DETACH, VACUUM INTO and setting a PRAGMA, naming the statement', async () => {
    expect(await errorOf("ATTACH DATABASE 'kept.db' AS kept; SELECT 1")).toMatch(/SQL refused: ATTACH is not allowed/);
    expect(await errorOf('/* hidden */ detach database main; select 1')).toMatch(/SQL refused: DETACH is not allowed/);
    expect(await errorOf("VACUUM INTO 'copy.db'")).toMatch(/SQL refused: VACUUM INTO is not allowed/);
    expect(await errorOf('PRAGMA journal_mode = WAL; SELECT * FROM a')).toMatch(/SQL refused: setting PRAGMA journal_mode/);
    expect(await errorOf('pragma main.cache_size(10); select * from a')).toMatch(/setting PRAGMA cache_size/);
  });

  it('lets reading pragmas and ordinary statements through', async () => {
    expect(refusedStatement('PRAGMA table_info(a)')).toBeNull();
    expect(refusedStatement('pragma user_version')).toBeNull();
    expect(refusedStatement("SELECT 'ATTACH' AS word")).toBeNull();
    expect(refusedStatement('-- a note\nCREATE TEMP TABLE t AS SELECT * FROM a')).toBeNull();
    const info = await runTable('sql.query', { a, query: 'PRAGMA table_info(a)' });
    expect(info.rowCount).toBe(1);
  });

  it('starts every run empty: a table made in one run is gone in the next', async () => {
    await runTable('sql.query', { a, query: 'CREATE TABLE kept AS SELECT * FROM a; SELECT count(*) AS n FROM kept' });
    expect(await errorOf('SELECT * FROM kept')).toMatch(/no such table: kept \(the tables there are: `a`\)/);
  });

  it('names the tables there are when a query names one that is not', async () => {
    const b = Table.fromColumns({ m: [1] });
    expect(await errorOf('SELECT * FROM c', { a, b })).toMatch(/nothing is wired to input c; the tables there are: `a`, `b`/);
    expect(await errorOf('SELECT * FROM weather', { a, b })).toMatch(/no such table: weather \(the tables there are: `a`, `b`\)/);
  });
});
