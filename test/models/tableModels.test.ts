import { describe, expect, it } from 'vitest';
import { Table } from '../../src/models';
import { failure, runModel, runTable, seattleWeather } from './helpers';

const sql = (query: string, a: Table, b?: Table) => runTable('sql.query', b ? { a, b, query } : { a, query });
const rounded = (rows: Record<string, unknown>[]) =>
  rows.map((row) => Object.fromEntries(Object.entries(row).map(([k, v]) => [k, typeof v === 'number' ? Number(v.toFixed(9)) : v])));

describe('table.filter', () => {
  it('keeps the rows a hand-written loop keeps', async () => {
    const weather = await seattleWeather();
    const out = await runTable('table.filter', { table: weather, where: 'temp_max > 30 && weather == "sun"' });
    const expected = weather.rows().filter((row) => (row.temp_max as number) > 30 && row.weather === 'sun');
    expect(out.rowCount).toBe(expected.length);
    expect(out.rows()).toEqual(expected);
  });

  it('accepts d.column and backticked names', async () => {
    const table = Table.fromColumns({ 'max temp': [1, 5, 9], n: [1, 2, 3] });
    expect((await runTable('table.filter', { table, where: '`max temp` >= 5 && d.n < 3' })).rows()).toEqual([{ 'max temp': 5, n: 2 }]);
  });

  it('names a mistyped column and lists the real ones', async () => {
    const weather = await seattleWeather();
    expect(await failure(runModel('table.filter', { table: weather, where: 'tempmax > 30' }))).toContain(
      'column `tempmax` not found; columns are: date, precipitation, temp_max, temp_min, wind, weather',
    );
    expect(await failure(runModel('table.filter', { table: weather, where: 'd.tempmin > 3' }))).toContain('column `tempmin` not found');
    expect(await failure(runModel('table.filter', { table: weather, where: 'temp_max >' }))).toContain(
      'cannot use the expression `temp_max >`: it is not a valid expression',
    );
    expect(await failure(runModel('table.filter', { table: weather, where: 'fetch("https://example.com")' }))).toContain('unknown function');
    expect(await failure(runModel('table.filter', { table: weather, where: 'weather = "sun"' }))).toContain('use `==` to compare');
    expect(await failure(runModel('table.filter', { table: weather, where: 'wind > 3 and temp_max > 2' }))).toContain('write `&&` instead of `and`');
    expect((await runTable('table.filter', { table: weather, where: 'weather == "a=b" || wind >= 9' })).rowCount).toBe(
      weather.column('wind').filter((w) => (w as number) >= 9).length,
    );
    expect(await failure(runModel('table.filter', { table: 'not a table', where: 'x' }))).toContain('field "table" is invalid: expected a table, got string');
  });
});

describe('table.aggregate', () => {
  it('matches the same GROUP BY in sql.query', async () => {
    const weather = await seattleWeather();
    const out = await runTable('table.aggregate', {
      table: weather,
      groupBy: ['weather'],
      measures: [
        { op: 'count' },
        { op: 'mean', column: 'temp_max' },
        { op: 'min', column: 'temp_min', as: 'coldest' },
        { op: 'max', column: 'wind' },
        { op: 'sum', column: 'precipitation' },
      ],
    });
    expect(out.names).toEqual(['weather', 'count', 'mean_temp_max', 'coldest', 'max_wind', 'sum_precipitation']);
    const bySql = await sql(
      'SELECT weather, count(*) AS count, avg(temp_max) AS mean_temp_max, min(temp_min) AS coldest, max(wind) AS max_wind, sum(precipitation) AS sum_precipitation FROM a GROUP BY weather',
      weather,
    );
    const sortByWeather = (rows: Record<string, unknown>[]) => rows.sort((x, y) => String(x.weather).localeCompare(String(y.weather)));
    expect(rounded(sortByWeather(out.rows()))).toEqual(rounded(bySql.rows()));
  });

  it('aggregates the whole table without groups and checks measure columns', async () => {
    const weather = await seattleWeather();
    const out = await runTable('table.aggregate', { table: weather, measures: [{ op: 'count' }, { op: 'median', column: 'wind' }] });
    const winds = [...weather.column('wind')].map(Number).sort((a, b) => a - b);
    const middle = winds.length % 2 ? winds[(winds.length - 1) / 2] : ((winds[winds.length / 2 - 1] as number) + (winds[winds.length / 2] as number)) / 2;
    expect(out.rows()).toEqual([{ count: 1461, median_wind: middle }]);
    expect(await failure(runModel('table.aggregate', { table: weather, measures: [{ op: 'mean', column: 'temp' }] }))).toContain(
      'measure 1 (mean): column `temp` not found',
    );
    expect(await failure(runModel('table.aggregate', { table: weather, measures: [{ op: 'sum' }] }))).toContain('measure 1 (sum) needs a column');
    expect(await failure(runModel('table.aggregate', { table: weather, groupBy: ['kind'] }))).toContain('group by: column `kind` not found');
  });
});

