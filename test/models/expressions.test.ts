/**
 * Differential tests of the row-expression language: every expression runs through the real
 * table.filter / table.derive models and is checked against a plain loop written here on its
 * own (or against the same condition in sql.query). The oracles spell out the documented rules
 * for empty cells: ordering against an empty cell is unknown and drops the row; `==`/`!=` are
 * strict, an empty cell equals only null; && || ! follow SQL's three-valued logic.
 */
import { describe, expect, it } from 'vitest';
import { Table } from '../../src/models';
import { checkExpression } from '../../src/models/table/expression';
import { runTable } from './helpers';
import { fixtureRows, fixtureTable, utc, type FixtureRow } from './expressions.fixture';

const rows = fixtureRows();
const table = fixtureTable(rows);

type Maybe = boolean | null;
const and3 = (a: Maybe, b: Maybe): Maybe => (a === false || b === false ? false : a === null || b === null ? null : true);
const or3 = (a: Maybe, b: Maybe): Maybe => (a === true || b === true ? true : a === null || b === null ? null : false);
const not3 = (a: Maybe): Maybe => (a === null ? null : !a);
/** `a > b` when both are present, else unknown. */
const when = <T>(value: T | null, test: (value: T) => Maybe): Maybe => (value === null ? null : test(value));
const time = (date: Date | null) => (date === null ? null : date.getTime());

async function keptIds(where: string): Promise<number[]> {
  return (await runTable('table.filter', { table, where })).column('id') as number[];
}

