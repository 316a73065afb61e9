/**
 * One test per error message of the expression language (docs/expressions.md lists them): each
 * wrong form fails through the real models with a message naming the form and what to write.
 */
import { describe, expect, it } from 'vitest';
import { checkExpression } from '../../src/models/table/expression';
import { failure, runModel } from './helpers';
import { fixtureTable, mixedTable } from './expressions.fixture';

const table = fixtureTable();
const filterFails = (where: string, t = table) => failure(runModel('table.filter', { table: t, where }));
const deriveFails = (expression: string, t = table) => failure(runModel('table.derive', { table: t, name: 'out', expression }));

/** [expression, the part of the message that says what is wrong and what to write] for table.filter. */
const filterErrors: [string, string][] = [
  // syntax and habits from SQL
  ['temp >', 'it is not a valid expression: it ends after `temp >`, where more should follow'],
  ['temp > 3)', 'it is not a valid expression: `)` is unexpected after `temp > 3`'],
  ['city == "Paris', 'has no closing quote'],
  ['city = "Paris"', 'use `==` to compare (a single `=` assigns)'],
  ['temp = 1 && rain = 2', 'use `==` to compare'],
  ['temp > 3 and rain < 2', 'write `&&` instead of `and`'],
  ['temp > 3 OR rain < 2', 'write `||` instead of `OR`'],
  ['not sunny', 'write `!` instead of `not`'],
  ['temp <> 3', 'write `!=` for “not equal” (`<>` is SQL)'],
  ['temp > 3 & rain < 2', 'write `&&` for “and”'],
  ['temp > 3 | rain < 2', 'write `||` for “or”'],
  ['temp ^ 2 > 3', 'write `**` for a power'],
  ['city IS NULL', 'write `city == null` instead of IS NULL'],
  ['`max temp` is not null', 'write `` `max temp` != null `` instead of IS NOT NULL'],
  ['city LIKE "P%"', 'write city.includes("…"), city.startsWith("…") or city.endsWith("…") instead of LIKE'],
  ['temp BETWEEN 1 AND 5', 'write temp >= low && temp <= high instead of BETWEEN'],
  // names
  ['tempp > 3', 'column `tempp` not found; columns are: id, date, stamp, city, code, temp, max temp, rain, sunny (did you mean `temp`?)'],
  ['d.rian > 3', 'column `rian` not found'],
  ['`max  temp` > 3', 'column `max  temp` not found'],
  ['d > 3', '`d` stands for the whole row: write d.column or d["column name"]'],
  ['abs > 3', '`abs` is a function: call it with parentheses, e.g. abs(x)'],
  ['city(1) == 2', '`city` is a column, not a function'],
  // functions and methods
  ['fetch("https://example.com")', 'unknown function `fetch`; the functions are: abs, round'],
  ['lower(city) == "paris"', 'unknown function `lower`: write city.toLowerCase()'],
  ['mnth(date) == 2', 'unknown function `mnth` (did you mean `month`?)'],
  ['Math.random() > 0.5', '`Math.random` is not available: an expression gives the same answer on every run'],
  ['Math.foo(temp) > 1', 'unknown function `Math.foo`'],
  ['op.month(date) == 1', "`op.month` was arquero's; write month(x) (months count 1–12 here, not 0–11)"],
  [
    'city.foo()',
    'unknown method `city.foo()`: on text you can use startsWith(), endsWith(), includes(), toLowerCase(), toUpperCase(), trim(), slice(), length',
  ],
  ['date.getMonth() == 1', 'unknown method `date.getMonth()`: write month(date) (months count 1–12)'],
  ['city.size > 3', 'unknown method `city.size`'],
  ['city.length() > 3', '`length` is read without parentheses: city.length'],
  ['city.trim == "a"', '`trim` is a method: call it with parentheses, city.trim()'],
  ['temp.startsWith("1")', '.startsWith() works on text, but `temp` is a number: to use it as text write String(temp).startsWith(…)'],
  ['round(temp, 2) > 1', 'round(x) rounds to a whole number and takes one argument: for 2 decimals write round(x * 100) / 100'],
  ['abs() > 1', '`abs` takes 1 argument (abs(x)), not 0'],
  ['month(temp) == 2', 'month(…) needs a date here, but `temp` is a number'],
  ['abs(city) > 2', 'abs(…) needs a number here, but `city` is text: to read text as a number write Number(city)'],
  ['city.startsWith(3)', 'city.startsWith(…) needs text here, but `3` is a number'],
  // conditions
  ['temp + 1', 'a condition must be true or false for each row, but `temp + 1` gives a number: compare it, e.g. temp + 1 > 0'],
  ['city', 'a condition must be true or false for each row, but `city` gives text'],
  ['temp && city == "Nice"', '`&&` joins conditions that are true or false, but `temp` is a number: compare it, e.g. temp > 0'],
  ['city || sunny', '`||` joins conditions that are true or false, but `city` is text'],
  ['!city', '`!` turns a condition (true or false) around, but `city` is text: to negate a whole condition, put it in parentheses'],
  ['!city in ["Paris"]', '`!` turns a condition (true or false) around'],
  // kinds in comparisons
  ['date > "Feb 1"', '`date` is a date, so `"Feb 1"` must be a date too: "Feb 1" is not a date: write dates as ISO text, e.g. "2023-02-01"'],
  ['date > "2023-02-30"', '"2023-02-30" is not a date'],
  ['stamp > "2023-01-10T12:00"', '"2023-01-10T12:00" has a time but no time zone: add Z for UTC'],
  ['date > 2023', 'cannot compare `date` (a date) with `2023` (a number): compare a date with a date such as "2023-02-01", or use year(d), month(d), day(d)'],
  ['date > code', 'cannot compare `date` (a date) with `code` (text): read the text as a date with date(code)'],
  ['temp > "20"', 'cannot compare `temp` (a number) with `"20"` (text): write the number without quotes, e.g. temp > 20'],
  ['sunny == "true"', 'write true without quotes'],
  ['"max temp" > 20', 'to use the column `max temp`, write its name in backticks, not quotes'],
  ['"city" == "Paris"', '`"city"` is text here; to use the column `city`, write its name in backticks'],
  ['temp > null', 'nothing is smaller or greater than an empty cell: to find empty cells write temp == null'],
  ['sunny > false', 'true/false values cannot be ordered with `>`: compare them with == or !='],
  // lists
  ['city in cities', '`in` needs a list in square brackets, e.g. city in ["Paris", "Nice"]'],
  ['"Par" in city', '`in` tests membership of a list; to find text inside a column write city.includes("Par")'],
  ['city in ("Paris", "Nice")', 'write the list in square brackets: city in ["Paris", "Nice"]'],
  ['temp in ["1", "2"]', 'the list holds `"1"` (text) but `temp` is a number: write the numbers without quotes'],
  ['["Paris"].indexOf(city) >= 0', 'a list […] can only be asked `.includes(x)`, not `.indexOf`'],
  // other JavaScript
  ['/Par/.test(city)', 'regular expressions are not supported: use text.includes("…")'],
  ['`${city}` == "x"', 'backticks name a column; `${…}` inside them is not supported'],
  ['date > new Date("2023-01-01")', 'write date("2023-02-01") for a date'],
  ['typeof temp == "number"', '`typeof` is not part of the expression language: to test for empty cells write x == null'],
  ['temp > 1, rain > 2', "a comma only separates a function's arguments or a list's items"],
  ['d => { return d.temp > 1 }', 'write the expression itself (e.g. temp > 20), or one row parameter: d => d.temp > 20'],
  ['temp++ > 1', '`++` and `--` change a value; write x + 1 or x - 1'],
  ['({a: 1}).a == 1', 'objects `{…}` are not part of the expression language'],
  ['date(2023, 13, 1) > date', 'is not a date: write whole numbers, the month 1–12 and the day 1–31'],
];

