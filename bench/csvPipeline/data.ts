/**
 * The 1M-row pipeline of `bench/csv-pipeline.bench.ts` (issue 12): its CSV, its `.swark.json`, and
 * the same work done with arquero alone (the baseline), shared by the page's Worker and Node.
 */
import type { ColumnTable } from 'arquero';

type Arquero = typeof import('arquero');

/** A few dozen cities, repeated (a dictionary-encodable string column). */
const CITIES = [
  'Oslo',
  'Lima',
  'Pune',
  'Kyiv',
  'Quito',
  'Accra',
  'Baku',
  'Cusco',
  'Dakar',
  'Essen',
  'Fes',
  'Graz',
  'Hue',
  'Ipoh',
  'Jena',
  'Kobe',
  'Lodz',
  'Malmo',
  'Nice',
  'Omsk',
  'Perth',
  'Riga',
  'Sfax',
  'Turin',
  'Ulm',
  'Vigo',
  'Wuhan',
  'Xian',
  'York',
  'Zug',
  'Bern',
  'Cork',
  'Doha',
  'Gent',
  'Hilo',
  'Izmir',
];

/**
 * `rows` rows of `id,city,amount,day,qty` (≈ 40 bytes a row): amounts with two decimals, ISO dates,
 * an empty amount every 997th row and an empty city every 1,009th.
 */
export function makeCsv(rows: number): string {
  const lines = new Array<string>(rows + 1);
  lines[0] = 'id,city,amount,day,qty';
  let seed = 12345;
  for (let i = 0; i < rows; i++) {
    seed = (seed * 1103515245 + 12345) & 0x7fffffff;
    const amount = i % 997 === 0 ? '' : ((seed % 10_000_000) / 100).toFixed(2);
    const city = i % 1009 === 0 ? '' : CITIES[(seed >> 8) % CITIES.length];
    const day = `2024-${String((i % 12) + 1).padStart(2, '0')}-${String((i % 28) + 1).padStart(2, '0')}`;
    lines[i + 1] = `${i},${city},${amount},${day},${(seed >> 4) % 1000}`;
  }
  return lines.join('\n') + '\n';
}

/** The first run's threshold and the edited one (`amount > …`). */
export const THRESHOLDS = { first: 25_000, edited: 50_000 } as const;
export const condition = (threshold: number) => `amount > ${threshold}`;

export const STEP_IDS = ['csv', 'filter', 'aggregate', 'sort', 'plot'] as const;

/**
 * CSV → table.filter → table.aggregate (by city: count, sum and mean of amount) → table.sort (sum,
 * largest first) → chart.plot. `csvText`: the CSV node's text (the app loads the file afterwards;
 * the CLI gives it with `--file csv=<path>`).
 */
export function pipelineFile(csvText: string): string {
  const steps = [
    { id: 'csv', model: 'input.csv', inputs: {}, outputs: { table: 'csv.table' }, params: { text: csvText } },
    {
      id: 'filter',
      model: 'table.filter',
      inputs: { 'csv.table': 'table' },
      outputs: { table: 'filter.table' },
      params: { where: condition(THRESHOLDS.first) },
    },
    {
      id: 'aggregate',
      model: 'table.aggregate',
      inputs: { 'filter.table': 'table' },
      outputs: { table: 'aggregate.table' },
      params: {
        groupBy: ['city'],
        measures: [{ op: 'count' }, { op: 'sum', column: 'amount' }, { op: 'mean', column: 'amount' }],
      },
    },
    {
      id: 'sort',
      model: 'table.sort',
      inputs: { 'aggregate.table': 'table' },
      outputs: { table: 'sort.table' },
      params: { by: ['sum_amount'], descending: true },
    },
    {
      id: 'plot',
      model: 'chart.plot',
      inputs: { 'sort.table': 'table' },
      outputs: { chart: 'plot.chart' },
      params: { mark: 'bar', x: 'city', y: 'sum_amount' },
    },
  ];
  const layout = Object.fromEntries(STEP_IDS.map((id, i) => [id, { x: i * 300, y: 0 }]));
  return JSON.stringify({
    format: 'swark.workflow',
    version: 3,
    name: 'a million rows',
    workflow: { steps, useExtracts: true, populateExtracts: true },
    layout,
  });
}

export type Row = Record<string, unknown>;

export interface BaselineResult {
  /** The aggregate's rows (in groupby order, as table.aggregate gives them). */
  aggregate: Row[];
  /** The sorted rows. */
  sorted: Row[];
  /** The chart's points (x, y of each sorted row). */
  chart: Row[];
}

/** Parses the CSV as the app's CSV node does (arquero's `fromCSV`, types guessed). */
export const parse = (aq: Arquero, text: string): ColumnTable => aq.fromCSV(text);

/**
 * filter → groupby/rollup → orderby → the chart's points, with arquero alone. What differs from
 * the app (which the ratio is meant to show): the app's filter is its own expression language (it
 * checks the column kinds, evaluates per row, and copies the kept rows into new columns, where
 * arquero keeps a filter bitmap over the parsed columns); each step of the app also hashes and
 * caches its input and output, and posts a summary to the page.
 */
export function pipeline(aq: Arquero, table: ColumnTable, threshold: number): BaselineResult {
  // An empty amount is null: `null > n` is false, as the app's condition drops an unknown row.
  const filtered = table.filter(`d => d.amount > ${threshold}`);
  const aggregated = filtered.groupby('city').rollup({ count: aq.op.count(), sum_amount: aq.op.sum('amount'), mean_amount: aq.op.mean('amount') });
  const sorted = aggregated.orderby(aq.desc('sum_amount'));
  const sortedRows = sorted.objects() as Row[];
  return {
    aggregate: aggregated.objects() as Row[],
    sorted: sortedRows,
    chart: sortedRows.map((row) => ({ city: row.city, sum_amount: row.sum_amount })),
  };
}

/** Why `got` (the app's rows) is not `want` (arquero's), or null when they are the same. */
export function differs(got: readonly Row[], want: readonly Row[], what: string): string | null {
  if (got.length !== want.length) return `${what}: ${got.length} rows, arquero has ${want.length}`;
  for (let i = 0; i < want.length; i++) {
    for (const [key, value] of Object.entries(want[i] as Row)) {
      const other = (got[i] as Row)[key];
      const same = typeof value === 'number' && typeof other === 'number' ? Math.abs(value - other) <= 1e-9 * Math.max(1, Math.abs(value)) : value === other;
      if (!same) return `${what}: row ${i} ${key} is ${JSON.stringify(other)}, arquero has ${JSON.stringify(value)}`;
    }
  }
  return null;
}