const filterCases: [string, (r: FixtureRow) => Maybe][] = [
  // comparisons and empty cells
  ['temp > 20', (r) => when(r.temp, (t) => t > 20)],
  ['temp >= 20.5', (r) => when(r.temp, (t) => t >= 20.5)],
  ['temp < 0', (r) => when(r.temp, (t) => t < 0)],
  ['temp <= -3.5', (r) => when(r.temp, (t) => t <= -3.5)],
  ['temp == 12', (r) => r.temp === 12],
  ['temp === 12', (r) => r.temp === 12],
  ['temp != 12', (r) => r.temp !== 12],
  ['temp == null', (r) => r.temp === null],
  ['temp != null', (r) => r.temp !== null],
  ['12 < temp', (r) => when(r.temp, (t) => 12 < t)],
  ['temp > `max temp` - 3', (r) => (r.temp === null || r['max temp'] === null ? null : r.temp > r['max temp'] - 3)],
  ['city == "Paris"', (r) => r.city === 'Paris'],
  ['city != "Paris"', (r) => r.city !== 'Paris'],
  ['city == null', (r) => r.city === null],
  ['city == ""', (r) => r.city === ''],
  ['city > "M"', (r) => when(r.city, (c) => c > 'M')],
  // membership
  ['["Paris","Nice"].includes(city)', (r) => r.city === 'Paris' || r.city === 'Nice'],
  ['city in ["Paris", "Nice"]', (r) => r.city === 'Paris' || r.city === 'Nice'],
  ['!(city in ["Paris", "Nice"])', (r) => !(r.city === 'Paris' || r.city === 'Nice')],
  ['[null, "Lyon"].includes(city)', (r) => r.city === null || r.city === 'Lyon'],
  ['rain in [0, 1]', (r) => r.rain === 0 || r.rain === 1],
  ['[rain, 3].includes(4)', (r) => r.rain === 4],
  // logic
  [
    'temp > 10 && rain == 0',
    (r) =>
      and3(
        when(r.temp, (t) => t > 10),
        r.rain === 0,
      ),
  ],
  [
    'temp > 25 || rain > 8',
    (r) =>
      or3(
        when(r.temp, (t) => t > 25),
        r.rain > 8,
      ),
  ],
  ['!(temp > 10)', (r) => not3(when(r.temp, (t) => t > 10))],
  [
    '(temp > 10 || city == "Nice") && rain < 5',
    (r) =>
      and3(
        or3(
          when(r.temp, (t) => t > 10),
          r.city === 'Nice',
        ),
        r.rain < 5,
      ),
  ],
  [
    'temp > 10 || temp <= 10',
    (r) =>
      or3(
        when(r.temp, (t) => t > 10),
        when(r.temp, (t) => t <= 10),
      ),
  ],
  ['sunny', (r) => r.sunny],
  ['!sunny', (r) => not3(r.sunny)],
  ['sunny == false', (r) => r.sunny === false],
  ['sunny != true', (r) => r.sunny !== true],
  [
    'sunny && temp > 15',
    (r) =>
      and3(
        r.sunny,
        when(r.temp, (t) => t > 15),
      ),
  ],
  // dates
  ['date > "2023-01-31"', (r) => when(time(r.date), (t) => t > utc('2023-01-31'))],
  ['date >= "2023-02-01"', (r) => when(time(r.date), (t) => t >= utc('2023-02-01'))],
  ['date < "2023-01-15"', (r) => when(time(r.date), (t) => t < utc('2023-01-15'))],
  ['date == "2023-02-14"', (r) => time(r.date) === utc('2023-02-14')],
  ['date != "2023-02-14"', (r) => time(r.date) !== utc('2023-02-14')],
  ['date >= date("2023-02-01")', (r) => when(time(r.date), (t) => t >= utc('2023-02-01'))],
  ['date >= date(2023, 2, 1) && date < date(2023, 3, 1)', (r) => when(r.date, (d) => d.getUTCFullYear() === 2023 && d.getUTCMonth() === 1)],
  ['month(date) == 2', (r) => when(r.date, (d) => d.getUTCMonth() + 1 === 2)],
  ['month(date) >= 3', (r) => when(r.date, (d) => d.getUTCMonth() + 1 >= 3)],
  ['year(date) == 2022', (r) => when(r.date, (d) => d.getUTCFullYear() === 2022)],
  ['day(date) == 1', (r) => when(r.date, (d) => d.getUTCDate() === 1)],
  ['weekday(date) == 0 || weekday(date) == 6', (r) => when(r.date, (d) => d.getUTCDay() === 0 || d.getUTCDay() === 6)],
  ['date in ["2023-01-01", "2023-02-14"]', (r) => time(r.date) === utc('2023-01-01') || time(r.date) === utc('2023-02-14')],
  ['["2023-01-01", "2023-02-14"].includes(date)', (r) => time(r.date) === utc('2023-01-01') || time(r.date) === utc('2023-02-14')],
  ['stamp >= "2023-01-10T12:00Z"', (r) => when(time(r.stamp), (t) => t >= Date.UTC(2023, 0, 10, 12))],
  ['stamp < "2023-01-10T13:00+01:00"', (r) => when(time(r.stamp), (t) => t < Date.UTC(2023, 0, 10, 12))],
  ['hour(stamp) < 12 && minute(stamp) == 30', (r) => when(r.stamp, (s) => s.getUTCHours() < 12 && s.getUTCMinutes() === 30)],
  ['date - date("2023-01-01") >= 86400000 * 30', (r) => when(time(r.date), (t) => t - utc('2023-01-01') >= 86_400_000 * 30)],
  ['String(date).startsWith("2023-02")', (r) => when(r.date, (d) => d.toISOString().slice(0, 10).startsWith('2023-02'))],
  // text
  ['city.startsWith("Pa")', (r) => when(r.city, (c) => c.startsWith('Pa'))],
  ['city.endsWith("e")', (r) => when(r.city, (c) => c.endsWith('e'))],
  ['city.includes("an")', (r) => when(r.city, (c) => c.includes('an'))],
  ['city.toLowerCase() == "paris"', (r) => r.city !== null && r.city.toLowerCase() === 'paris'],
  ['city.toUpperCase().startsWith("SAINT")', (r) => when(r.city, (c) => c.toUpperCase().startsWith('SAINT'))],
  ['city.length > 4', (r) => when(r.city, (c) => c.length > 4)],
  ['city.trim() != city', (r) => r.city !== null && r.city.trim() !== r.city],
  ['code.slice(0, 1) == "A"', (r) => r.code !== null && r.code.slice(0, 1) === 'A'],
  ['!city.startsWith("P")', (r) => not3(when(r.city, (c) => c.startsWith('P')))],
  ['city != null && city.length == 0', (r) => r.city === ''],
  ['city?.startsWith("N")', (r) => when(r.city, (c) => c.startsWith('N'))],
  ['code.toLowerCase().includes("b")', (r) => when(r.code, (c) => c.toLowerCase().includes('b'))],
  ['Number(code.slice(2)) > 50', (r) => when(r.code, (c) => (Number.isNaN(Number(c.slice(2))) ? null : Number(c.slice(2)) > 50))],
  ['(city + "!").length > 6', (r) => when(r.city, (c) => (c + '!').length > 6)],
  ['String(rain) == "3"', (r) => String(r.rain) === '3'],
  // column forms
  ['`max temp` > 20', (r) => when(r['max temp'], (t) => t > 20)],
  ['d["max temp"] > 20', (r) => when(r['max temp'], (t) => t > 20)],
  ['d.temp > 20', (r) => when(r.temp, (t) => t > 20)],
  [
    'd => d.temp > 20 && d.city == "Nice"',
    (r) =>
      and3(
        when(r.temp, (t) => t > 20),
        r.city === 'Nice',
      ),
  ],
  ['row => row.rain == 0', (r) => r.rain === 0],
  // numbers
  ['abs(temp) > 10', (r) => when(r.temp, (t) => Math.abs(t) > 10)],
  ['round(temp) == 12', (r) => when(r.temp, (t) => Math.round(t) === 12)],
  ['floor(temp) == 12', (r) => when(r.temp, (t) => Math.floor(t) === 12)],
  ['ceil(temp) == 13', (r) => when(r.temp, (t) => Math.ceil(t) === 13)],
  ['round(temp) == -3', (r) => when(r.temp, (t) => Math.round(t) === -3)],
  ['min(temp, `max temp`) < 5', (r) => (r.temp === null || r['max temp'] === null ? null : Math.min(r.temp, r['max temp']) < 5)],
  ['max(rain, 3) == 3', (r) => Math.max(r.rain, 3) === 3],
  ['Math.sqrt(rain) >= 2', (r) => Math.sqrt(r.rain) >= 2],
  ['Math.PI * temp > 50', (r) => when(r.temp, (t) => Math.PI * t > 50)],
  ['op.abs(temp) > 10', (r) => when(r.temp, (t) => Math.abs(t) > 10)],
  ['temp * 2 + 1 > 30', (r) => when(r.temp, (t) => t * 2 + 1 > 30)],
  ['(temp - 32) * 5 / 9 > -10', (r) => when(r.temp, (t) => ((t - 32) * 5) / 9 > -10)],
  ['rain % 2 == 0', (r) => r.rain % 2 === 0],
  ['rain ** 2 > 20', (r) => r.rain ** 2 > 20],
  ['-temp > 0', (r) => when(r.temp, (t) => -t > 0)],
  ['temp / 0 > 1000', (r) => when(r.temp, (t) => t / 0 > 1000)],
  ['(temp ?? 0) > 0', (r) => (r.temp ?? 0) > 0],
  // a value computed from an empty cell is unknown: == and != with it drop the row
  ['temp * 2 == temp + 12', (r) => when(r.temp, (t) => t * 2 === t + 12)],
  ['temp * 2 != temp + 12', (r) => when(r.temp, (t) => t * 2 !== t + 12)],
  ['!(temp * 2 == temp + 12)', (r) => not3(when(r.temp, (t) => t * 2 === t + 12))],
  ['max(temp, 12) == temp', (r) => when(r.temp, (t) => Math.max(t, 12) === t)],
  ['Math.max(temp, 12) != 12', (r) => when(r.temp, (t) => Math.max(t, 12) !== 12)],
  ['city.toLowerCase() != "paris"', (r) => when(r.city, (c) => c.toLowerCase() !== 'paris')],
  ['temp * 2 == null', (r) => r.temp === null],
  ['temp * 2 != null', (r) => r.temp !== null],
  ['[24, 0].includes(temp * 2)', (r) => when(r.temp, (t) => t * 2 === 24 || t * 2 === 0)],
  ['temp * 2 in [null, 24]', (r) => r.temp === null || r.temp * 2 === 24],
  ['[temp * 2, 5].includes(rain)', (r) => (r.rain === 5 ? true : when(r.temp, (t) => t * 2 === r.rain))],
  ['(sunny ? temp : rain) > 5', (r) => when(r.sunny === true ? r.temp : r.rain, (v) => v > 5)],
  [
    'temp > 10 && city in ["Paris", "Nice"] && date >= "2023-02-01"',
    (r) =>
      and3(
        and3(
          when(r.temp, (t) => t > 10),
          r.city === 'Paris' || r.city === 'Nice',
        ),
        when(time(r.date), (t) => t >= utc('2023-02-01')),
      ),
  ],
];

