/**
 * Messages in words (issue 11): empty tables, unconnected inputs, and names JavaScript objects
 * already use (`toString`, `__proto__`, …) as columns, formula names and expression words.
 */
import { describe, expect, it } from 'vitest';
import { Table } from '../../src/models';
import { failure, runModel, runTable } from './helpers';

const sql = (query: string, a: Table) => runTable('sql.query', { a, query });

describe('an aggregate over an empty table', () => {
  const empty = Table.fromColumns({ city: [], days: [] });
  const measures = [{ op: 'sum', column: 'days' }, { op: 'count' }];

  it('gives no groups, as GROUP BY does, with the group and measure columns', async () => {
    const out = await runTable('table.aggregate', { table: empty, groupBy: ['city'], measures });
    const bySql = await sql('SELECT city, sum(days) AS sum_days, count(*) AS count FROM a GROUP BY city', empty);
    expect(out.names).toEqual(bySql.names);
    expect(out.rowCount).toBe(bySql.rowCount);
    expect(out.rowCount).toBe(0);
  });

  it('gives one row without groups, as SQL does: a count of 0 and an empty sum', async () => {
    const out = await runTable('table.aggregate', { table: empty, measures });
    expect(out.rows()).toEqual((await sql('SELECT sum(days) AS sum_days, count(*) AS count FROM a', empty)).rows());
  });
});

describe('an input with no wire and no value', () => {
  it('says which input is not connected', async () => {
    expect(await failure(runModel('table.filter', { where: 'x > 1' }))).toMatch(/input `table` is not connected/);
    expect(await failure(runModel('chart.plot', { x: 'a', y: 'b' }))).toMatch(/input `table` is not connected/);
    expect(await failure(runModel('sql.query', { query: 'SELECT 1' }))).toMatch(/input `a` is not connected/);
  });

  it('still says what is wrong with a value that is there', async () => {
    expect(await failure(runModel('table.filter', { table: 'not a table', where: 'x' }))).toContain('field "table" is invalid: expected a table, got string');
  });
});

/** Names every JavaScript object has: a table must treat them as any other column name. */
const BUILT_IN_NAMES = ['toString', 'valueOf', '__proto__', 'hasOwnProperty', 'constructor'];

