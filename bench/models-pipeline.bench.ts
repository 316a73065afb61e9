/**
 * A 100,000-row pipeline — CSV parse → filter → aggregate → sort — four ways, interleaved in one run:
 *   models   the engine's Workflow over input.csv → table.filter → table.aggregate → table.sort
 *   arquero  the same operations called directly on arquero (the table library the models use)
 *   loop     a hand-written plain loop (the floor)
 *   sql      input.csv then one sql.query doing filter, group and sort
 * Prints medians and ratios to arquero (target for the models: ≤ 1.3×). Run: npx tsx bench/models-pipeline.bench.ts
 */
import * as aq from 'arquero';
import { State, Workflow, valuesEqual } from '../src/engine';
import { Table } from '../src/models';

const ROWS = 100_000;
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 12);
const WARMUP = 3;

function makeCsv(rows: number): string {
  let seed = 42;
  const random = () => (seed = (Math.imul(seed, 1664525) + 1013904223) >>> 0) / 2 ** 32;
  const cities = Array.from({ length: 20 }, (_, i) => `city${i}`);
  const lines = ['id,city,category,price,quantity'];
  for (let i = 0; i < rows; i++) {
    lines.push(
      `${i},${cities[Math.floor(random() * cities.length)]},${'abcde'[Math.floor(random() * 5)]},${(random() * 100).toFixed(2)},${Math.floor(random() * 10)}`,
    );
  }
  return lines.join('\n') + '\n';
}

const csv = makeCsv(ROWS);
type Result = { city: string; n: number; revenue: number }[];

function resultOf(table: Table): Result {
  return table.rows().map((row) => ({ city: row.city as string, n: row.n as number, revenue: Math.round((row.revenue as number) * 100) / 100 }));
}

function pipeline(): Workflow {
  return new Workflow({
    steps: [
      { id: 'parse', model: 'input.csv', inputs: { csv: 'text' }, outputs: { table: 'rows' } },
      { id: 'filter', model: 'table.filter', inputs: { rows: 'table' }, outputs: { table: 'kept' }, params: { where: 'price > 50 && quantity >= 3' } },
      {
        id: 'aggregate',
        model: 'table.aggregate',
        inputs: { kept: 'table' },
        outputs: { table: 'byCity' },
        params: {
          groupBy: ['city'],
          measures: [
            { op: 'count', as: 'n' },
            { op: 'sum', column: 'price', as: 'revenue' },
          ],
        },
      },
      { id: 'sort', model: 'table.sort', inputs: { byCity: 'table' }, outputs: { table: 'sorted' }, params: { by: ['revenue'], descending: true } },
    ],
  });
}

async function viaModels(): Promise<Result> {
  const state = new State({ csv });
  await pipeline().run(state);
  return resultOf(state.extract('sorted') as Table);
}

/** The same workflow rerun on a fresh state with the same text: every step is skipped. */
let cached: Workflow | undefined;
async function viaModelsCached(): Promise<Result> {
  if (!cached) {
    cached = pipeline();
    await cached.run(new State({ csv }));
  }
  const state = new State({ csv });
  await cached.run(state);
  return resultOf(state.extract('sorted') as Table);
}

async function viaArquero(): Promise<Result> {
  const sorted = aq
    .fromCSV(csv)
    .filter('d => d.price > 50 && d.quantity >= 3')
    .groupby('city')
    .rollup({ n: aq.op.count(), revenue: 'd => op.sum(d.price)' })
    .orderby(aq.desc('revenue'));
  return (sorted.objects() as Record<string, unknown>[]).map((row) => ({
    city: row.city as string,
    n: row.n as number,
    revenue: Math.round((row.revenue as number) * 100) / 100,
  }));
}

async function viaLoop(): Promise<Result> {
  const groups = new Map<string, { n: number; revenue: number }>();
  let start = csv.indexOf('\n') + 1;
  while (start < csv.length) {
    let end = csv.indexOf('\n', start);
    if (end < 0) end = csv.length;
    const c1 = csv.indexOf(',', start);
    const c2 = csv.indexOf(',', c1 + 1);
    const c3 = csv.indexOf(',', c2 + 1);
    const c4 = csv.indexOf(',', c3 + 1);
    const price = Number(csv.slice(c3 + 1, c4));
    const quantity = Number(csv.slice(c4 + 1, end));
    if (price > 50 && quantity >= 3) {
      const city = csv.slice(c1 + 1, c2);
      const group = groups.get(city);
      if (group) {
        group.n++;
        group.revenue += price;
      } else groups.set(city, { n: 1, revenue: price });
    }
    start = end + 1;
  }
  return [...groups].map(([city, g]) => ({ city, n: g.n, revenue: Math.round(g.revenue * 100) / 100 })).sort((a, b) => b.revenue - a.revenue);
}

async function viaSql(): Promise<Result> {
  const workflow = new Workflow({
    steps: [
      { model: 'input.csv', inputs: { csv: 'text' }, outputs: { table: 'rows' } },
      {
        model: 'sql.query',
        inputs: { rows: 'a' },
        outputs: { table: 'sorted' },
        params: { query: 'SELECT city, count(*) AS n, sum(price) AS revenue FROM a WHERE price > 50 AND quantity >= 3 GROUP BY city ORDER BY revenue DESC' },
      },
    ],
  });
  const state = new State({ csv });
  await workflow.run(state);
  return resultOf(state.extract('sorted') as Table);
}

const variants: [string, () => Promise<Result>][] = [
  ['models (Workflow)', viaModels],
  ['models, cached rerun', viaModelsCached],
  ['arquero directly', viaArquero],
  ['plain loop', viaLoop],
  ['one sql.query', viaSql],
];

await import('../src/models');
const reference = await viaLoop();
for (const [name, run] of variants) {
  const result = await run();
  if (!valuesEqual(result, reference))
    throw new Error(`${name} computed a different result:\n${JSON.stringify(result.slice(0, 3))}\nvs\n${JSON.stringify(reference.slice(0, 3))}`);
}

const times = new Map<string, number[]>(variants.map(([name]) => [name, []]));
for (let round = 0; round < WARMUP + ROUNDS; round++) {
  // Rotate the order each round so no variant always runs first (GC and JIT effects spread evenly).
  for (let k = 0; k < variants.length; k++) {
    const [name, run] = variants[(round + k) % variants.length] as [string, () => Promise<Result>];
    const started = performance.now();
    await run();
    if (round >= WARMUP) times.get(name)?.push(performance.now() - started);
  }
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? (s[(s.length - 1) / 2] as number) : ((s[s.length / 2 - 1] as number) + (s[s.length / 2] as number)) / 2;
};
const baseline = times.get('arquero directly') ?? [];
/** Median of the per-round ratios to arquero: steadier than a ratio of medians on a shared machine. */
const ratioTo = (name: string) => median((times.get(name) ?? []).map((t, i) => t / (baseline[i] as number)));
console.log(`${ROWS.toLocaleString('en')} rows, CSV parse → filter → aggregate → sort; ${ROUNDS} interleaved rounds after ${WARMUP} warm-up`);
console.log(`  ${'variant'.padEnd(22)} ${'median'.padStart(9)}   ratio to arquero (median per round)`);
for (const [name] of variants) {
  console.log(
    `  ${name.padEnd(22)} ${median(times.get(name) ?? [])
      .toFixed(1)
      .padStart(6)} ms   ${ratioTo(name).toFixed(2)}×`,
  );
}
const ratio = ratioTo('models (Workflow)');
console.log(`models / arquero = ${ratio.toFixed(2)}× ${ratio <= 1.3 ? '✓' : '✗'} target ≤ 1.3×`);