describe('table.filter keeps the rows a plain loop keeps', () => {
  it('has at least 60 expressions, each keeping some rows and dropping others', () => {
    expect(filterCases.length).toBeGreaterThanOrEqual(60);
  });

  it.each(filterCases)('%s', async (where, oracle) => {
    const expected = rows.filter((row) => oracle(row) === true).map((row) => row.id);
    expect(await keptIds(where)).toEqual(expected);
  });

  it('each case discriminates: most keep some rows and drop others', () => {
    const trivial = filterCases.filter(([, oracle]) => {
      const kept = rows.filter((row) => oracle(row) === true).length;
      return kept === 0 || kept === rows.length;
    });
    // Only the exact-value lookups may keep everything or nothing, and none does on this fixture.
    expect(trivial.map(([where]) => where)).toEqual([]);
  });
});

const deriveCases: [string, (r: FixtureRow) => unknown][] = [
  ['temp * 2', (r) => (r.temp === null ? null : r.temp * 2)],
  ['temp + rain', (r) => (r.temp === null ? null : r.temp + r.rain)],
  ['month(date)', (r) => (r.date === null ? null : r.date.getUTCMonth() + 1)],
  ['year(date)', (r) => (r.date === null ? null : r.date.getUTCFullYear())],
  ['day(date)', (r) => (r.date === null ? null : r.date.getUTCDate())],
  ['weekday(date)', (r) => (r.date === null ? null : r.date.getUTCDay())],
  ['String(date)', (r) => (r.date === null ? null : r.date.toISOString().slice(0, 10))],
  [
    'String(stamp)',
    (r) =>
      r.stamp === null ? null : r.stamp.getUTCHours() === 0 && r.stamp.getUTCMinutes() === 0 ? r.stamp.toISOString().slice(0, 10) : r.stamp.toISOString(),
  ],
  ['city.toUpperCase()', (r) => (r.city === null ? null : r.city.toUpperCase())],
  ['city + "-" + rain', (r) => (r.city === null ? null : `${r.city}-${r.rain}`)],
  ['temp ?? 0', (r) => r.temp ?? 0],
  ['temp > 20 ? "warm" : "cool"', (r) => (r.temp !== null && r.temp > 20 ? 'warm' : 'cool')],
  ['round(temp * 10) / 10', (r) => (r.temp === null ? null : Math.round(r.temp * 10) / 10)],
  ['city.length', (r) => (r.city === null ? null : r.city.length)],
  [
    'sunny && temp > 20',
    (r) =>
      and3(
        r.sunny,
        when(r.temp, (t) => t > 20),
      ),
  ],
  ['date >= "2023-02-01"', (r) => when(time(r.date), (t) => t >= utc('2023-02-01'))],
  ['city in ["Paris", "Nice"]', (r) => r.city === 'Paris' || r.city === 'Nice'],
  ['max(temp, 0)', (r) => (r.temp === null ? null : Math.max(r.temp, 0))],
  ['Number(code.slice(2))', (r) => (r.code === null || Number.isNaN(Number(r.code.slice(2))) ? null : Number(r.code.slice(2)))],
  ['code.slice(-2)', (r) => (r.code === null ? null : r.code.slice(-2))],
  ['temp.toFixed(1)', (r) => (r.temp === null ? null : r.temp.toFixed(1))],
  ['(date - date("2023-01-01")) / 86400000', (r) => (r.date === null ? null : (r.date.getTime() - utc('2023-01-01')) / 86_400_000)],
  ['hour(stamp)', (r) => (r.stamp === null ? null : r.stamp.getUTCHours())],
  ['Math.hypot(temp, rain)', (r) => (r.temp === null ? null : Math.hypot(r.temp, r.rain))],
  ['42', () => 42],
];