describe('columns named like built-in properties', () => {
  // Column i holds i, i + 10, i + 20, …: each column is told apart by its values.
  const rowCount = 6;
  const expected = BUILT_IN_NAMES.map((_, c) => Array.from({ length: rowCount }, (_, r) => c + 10 * r));
  const csv = [BUILT_IN_NAMES.join(','), ...Array.from({ length: rowCount }, (_, r) => expected.map((column) => column[r]).join(','))].join('\n');
  const load = () => runTable('input.csv', { text: csv });

  it('CSV keeps them as columns with their own values', async () => {
    const table = await load();
    expect(table.names).toEqual(BUILT_IN_NAMES);
    expect(table.columns).toEqual(expected);
    for (const name of BUILT_IN_NAMES) expect(Object.hasOwn(table.row(0), name)).toBe(true);
    expect(table.columnTypes()).toEqual(Object.fromEntries(BUILT_IN_NAMES.map((name) => [name, 'number'])));
  });

  it.each(BUILT_IN_NAMES)('`%s` works in filter, derive, aggregate, sort, sql and chart', async (name) => {
    const table = await load();
    const values = table.column(name) as number[];
    const threshold = values[2] as number;

    const kept = await runTable('table.filter', { table, where: `${name} > ${threshold}` });
    expect(kept.column(name)).toEqual(values.filter((v) => v > threshold));

    const derived = await runTable('table.derive', { table, name: 'twice', expression: `d.${name} * 2` });
    expect(derived.column('twice')).toEqual(values.map((v) => v * 2));

    const grouped = await runTable('table.aggregate', { table, groupBy: [name], measures: [{ op: 'sum', column: name }] });
    expect(grouped.names).toEqual([name, `sum_${name}`]);
    expect(grouped.column(`sum_${name}`)).toEqual(values);

    const sorted = await runTable('table.sort', { table, by: [name], descending: true });
    expect(sorted.column(name)).toEqual([...values].sort((a, b) => b - a));

    const selected = await runTable('sql.query', { a: table, query: `SELECT "${name}" FROM a WHERE "${name}" > ${threshold}` });
    expect(selected.column(name)).toEqual(values.filter((v) => v > threshold));

    const other = BUILT_IN_NAMES.find((n) => n !== name) as string;
    const { chart } = (await runModel('chart.plot', { table, x: name, y: other })) as { chart: { data: Record<string, unknown>[] } };
    expect(chart.data.map((row) => Object.hasOwn(row, name) && row[name])).toEqual(values);
  });

  it('join, pivot, unpivot and distinct keep them too', async () => {
    const table = await load();
    const joined = await runTable('table.join', { left: table, right: table, on: ['__proto__'] });
    expect(joined.names).toEqual([
      'toString_1',
      'valueOf_1',
      '__proto__',
      'hasOwnProperty_1',
      'constructor_1',
      'toString_2',
      'valueOf_2',
      'hasOwnProperty_2',
      'constructor_2',
    ]);
    expect(joined.column('toString_2')).toEqual(table.column('toString'));

    const folded = await runTable('table.unpivot', { table, columns: ['toString', 'constructor'] });
    expect(folded.column('key')).toEqual(Array.from({ length: rowCount }, () => ['toString', 'constructor']).flat());
    expect(folded.column('value')).toEqual(table.column('toString').flatMap((v, r) => [v, table.column('constructor')[r]]));

    const distinct = await runTable('table.distinct', { table, columns: ['valueOf'] });
    expect(distinct.rowCount).toBe(rowCount);
  });

  it('pivot makes columns of key values such as `__proto__` and `toString`, in sorted order', async () => {
    const keys = ['b', '__proto__', 'a', 'toString', 'b', 'c10', 'c2'];
    const long = Table.fromColumns({ k: keys, v: keys.map((_, i) => i + 1) });
    const wide = await runTable('table.pivot', { table: long, key: 'k', value: 'v' });
    const names = [...new Set(keys)].sort();
    expect(wide.names).toEqual(names);
    const sums = names.map((key) => keys.reduce((sum, k, i) => sum + (k === key ? i + 1 : 0), 0));
    expect(wide.columns.map((column) => column[0])).toEqual(sums);
  });

  it('rename leaves a `toString` column it is not asked to rename', async () => {
    const table = await load();
    const renamed = await runTable('table.rename', { table, names: { valueOf: 'v' } });
    expect(renamed.names).toEqual(['toString', 'v', '__proto__', 'hasOwnProperty', 'constructor']);
  });
});

describe('formula and expression words that are built-in properties', () => {
  it.each(['toString(a)', 'constructor', '__proto__', 'valueOf + 1', 'hasOwnProperty(a)'])('math.formula names `%s` as unknown', async (expression) => {
    const name = /^\w+/.exec(expression)?.[0] as string;
    expect(await failure(runModel('math.formula', { expression, a: 1 }))).toContain(`unknown name \`${name}\` in the formula; use a, b, c, d`);
  });

  const table = Table.fromColumns({ city: ['a', 'b'], n: [1, 2] });
  it.each([
    ['hasOwnProperty("x")', 'unknown function `hasOwnProperty`'],
    ['valueOf(n)', 'unknown function `valueOf`'],
    ['n.valueOf()', 'unknown method `n.valueOf()`'],
    ['city.constructor', 'unknown method `city.constructor`'],
    ['Math.constructor', 'unknown function `Math.constructor`'],
    ['constructor', 'column `constructor` not found; columns are: city, n'],
    ['d.__proto__', 'column `__proto__` not found; columns are: city, n'],
  ])('a derive expression `%s` says %s', async (expression, message) => {
    expect(await failure(runModel('table.derive', { table, name: 'z', expression }))).toContain(message);
  });

  it.each(['toString', '__proto__', 'constructor'])('a derived column may be called `%s`', async (name) => {
    const out = await runTable('table.derive', { table, name, expression: 'n * 10' });
    expect(out.names).toEqual(['city', 'n', name]);
    expect(out.rows().map((row) => Object.hasOwn(row, name) && row[name])).toEqual([10, 20]);
  });
});