describe('table.join', () => {
  const left = Table.fromColumns({ k: [1, 2, 3], v: ['a', 'b', 'c'] });
  const right = Table.fromColumns({ k: [2, 3, 4], w: ['B', 'C', 'D'] });
  const byK = (t: Table) => t.rows().sort((x, y) => (x.k as number) - (y.k as number));

  it.each([
    ['inner', 'SELECT a.k, v, w FROM a JOIN b ON a.k = b.k'],
    ['left', 'SELECT a.k, v, w FROM a LEFT JOIN b ON a.k = b.k'],
    ['right', 'SELECT b.k, v, w FROM b LEFT JOIN a ON a.k = b.k'],
    ['full', 'SELECT a.k, v, w FROM a LEFT JOIN b ON a.k = b.k UNION ALL SELECT b.k, NULL, w FROM b WHERE b.k NOT IN (SELECT k FROM a)'],
  ])('%s join matches SQL', async (how, query) => {
    const out = await runTable('table.join', { left, right, on: ['k'], how });
    expect(byK(out)).toEqual(byK(await sql(query, left, right)));
  });

  it('joins real data on several keys', async () => {
    const weather = await seattleWeather();
    const counts = await runTable('table.aggregate', { table: weather, groupBy: ['weather'], measures: [{ op: 'count', as: 'days' }] });
    const joined = await runTable('table.join', { left: weather, right: counts, on: ['weather'] });
    expect(joined.rowCount).toBe(1461);
    const firstRain = joined.rows().find((row) => row.weather === 'rain');
    expect(firstRain?.days).toBe(weather.column('weather').filter((w) => w === 'rain').length);
    expect(await failure(runModel('table.join', { left: weather, right: counts, on: ['date'] }))).toContain(
      'right table: column `date` not found; columns are: weather, days',
    );
  });
});