describe('table.derive computes what a plain loop computes', () => {
  it.each(deriveCases)('%s', async (expression, oracle) => {
    const out = await runTable('table.derive', { table, name: 'out', expression });
    expect(out.column('out')).toEqual(rows.map(oracle));
  });

  it('gives dates as dates, replaces a column in place and adds a new one last', async () => {
    const dated = await runTable('table.derive', { table, name: 'start', expression: 'date("2023-01-01")' });
    expect(dated.column('start')[5]).toEqual(new Date(Date.UTC(2023, 0, 1)));
    expect(dated.names.at(-1)).toBe('start');
    const replaced = await runTable('table.derive', { table, name: 'temp', expression: 'temp ?? 0' });
    expect(replaced.names).toEqual(table.names);
    expect(replaced.column('temp')).toEqual(rows.map((r) => r.temp ?? 0));
  });
});

describe('the same condition in sql.query keeps the same rows', () => {
  const viaSql = async (where: string) => (await runTable('sql.query', { a: table, query: `SELECT id FROM a WHERE ${where} ORDER BY id` })).column('id');
  const sqlCases: [string, string][] = [
    ['temp > 20 && city == "Paris"', "temp > 20 AND city = 'Paris'"],
    ['city in ["Paris", "Nice"]', "city IN ('Paris', 'Nice')"],
    ['date >= "2023-02-01" && date < "2023-03-01"', "date >= '2023-02-01' AND date < '2023-03-01'"],
    ['temp == null', 'temp IS NULL'],
    ['!(temp > 10)', 'NOT (temp > 10)'],
    ['(temp > 10 || city == "Nice") && rain < 5', "(temp > 10 OR city = 'Nice') AND rain < 5"],
    ['city.startsWith("Pa")', "substr(city, 1, 2) = 'Pa'"],
    ['month(date) == 2', "CAST(strftime('%m', date) AS INTEGER) = 2"],
    ['weekday(date) == 0', "strftime('%w', date) = '0'"],
    ['abs(temp) > 10', 'abs(temp) > 10'],
    ['sunny', 'sunny = 1'],
    ['!sunny', 'NOT sunny'],
    ['temp * 2 == temp', 'temp * 2 = temp'],
    ['Math.max(temp, 30) == temp', 'max(temp, 30) = temp'],
    ['temp * 2 != temp + 12', 'temp * 2 <> temp + 12'],
    ['city.toLowerCase() != "paris"', "lower(city) <> 'paris'"],
    ['!(temp * 2 == temp + 12)', 'NOT (temp * 2 = temp + 12)'],
  ];
  it.each(sqlCases)('%s', async (expression, where) => {
    expect(await keptIds(expression)).toEqual(await viaSql(where));
  });
});

describe('the editor’s check', () => {
  it('takes any name as a column before a run and checks kinds once they are known', () => {
    expect(checkExpression('anything > 3', null, 'condition')).toEqual({ ok: true, type: 'boolean' });
    expect(checkExpression('temp + 1', [{ name: 'temp', type: 'number' }], 'value')).toEqual({ ok: true, type: 'number' });
    const check = checkExpression('temp + 1', [{ name: 'temp', type: 'number' }], 'condition');
    expect(check).toMatchObject({ ok: false, start: 0, end: 8 });
    expect(check.ok ? '' : check.message).toContain('a condition must be true or false');
    expect(checkExpression('tempp > 1', [{ name: 'temp' }], 'condition')).toMatchObject({
      ok: false,
      message: expect.stringContaining('did you mean `temp`?'),
    });
  });

  it('a table with no rows filters to no rows without evaluating anything', async () => {
    const empty = Table.fromColumns({ date: [], city: [] });
    expect((await runTable('table.filter', { table: empty, where: 'city in ["Paris"] && date > "2023-01-01"' })).rowCount).toBe(0);
  });
});
