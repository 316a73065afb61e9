/** The table viewer's sort and search (computed over the whole table), against plain loops. */
import { describe, expect, it } from 'vitest';
import { Table } from '../../src/models';
import { viewPage, viewRows } from '../../src/models/table/rowView';
import { cellText } from '../../src/models/table/cellText';
import { seattleWeather } from './helpers';

const all = (table: Table) => Array.from({ length: table.rowCount }, (_, i) => i);

describe('sorting the viewer by a column', () => {
  it('orders numbers as numbers, empty cells first, ties in table order (stable)', () => {
    const n = [3, null, 1, 2, 1, NaN, 10];
    const table = Table.fromColumns({ n, id: n.map((_, i) => i) });
    const empty = (v: unknown) => v === null || Number.isNaN(v);
    const expected = all(table).sort((a, b) => {
      const [x, y] = [n[a], n[b]];
      if (empty(x) || empty(y)) return Number(!empty(x)) - Number(!empty(y));
      return (x as number) - (y as number);
    });
    expect([...(viewRows(table, { sortBy: 'n' }) ?? [])]).toEqual(expected);
    // Descending reverses the order of the cells, but rows with equal cells keep theirs.
    expect([...(viewRows(table, { sortBy: 'n', descending: true }) ?? [])]).toEqual([6, 0, 3, 2, 4, 1, 5]);
  });

  it('orders the Seattle weather by date and by temperature as a plain sort does', async () => {
    const weather = await seattleWeather();
    const byTemp = viewRows(weather, { sortBy: 'temp_max', descending: true });
    const temps = weather.column('temp_max') as number[];
    expect(Array.from(byTemp ?? [], (row) => temps[row])).toEqual([...temps].sort((a, b) => b - a));
    const dates = weather.column('date') as Date[];
    const byDate = viewRows(weather, { sortBy: 'date', descending: true });
    expect(Array.from(byDate ?? [], (row) => dates[row]?.getTime())).toEqual(dates.map((d) => d.getTime()).sort((a, b) => b - a));
  });

  it('orders text as a person reads it: numbers inside by value, case aside', () => {
    const names = ['b10', 'B2', 'a', 'b1', 'A', null];
    const table = Table.fromColumns({ name: names });
    const collator = new Intl.Collator('en', { numeric: true, sensitivity: 'base' });
    const expected = all(table).sort((a, b) => {
      const [x, y] = [names[a], names[b]];
      if (x === null || y === null) return Number(x !== null) - Number(y !== null);
      return collator.compare(x as string, y as string);
    });
    expect([...(viewRows(table, { sortBy: 'name' }) ?? [])]).toEqual(expected);
  });

  it('is null for a view that changes nothing, and names a column that is not there', () => {
    const table = Table.fromColumns({ n: [1] });
    expect(viewRows(table, {})).toBeNull();
    expect(viewRows(table, { search: '  ' })).toBeNull();
    expect(() => viewRows(table, { sortBy: 'm' })).toThrow('column `m` not found; columns are: n');
  });
});

describe('searching the viewer', () => {
  it('keeps the rows with a cell containing the text as shown, ignoring case', async () => {
    const weather = await seattleWeather();
    for (const search of ['SUN', '2014-07', '20.6', 'drizzle']) {
      const needle = search.toLowerCase();
      const expected = all(weather).filter((row) => weather.columns.some((column) => cellText(column[row]).toLowerCase().includes(needle)));
      expect([...(viewRows(weather, { search }) ?? [])]).toEqual(expected);
      expect(expected.length).toBeGreaterThan(0);
    }
  });

  it('finds a rounded number by its full digits too', () => {
    const table = Table.fromColumns({ x: [20.397499999999994, 1] });
    expect([...(viewRows(table, { search: '20.3975' }) ?? [])]).toEqual([0]);
    expect([...(viewRows(table, { search: '3974999' }) ?? [])]).toEqual([0]);
  });

  it('cuts pages of the view in its order', () => {
    const table = Table.fromColumns({ n: [5, 4, 3, 2, 1], s: ['e', 'd', 'c', 'b', 'a'] });
    const rows = viewRows(table, { sortBy: 'n' });
    expect(viewPage(table, rows, 1, 2)).toEqual([
      [2, 3],
      ['b', 'c'],
    ]);
    expect(viewPage(table, null, 3, 5)).toEqual([
      [2, 1],
      ['b', 'a'],
    ]);
  });
});
