import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { SqliteState, State } from '../../src/engine';
import { Table } from '../../src/models';
import '../../src/apps';
import { create as createRunner } from '../../src/apps/weather/runner/monthly';
import { create as createState } from '../../src/apps/weather/states/monthly';
import { clean } from '../../src/apps/weather/steps/clean';

interface ChartValue {
  data: { month: string; avg_high: number }[];
}

/** Monthly mean highs computed straight from the shipped CSV, independently of the pipeline. */
function expectedMonthlyHighs(fromYear: number, toYear: number): Map<string, number> {
  const csvPath = fileURLToPath(new URL('../../node_modules/vega-datasets/data/seattle-weather.csv', import.meta.url));
  const [, ...lines] = readFileSync(csvPath, 'utf8').trim().split('\n');
  const sums = new Map<string, { total: number; days: number }>();
  for (const line of lines) {
    const [date, , high] = line.split(',') as [string, string, string];
    const year = Number(date.slice(0, 4));
    if (year < fromYear || year > toYear) continue;
    const entry = sums.get(date.slice(0, 7)) ?? { total: 0, days: 0 };
    entry.total += Number(high);
    entry.days += 1;
    sums.set(date.slice(0, 7), entry);
  }
  return new Map([...sums].map(([month, { total, days }]) => [month, total / days]));
}

function chartHighs(output: Record<string, unknown>): Map<string, number> {
  return new Map((output.chart as ChartValue).data.map((point) => [point.month, point.avg_high]));
}

describe('The weather app, through its runner factory', () => {
  it('charts the monthly mean high of 2012–2015, matching the raw CSV', async () => {
    const runner = createRunner();
    const output = await runner.run();
    const expected = expectedMonthlyHighs(2012, 2015);
    const actual = chartHighs(output);
    expect([...actual.keys()]).toEqual([...expected.keys()]);
    for (const [month, high] of expected) expect(actual.get(month)).toBeCloseTo(high, 9);
    expect(runner.getRerunWorkflow().stepsRan).toEqual([0, 1, 2, 3]);
  });

  it('skips every step on a rerun', async () => {
    const runner = createRunner();
    await runner.run();
    await runner.rerun();
    expect(runner.getRerunWorkflow().stepsSkipped).toEqual([0, 1, 2, 3]);
  });

  it('reruns all but the load when the year range changes', async () => {
    const runner = createRunner({ state: createState({ mutable: true }) });
    await runner.run();
    runner.getRerunState().post(2014, 'fromYear');
    const output = await runner.rerun();
    const workflow = runner.getRerunWorkflow();
    expect(workflow.stepsSkipped).toEqual([0]);
    expect(workflow.stepsRan).toEqual([0, 1, 2, 3, 1, 2, 3]);
    expect([...chartHighs(output).keys()]).toEqual([...expectedMonthlyHighs(2014, 2015).keys()]);
  });

  it('keeps the tables through a SqliteState saved and reopened', async () => {
    const runner = createRunner({ state: 'app://weather/states/monthly#sqlite' });
    await runner.run();
    const bytes = (runner.getRerunState() as SqliteState).toBytes();
    const reopened = await SqliteState.open(null, { data: bytes });
    const monthly = reopened.extract('monthly') as Table;
    expect(monthly).toBeInstanceOf(Table);
    expect(monthly.names).toEqual(['month', 'avg_high', 'avg_temp', 'rain_mm']);
    expect(monthly.rowCount).toBe(expectedMonthlyHighs(2012, 2015).size);
  });
});

describe('The weather.clean step', () => {
  const table = Table.fromColumns({
    date: ['2013-01-02', '2013-01-03', '2014-02-01', 'not a date', '2013-01-05'],
    temp_max: [10, null, 8, 5, 4],
    temp_min: [2, 1, 9, 1, 1],
    precipitation: [0, 0, 0, 0, -1],
  });

  it('drops missing, inverted and negative readings and adds month and temp_mean', () => {
    const output = clean.run({ table, fromYear: 2013, toYear: 2014 }, { signal: new AbortController().signal, progress: () => {} }) as {
      table: Table;
      dropped: number;
    };
    expect(output.dropped).toBe(4);
    expect(output.table.rows()).toEqual([{ date: '2013-01-02', temp_max: 10, temp_min: 2, precipitation: 0, month: '2013-01', temp_mean: 6 }]);
  });

  it('names the columns it lacks', async () => {
    const workflow = (await import('../../src/apps/weather/workflows/monthly')).create();
    const state = new State({ weather: Table.fromColumns({ date: ['2013-01-01'] }), fromYear: 2013, toYear: 2013 });
    await expect(workflow.steps[1]?.run(state)).rejects.toThrow(/the table lacks column `temp_max`, `temp_min`, `precipitation` \(columns: date\)/);
  });
});