describe('table.filter names each wrong form and says what to write', () => {
  it.each(filterErrors)('%s', async (where, expected) => {
    const message = await filterFails(where);
    expect(message).toContain(`cannot use the expression ${where.includes('`') ? `\`\` ${where} \`\`` : `\`${where}\``}: `);
    expect(message).toContain(expected);
  });

  it('an empty expression (only spaces) says so', async () => {
    expect(await filterFails('   ')).toContain('the expression is empty');
  });

  it('a column of mixed kinds is checked at each row, and the message names the row', async () => {
    const mixed = mixedTable();
    expect(await filterFails('mixed > 3', mixed)).toContain(
      'cannot use the expression `mixed > 3` at row 1 (rows count from 0): cannot compare "five" (text) with 3 (a number)',
    );
    expect(await filterFails('mixed', mixed)).toContain(
      'at row 0 (rows count from 0): a condition must be true or false for each row, but `mixed` is 5 (a number)',
    );
    expect(await filterFails('abs(mixed) > 1', mixed)).toContain('at row 1 (rows count from 0): abs(…) needs a number, but `mixed` is "five"');
  });
});

describe('table.derive names each wrong form', () => {
  it('unlike a filter, any kind of value is fine; the branches of ? : must agree', async () => {
    expect(await deriveFails('temp > 1 ? "warm" : 2')).toContain('the two sides of `? :` give text (`"warm"`) and a number (`2`): make them the same kind');
    expect(await deriveFails('temp ?? "none"')).toContain('the two sides of `??` give a number (`temp`) and text (`"none"`)');
  });

  it('text that is not a date fails at its row when read with date()', async () => {
    expect(await deriveFails('date(code)')).toMatch(/cannot use the expression `date\(code\)` at row \d+ \(rows count from 0\): "A-12" is not a date/);
  });

  it('lists stand only in membership tests; arithmetic needs numbers', async () => {
    expect(await deriveFails('["a", "b"]')).toContain('a list `["a", "b"]` can only be used to test membership');
    expect(await deriveFails('city * 2')).toContain('`*` works on numbers, but `city` is text: to read text as a number write Number(city)');
    expect(await deriveFails('date + 1')).toContain('`+` works on numbers, but `date` is a date: use year(d), month(d), day(d)');
  });
});

describe('the editor check gives the same messages with the span to underline', () => {
  it('points at the part that is wrong', () => {
    const source = 'temp > 3 && city = "x"';
    const check = checkExpression(
      source,
      [
        { name: 'temp', type: 'number' },
        { name: 'city', type: 'text' },
      ],
      'condition',
    );
    expect(check).toEqual({ ok: false, message: 'use `==` to compare (a single `=` assigns)', start: 17, end: 18 });
    const unknown = checkExpression('abs(temp) > foo(1)', [{ name: 'temp', type: 'number' }], 'condition');
    expect(unknown.ok ? null : [unknown.start, unknown.end]).toEqual([12, 15]);
  });
});
