import { describe, expect, it } from 'vitest';
import { approximateSize, decodeValue, describeType, encodeValue, hashValue, SqliteState, valuesEqual, Workflow, State } from '../../src/engine';
import { parseCsv, Table, toCSV } from '../../src/models';
import { seattleWeather } from './helpers';

describe('The table type', () => {
  it('is built from columns or rows and read by index', () => {
    const table = Table.fromRows([
      { a: 1, b: 'x' },
      { a: 2, c: true },
    ]);
    expect(table.names).toEqual(['a', 'b', 'c']);
    expect(table.rowCount).toBe(2);
    expect(table.row(1)).toEqual({ a: 2, b: null, c: true });
    expect(table.columnTypes()).toEqual({ a: 'number', b: 'string', c: 'boolean' });
    expect(Table.fromColumns({ a: [1, 'x'] }).columnType('a')).toBe('mixed');
  });

  it('refuses ragged columns and duplicate names in words', () => {
    expect(() => Table.fromColumns({ a: [1, 2], b: [1] })).toThrow('column `b` has 1 values but `a` has 2');
    expect(() =>
      Table.fromColumns([
        ['a', [1]],
        ['a', [2]],
      ]),
    ).toThrow('column `a` appears twice');
  });

  it('names the columns when one is missing', async () => {
    const weather = await seattleWeather();
    expect(() => weather.column('tempmax')).toThrow('column `tempmax` not found; columns are: date, precipitation, temp_max, temp_min, wind, weather');
  });

  it('describes itself for state panels', async () => {
    const weather = await seattleWeather();
    expect(describeType(weather)).toBe('table 1461 × 6');
    expect(approximateSize(weather)).toBeGreaterThan(1461 * 6 * 8);
  });

  it('sizes a table by its cells, the same for every table sharing a column', () => {
    const table = Table.fromColumns([
      ['s', ['ab', null, '']],
      ['n', [1, 2.5, null]],
    ]);
    // A string: 8 bytes and 2 a character; anything else 8.
    expect(approximateSize(table)).toBe(8 + 4 + 8 + 8 + 3 * 8);
    expect(approximateSize(table)).toBe(52);
    expect(approximateSize(Table.fromColumns([['again', table.column('s')]]))).toBe(28);
  });

  it('compares by content and hashes equal when equal', async () => {
    const weather = await seattleWeather();
    const copy = Table.fromColumns(weather.names.map((name) => [name, [...weather.column(name)]] as [string, unknown[]]));
    expect(copy).not.toBe(weather);
    expect(valuesEqual(copy, weather)).toBe(true);
    expect(hashValue(copy)).toBe(hashValue(weather));
    const changed = Table.fromColumns({
      ...Object.fromEntries(copy.names.map((n) => [n, copy.column(n)])),
      wind: copy.column('wind').map((w, i) => (i === 700 ? 99 : w)),
    });
    expect(valuesEqual(changed, weather)).toBe(false);
    expect(hashValue(changed)).not.toBe(hashValue(weather));
    expect(valuesEqual(Table.fromColumns({ x: [NaN] }), Table.fromColumns({ x: [NaN] }))).toBe(true);
  });

  it('survives the JSON codec losslessly, dates and NaN included', async () => {
    const odd = Table.fromColumns({ when: [new Date(0), null], n: [NaN, -0], s: ['a', 'b'] });
    const back = decodeValue(JSON.parse(JSON.stringify(encodeValue(odd)))) as Table;
    expect(back).toBeInstanceOf(Table);
    expect(valuesEqual(back, odd)).toBe(true);
    expect((back.column('when')[0] as Date).getTime()).toBe(0);
    expect(Object.is(back.column('n')[1], -0)).toBe(true);
    const weather = await seattleWeather();
    expect(valuesEqual(decodeValue(JSON.parse(JSON.stringify(encodeValue(weather)))), weather)).toBe(true);
  });

  it('is stored by SqliteState and read back after reopening the database', async () => {
    const weather = await seattleWeather();
    const state = await SqliteState.open({ weather });
    const reopened = await SqliteState.open(null, { data: state.toBytes() });
    const back = reopened.extract('weather');
    expect(back).toBeInstanceOf(Table);
    expect(back).not.toBe(weather);
    expect(valuesEqual(back, weather)).toBe(true);
  });

  it('round-trips through a workflow JSON export with its extracts', async () => {
    const weather = await seattleWeather();
    const workflow = new Workflow({ steps: [{ model: 'table.limit', inputs: { w: 'table' }, outputs: { table: 'top' }, params: { count: 3 } }] });
    await workflow.run(new State({ w: weather }));
    const restored = Workflow.fromJSON(JSON.parse(JSON.stringify(workflow.toJSON())));
    expect(valuesEqual(restored.getModelOutput(0), workflow.getModelOutput(0))).toBe(true);
    expect(restored.preview(new State({ w: weather }))[0]?.decision).toEqual({ skip: true });
  });

  it('writes CSV that parses back to the same table', async () => {
    const tricky = Table.fromColumns({ name: ['plain', 'with, comma', 'with "quotes"', 'two\nlines'], n: [1, 2.5, null, -3] });
    const text = toCSV(tricky);
    expect(text.split('\n')[0]).toBe('name,n');
    expect(text).toContain('"with ""quotes"""');
    const back = await parseCsv(text);
    expect(back.rows()).toEqual(tricky.rows());
    const weather = await seattleWeather();
    expect(valuesEqual(await parseCsv(toCSV(weather)), weather)).toBe(true);
  });
});

describe('Crossing a postMessage boundary', () => {
  it('revives a structured clone into an equal table', async () => {
    const weather = await seattleWeather();
    const cloned = structuredClone(weather);
    expect(cloned).not.toBeInstanceOf(Table);
    const revived = Table.revive(cloned);
    expect(revived).toBeInstanceOf(Table);
    expect(valuesEqual(revived, weather)).toBe(true);
    expect(Table.revive({ names: ['a'], columns: [[1], [2]], rowCount: 1 })).toBeUndefined();
    expect(Table.revive({ names: ['a', 'b'], columns: [[1], [2, 3]], rowCount: 1 })).toBeUndefined();
    expect(Table.revive('table')).toBeUndefined();
  });
});

describe('First paint', () => {
  it('never imports a heavy library statically from src/models', async () => {
    const { readdirSync, readFileSync } = await import('node:fs');
    const root = new URL('../../src/models/', import.meta.url);
    const files = (readdirSync(root, { recursive: true }) as string[]).filter(
      (file) => file.endsWith('.ts') && !file.includes('samples/data/') && !file.endsWith('generate.ts'),
    );
    expect(files.length).toBeGreaterThan(30);
    const heavy = /^import\s+(?!type\b)[^;]*from\s+'(arquero|sql\.js|@observablehq\/plot|quickjs-emscripten-core|@jitl\/[^']+|\.\/data\/[^']+)'/m;
    for (const file of files) expect(readFileSync(new URL(file, root), 'utf8'), file).not.toMatch(heavy);
  });
});
