import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { registry, State, Step, StepError, Workflow, type WorkflowEvent } from '../../src/engine';
import { Table, SAMPLE_NAMES } from '../../src/models';
import { SAMPLE_FILES } from '../../src/models/input/samples/names';
import { loadSampleText } from '../../src/models/input/samples/load';
import { failure, runModel, runTable, seattleWeather } from './helpers';

describe('sql.query', () => {
  it('loads each wired table under its port name', async () => {
    const weather = await seattleWeather();
    const kinds = Table.fromColumns({ weather: ['sun', 'rain'], label: ['Sunny', 'Rainy'] });
    const out = await runTable('sql.query', {
      a: weather,
      c: kinds,
      query: 'SELECT label, count(*) AS days FROM a JOIN c USING (weather) GROUP BY label ORDER BY label',
    });
    const count = (kind: string) => weather.column('weather').filter((w) => w === kind).length;
    expect(out.rows()).toEqual([
      { label: 'Rainy', days: count('rain') },
      { label: 'Sunny', days: count('sun') },
    ]);
  });

  it('keeps the columns of an empty result and uses the last statement', async () => {
    const weather = await seattleWeather();
    const empty = await runTable('sql.query', { a: weather, query: 'SELECT date, wind FROM a WHERE wind > 1000' });
    expect(empty.names).toEqual(['date', 'wind']);
    expect(empty.rowCount).toBe(0);
    const last = await runTable('sql.query', { a: weather, query: 'CREATE TABLE t AS SELECT 2 AS x; SELECT x * 21 AS y FROM t' });
    expect(last.rows()).toEqual([{ y: 42 }]);
    const dupes = await runTable('sql.query', { a: Table.fromColumns({ id: [1] }), query: 'SELECT id, id FROM a' });
    expect(dupes.names).toEqual(['id', 'id_2']);
  });

  it('surfaces SQLite’s own message', async () => {
    const weather = await seattleWeather();
    expect(await failure(runModel('sql.query', { a: weather, query: 'SELEC * FROM a' }))).toContain('SQL error: near "SELEC": syntax error');
    expect(await failure(runModel('sql.query', { a: weather, query: 'SELECT tempmax FROM a' }))).toContain('SQL error: no such column: tempmax');
    expect(await failure(runModel('sql.query', { a: weather, query: 'SELECT * FROM b' }))).toContain(
      'no such table: b (nothing is wired to input b; the tables there are: `a`)',
    );
    expect(await failure(runModel('sql.query', { a: weather, query: 'DELETE FROM a' }))).toContain('the query returns no rows');
  });
});

describe('sql.query in a run', () => {
  it('reports progress and stops when cancelled', async () => {
    const weather = await seattleWeather();
    const events: WorkflowEvent[] = [];
    const workflow = new Workflow({
      steps: [{ model: 'sql.query', inputs: { w: 'a' }, outputs: { table: 'out' }, params: { query: 'SELECT count(*) AS n FROM a' } }],
    });
    const state = new State({ w: weather });
    await workflow.run(state, { onEvent: (event) => events.push(event) });
    expect((state.extract('out') as Table).rows()).toEqual([{ n: 1461 }]);
    expect(events.filter((e) => e.type === 'progress').map((e) => (e.type === 'progress' ? e.message : ''))).toEqual(['loading table a', 'running the query']);

    const controller = new AbortController();
    controller.abort();
    const step = new Step({ model: 'sql.query' });
    const error = await Promise.resolve(
      step.execute(registry.get('sql.query'), { a: weather, query: 'SELECT 1' }, 0, { signal: controller.signal, progress: () => {} }),
    ).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(StepError);
    expect((error as StepError).kind).toBe('cancelled');
  });
});

describe('chart.plot', () => {
  it('is plain data holding only the plotted columns', async () => {
    const weather = await seattleWeather();
    const { chart } = await runModel('chart.plot', { table: weather, mark: 'line', x: 'date', y: 'temp_max', color: 'weather' });
    expect(chart).toMatchObject({ kind: 'chart', mark: 'line', x: 'date', y: 'temp_max', color: 'weather' });
    const data = (chart as { data: Record<string, unknown>[] }).data;
    expect(data).toHaveLength(1461);
    expect(data[0]).toEqual({ date: weather.column('date')[0], temp_max: 12.8, weather: 'drizzle' });
    expect(await failure(runModel('chart.plot', { table: weather, x: 'day', y: 'temp_max' }))).toContain('column `day` not found');
    expect(await failure(runModel('chart.plot', { table: weather, mark: 'pie', x: 'date', y: 'temp_max' }))).toContain('field "mark" is invalid');
  });
});

describe('input.sample', () => {
  it('ships the vega-datasets files unchanged', async () => {
    for (const name of SAMPLE_NAMES) {
      const file = SAMPLE_FILES[name];
      const original = readFileSync(new URL(`../../node_modules/vega-datasets/data/${file}`, import.meta.url), 'utf8');
      const shipped = await loadSampleText(name);
      if (file.endsWith('.json')) expect(JSON.parse(shipped)).toEqual(JSON.parse(original));
      else expect(shipped).toBe(original);
    }
  });

  it('loads every dataset as a table', async () => {
    const sizes: Record<string, string> = {};
    for (const name of SAMPLE_NAMES) sizes[name] = String(await runTable('input.sample', { name }));
    expect(sizes['seattle-weather']).toBe('table 1461 × 6');
    expect(sizes.cars).toBe('table 406 × 9');
    expect(sizes.stocks).toBe('table 560 × 3');
    for (const size of Object.values(sizes)) expect(size).toMatch(/^table [1-9]\d* × [1-9]/);
  });

  it('refuses unknown names, listing the known ones', async () => {
    expect(await failure(runModel('input.sample', { name: 'weather2' }))).toContain('seattle-weather');
  });
});