describe('reshaping models', () => {
  it('select and rename keep values and order', async () => {
    const weather = await seattleWeather();
    const picked = await runTable('table.select', { table: weather, columns: ['weather', 'date'] });
    expect(picked.names).toEqual(['weather', 'date']);
    expect(picked.column('date')).toBe(weather.column('date'));
    const renamed = await runTable('table.rename', { table: picked, names: { weather: 'kind' } });
    expect(renamed.names).toEqual(['kind', 'date']);
    expect(await failure(runModel('table.select', { table: weather, columns: ['nope'] }))).toContain('column `nope` not found');
    expect(await failure(runModel('table.rename', { table: weather, names: { nope: 'x' } }))).toContain('column `nope` not found');
  });

  it('derive computes per row as a loop does', async () => {
    const weather = await seattleWeather();
    const out = await runTable('table.derive', { table: weather, name: 'range', expression: 'temp_max - temp_min' });
    const expected = weather.rows().map((row) => (row.temp_max as number) - (row.temp_min as number));
    expect(out.column('range')).toEqual(expected);
    expect(out.names).toEqual([...weather.names, 'range']);
    const abs = await runTable('table.derive', { table: weather, name: 'cold', expression: 'op.abs(temp_min) * 2' });
    expect(abs.column('cold')[0]).toBe(Math.abs(weather.column('temp_min')[0] as number) * 2);
  });

  it('sort orders like SQL ORDER BY, limit slices, distinct drops repeats', async () => {
    const weather = await seattleWeather();
    const sorted = await runTable('table.sort', { table: weather, by: ['temp_max', 'date'], descending: true });
    const bySql = await sql('SELECT * FROM a ORDER BY temp_max DESC, date DESC', weather);
    expect(sorted.column('temp_max')).toEqual(bySql.column('temp_max'));
    expect(sorted.column('date').map((d) => (d as Date).toISOString())).toEqual(bySql.column('date'));
    const top = await runTable('table.limit', { table: sorted, count: 3, offset: 1 });
    expect(top.column('temp_max')).toEqual(bySql.column('temp_max').slice(1, 4));
    const kinds = await runTable('table.distinct', { table: weather, columns: ['weather'] });
    expect(kinds.column('weather')).toEqual([...new Set(weather.column('weather'))]);
    expect(kinds.rowCount).toBe(5);
    expect(await failure(runModel('table.limit', { table: weather, count: -1 }))).toContain('field "count" is invalid: cannot be negative');
  });

  it('union stacks rows and fills missing columns with nulls', async () => {
    const a = Table.fromColumns({ x: [1, 2], y: ['p', 'q'] });
    const b = Table.fromColumns({ x: [2, 3], z: [true, false] });
    const out = await runTable('table.union', { a, b });
    expect(out.rows()).toEqual([
      { x: 1, y: 'p', z: null },
      { x: 2, y: 'q', z: null },
      { x: 2, y: null, z: true },
      { x: 3, y: null, z: false },
    ]);
    const same = await runTable('table.union', { a, b: a, distinct: true });
    expect(same.rows()).toEqual(a.rows());
  });

  it('pivot and unpivot undo each other', async () => {
    const long = Table.fromColumns({ city: ['A', 'A', 'B', 'B', 'B'], year: ['y1', 'y2', 'y1', 'y2', 'y2'], sales: [1, 2, 3, 4, 5] });
    const wide = await runTable('table.pivot', { table: long, groupBy: ['city'], key: 'year', value: 'sales' });
    expect(wide.rows()).toEqual([
      { city: 'A', y1: 1, y2: 2 },
      { city: 'B', y1: 3, y2: 9 },
    ]);
    const back = await runTable('table.unpivot', { table: wide, columns: ['y1', 'y2'], keyName: 'year', valueName: 'sales' });
    expect(back.rows()).toEqual([
      { city: 'A', year: 'y1', sales: 1 },
      { city: 'A', year: 'y2', sales: 2 },
      { city: 'B', year: 'y1', sales: 3 },
      { city: 'B', year: 'y2', sales: 9 },
    ]);
    expect(await failure(runModel('table.unpivot', { table: wide, columns: ['y1'], keyName: 'city' }))).toContain('already has a column `city`');
  });

  it('describe agrees with SQL per column', async () => {
    const weather = await seattleWeather();
    const out = await runTable('table.describe', { table: weather });
    expect(out.column('column')).toEqual(weather.names);
    const stats = (await sql('SELECT count(temp_max) AS count, min(temp_max) AS min, max(temp_max) AS max, avg(temp_max) AS mean FROM a', weather)).row(0);
    const row = out.rows().find((r) => r.column === 'temp_max');
    expect(rounded([{ count: row?.count, min: row?.min, max: row?.max, mean: row?.mean }])).toEqual(rounded([stats]));
    expect(out.rows().find((r) => r.column === 'weather')).toMatchObject({ type: 'string', nulls: 0, min: 'drizzle', max: 'sun', mean: null });
    const withGaps = await runTable('table.describe', { table: Table.fromColumns({ n: [1, null, 3] }) });
    expect(withGaps.row(0)).toEqual({ column: 'n', type: 'number', count: 2, nulls: 1, min: 1, max: 3, mean: 2 });
  });

  it('cell, fromRows and toCSV convert between tables and plain values', async () => {
    const weather = await seattleWeather();
    expect(await runModel('table.cell', { table: weather, column: 'temp_max', row: 2 })).toEqual({ value: weather.column('temp_max')[2] });
    expect(await failure(runModel('table.cell', { table: weather, column: 'temp_max', row: 5000 }))).toContain(
      'row 5000 does not exist: the table has 1461 rows',
    );
    const rows = await runTable('table.fromRows', { rows: [{ a: 1 }, { a: 2, b: 'x' }] });
    expect(rows.rows()).toEqual([
      { a: 1, b: null },
      { a: 2, b: 'x' },
    ]);
    expect(await failure(runModel('table.fromRows', { rows: [{ a: 1 }, 5] }))).toContain('row 2 is number, not an object');
    const { text } = await runModel('table.toCSV', { table: rows, delimiter: ';' });
    expect(text).toBe('a;b\n1;\n2;x\n');
  });
});

describe('input.csv', () => {
  it('parses typed columns with a chosen delimiter', async () => {
    const out = await runTable('input.csv', { text: 'name;n;ok;day\n"x;y";1.5;true;2024-03-01\nz;;false;2024-03-02\n', delimiter: ';' });
    expect(out.rows()).toEqual([
      { name: 'x;y', n: 1.5, ok: true, day: new Date('2024-03-01') },
      { name: 'z', n: null, ok: false, day: new Date('2024-03-02') },
    ]);
  });
  it('reads tab-separated text when the delimiter is `tab`', async () => {
    const out = await runTable('input.csv', { text: 'a\tb\n1\tx y\n', delimiter: 'tab' });
    expect(out.rows()).toEqual([{ a: 1, b: 'x y' }]);
    expect(await failure(runModel('input.csv', { text: 'a\n1', delimiter: ';;' }))).toContain('the delimiter must be one character (or `tab`), not `;;`');
  });
  it('explains empty text and duplicate headers', async () => {
    expect(await failure(runModel('input.csv', { text: '  ' }))).toContain('the CSV text is empty');
    expect(await failure(runModel('input.csv', { text: 'a,a\n1,2' }))).toContain('names column `a` twice');
  });
});

describe('json models', () => {
  it('parse and format JSON, with the position of a mistake', async () => {
    expect(await runModel('json.parse', { text: '{"a":[1,2]}' })).toEqual({ value: { a: [1, 2] } });
    expect(await failure(runModel('json.parse', { text: '{"a":' }))).toMatch(/the text is not valid JSON: .+/);
    expect(await runModel('json.stringify', { value: { a: 1 }, indent: 0 })).toEqual({ text: '{"a":1}' });
  });
});
