/**
 * The row-expression evaluator (table.filter / table.derive) against arquero on 1,000,000 rows,
 * interleaved in one run. Both sides start from the library's Table and end with one, as the
 * models did before (arquero's side includes its conversions in and out, which share arrays).
 * Each pair is checked to give the same rows first. Ours runs cold: the column kinds it caches
 * per column array are forgotten before each sample. Run: npx tsx bench/expressions.bench.ts
 */
import type { ColumnTable } from 'arquero';
import { Table } from '../src/models';
import { withArquero } from '../src/models/table/arquero';
import { deriveColumn, filterTable, forgetColumnKinds } from '../src/models/table/expression';
import { compare } from './lib';

const ROWS = Number(process.env.BENCH_ROWS ?? 1_000_000);
const TARGET = 2; // "within a small factor of arquero"

function makeTable(rows: number): Table {
  let seed = 42;
  const random = () => (seed = (Math.imul(seed, 1664525) + 1013904223) >>> 0) / 2 ** 32;
  const cities = Array.from({ length: 20 }, (_, i) => `city${i}`);
  const price = new Array<number | null>(rows);
  const quantity = new Array<number>(rows);
  const city = new Array<string>(rows);
  const date = new Array<Date>(rows);
  for (let i = 0; i < rows; i++) {
    price[i] = random() < 0.05 ? null : Math.round(random() * 10_000) / 100;
    quantity[i] = Math.floor(random() * 10);
    city[i] = cities[Math.floor(random() * cities.length)] as string;
    date[i] = new Date(Date.UTC(2022, 0, 1) + Math.floor(random() * 730) * 86_400_000);
  }
  return Table.fromColumns({ price, quantity, city, date });
}

const table = makeTable(ROWS);
const FEB_1 = Date.UTC(2023, 1, 1);

interface Case {
  name: string;
  ours: () => Table;
  arquero: () => Promise<Table>;
}

const cases: Case[] = [
  {
    name: 'filter price > 50 && quantity >= 3',
    ours: () => filterTable(table, 'price > 50 && quantity >= 3'),
    // arquero's null > 50 is false, as an unknown is dropped here.
    arquero: () => withArquero(table, (dt, n) => dt.filter(`d => ${n.field('price')} > 50 && ${n.field('quantity')} >= 3`)),
  },
  {
    name: 'filter city in ["city1", "city2", "city3"]',
    ours: () => filterTable(table, 'city in ["city1", "city2", "city3"]'),
    arquero: () =>
      withArquero(table, (dt, n) => dt.filter(`d => ${n.field('city')} === "city1" || ${n.field('city')} === "city2" || ${n.field('city')} === "city3"`)),
  },
  {
    name: 'filter date >= "2023-02-01"',
    ours: () => filterTable(table, 'date >= "2023-02-01"'),
    arquero: () => withArquero(table, (dt, n) => (dt.params({ t: FEB_1 }) as ColumnTable).filter(`(d, $) => +${n.field('date')} >= $.t`)),
  },
  {
    name: 'derive price * quantity',
    ours: () => deriveColumn(table, 'total', 'price * quantity'),
    // arquero gives null * 3 = 0; ours keeps the cell empty, so the check compares the present ones.
    arquero: () =>
      withArquero(table, (dt, n) =>
        dt.derive({ [n.output('total')]: `d => ${n.field('price')} == null ? null : ${n.field('price')} * ${n.field('quantity')}` }),
      ),
  },
  {
    name: 'derive month(date)',
    ours: () => deriveColumn(table, 'm', 'month(date)'),
    arquero: () => withArquero(table, (dt, n) => dt.derive({ [n.output('m')]: `d => op.month(${n.field('date')}) + 1` })),
  },
];

function sameTable(a: Table, b: Table): boolean {
  return (
    a.rowCount === b.rowCount &&
    a.names.every((name, c) => {
      const x = a.columns[c] as readonly unknown[];
      const y = b.column(name);
      for (let i = 0; i < x.length; i++) {
        const u = x[i];
        const v = y[i];
        if (u !== v && !(u instanceof Date && v instanceof Date && u.getTime() === v.getTime())) return false;
      }
      return true;
    })
  );
}

console.log(`${ROWS.toLocaleString('en')} rows (price with 5% empty cells, quantity, city of 20, date over two years)`);
let worst = 0;
for (const c of cases) {
  const [mine, theirs] = [c.ours(), await c.arquero()];
  if (!sameTable(mine, theirs)) throw new Error(`${c.name}: the two sides disagree (${mine.rowCount} vs ${theirs.rowCount} rows)`);
  const result = await compare(
    c.name,
    { label: 'expression language (ours, first run)', setup: forgetColumnKinds, run: c.ours },
    { label: 'arquero (withArquero, as before)', run: c.arquero },
    { samples: 9, warmup: 2, target: TARGET },
  );
  worst = Math.max(worst, result.ratio);
}
console.log(`worst ratio ours / arquero = ${worst.toFixed(2)}× ${worst <= TARGET ? '✓' : '✗'} target ≤ ${TARGET}×`);
