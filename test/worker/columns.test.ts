/**
 * Column names and kinds known before a run, for the expression editor: worked out by the worker's
 * preview from the models' rules, and checked here against the tables the run then makes.
 */
import { describe, expect, it } from 'vitest';
import { registry, type StepJSON } from '../../src/engine';
import '../../src/models';
import { isTable, type Table } from '../../src/models';
import { checkExpression } from '../../src/models/table/expression';
import { driveSession } from './session';

const CSV = ['city,temp,date,note', 'Paris,12.5,2023-01-02,', 'Nice,14,2023-02-03,sunny', 'Lyon,,2023-03-04,rain', 'Paris,9,2023-04-05,'].join('\n');

/** A step reading the table of `from` into `field`, writing its own `table`. */
const step = (id: string, model: string, from: Record<string, string>, params: StepJSON['params'] = {}): StepJSON => ({
  id,
  model,
  inputs: Object.fromEntries(Object.entries(from).map(([field, source]) => [`${source}.table`, field])),
  outputs: { table: `${id}.table` },
  params,
});

/** The kind of a column's cells, by plain inspection (the independent count the preview must match). */
function kindOf(values: readonly unknown[]): string {
  const kinds = new Set(
    values
      .filter((value) => value !== null && value !== undefined)
      .map((value) => (value instanceof Date ? 'date' : typeof value === 'string' ? 'text' : typeof value)),
  );
  return kinds.size === 1 ? ([...kinds][0] as string) : 'any';
}
const actualColumns = (table: unknown) => {
  if (!isTable(table)) throw new Error('not a table');
  return (table as Table).names.map((name) => ({ name, type: kindOf((table as Table).column(name)) }));
};

describe('Before any run, the preview tells each table step its columns', () => {
  it('through a CSV source, a filter, a derive, a select and an aggregate, as the run then makes them', async () => {
    const worker = driveSession(registry);
    const steps: StepJSON[] = [
      step('csv', 'input.csv', {}, { text: CSV }),
      step('warm', 'table.filter', { table: 'csv' }, { where: 'temp > 10' }),
      step('plus', 'table.derive', { table: 'warm' }, { name: 'hotter', expression: 'temp + 1' }),
      step('pick', 'table.select', { table: 'plus' }, { columns: ['city', 'hotter'] }),
      step(
        'byCity',
        'table.aggregate',
        { table: 'csv' },
        { groupBy: ['city'], measures: [{ op: 'mean', column: 'temp', as: 'avg' }, { op: 'max', column: 'date' }, { op: 'count' }] },
      ),
    ];
    const before = await worker.previewColumns(steps);
    expect(before.csv?.table).toEqual([
      { name: 'city', type: 'text' },
      { name: 'temp', type: 'number' },
      { name: 'date', type: 'date' },
      { name: 'note', type: 'text' },
    ]);
    await worker.run(steps);
    for (const key of ['csv', 'warm', 'plus', 'pick', 'byCity']) {
      const output = (await worker.fullOutput(key)) as { table: unknown };
      expect({ key, columns: before[key]?.table }).toEqual({ key, columns: actualColumns(output.table) });
    }
    // The editor's check, with those kinds: a condition that is a number says so as it is typed.
    const check = checkExpression('temp + 1', before.warm?.table ?? null, 'condition');
    expect(check.ok === false && check.message).toMatch(/a condition must be true or false/);
  });

  it('for a sample dataset, as the run then loads it', async () => {
    const worker = driveSession(registry);
    const steps: StepJSON[] = [
      step('weather', 'input.sample', {}, { name: 'seattle-weather' }),
      step('wet', 'table.filter', { table: 'weather' }, { where: 'precipitation > 0' }),
    ];
    const before = await worker.previewColumns(steps);
    await worker.run(steps);
    const output = (await worker.fullOutput('wet')) as { table: unknown };
    expect(before.wet?.table).toEqual(actualColumns(output.table));
    expect(before.wet?.table?.map((column) => column.name)).toContain('temp_max');
  });

  it('after a run with "Update cache" off, from that run rather than the older cache, for a step without a rule', async () => {
    const worker = driveSession(registry);
    const sql = (query: string): StepJSON[] => [
      step('csv', 'input.csv', {}, { text: CSV }),
      { id: 'q', model: 'sql.query', inputs: { 'csv.table': 'a' }, outputs: { table: 'q.table' }, params: { query } },
    ];
    await worker.run(sql('SELECT city FROM a'));
    await worker.run(sql('SELECT city, temp FROM a'), { populateExtracts: false });
    const columns = await worker.previewColumns(sql('SELECT city, temp FROM a'));
    expect(columns.q?.table?.map((column) => column.name)).toEqual(['city', 'temp']);
  });
});
