/**
 * The `table` value type's encoding (issue 12): payload version 2 (typed columns,
 * `src/models/table/columnar.ts`) against version 1 (a JSON value a cell, a tagged object a date)
 * and against `JSON.stringify` / `JSON.parse` of the plain column arrays (dates as ISO strings: not
 * exact, the floor any JSON encoding pays), each interleaved in the same run, for the Seattle
 * weather dataset (1,461 rows) and a synthetic 1,000,000-row table (number, int, date,
 * repeated-string and boolean columns, ~5% nulls each). Figures: encoded size (the JSON text the
 * value store and the exports keep), encode time (value → text) and decode time (text → Table).
 * Each decoding is checked equal to the table first. Run: npx tsx bench/table-encoding.bench.ts
 */
import { decodeValue, encodeValue, registry, Step, type JsonValue } from '../src/engine';
import { Table } from '../src/models';
import { compare } from './lib';

const ROWS = Number(process.env.BENCH_ROWS ?? 1_000_000);

/** Version 1, as the previous release encoded a table (kept here to measure against). */
function legacyEncoding(table: Table): JsonValue {
  const plain = (values: readonly unknown[]) =>
    values.every((v) => v === null || typeof v === 'string' || typeof v === 'boolean' || (typeof v === 'number' && Number.isFinite(v) && !Object.is(v, -0)));
  return {
    $swark: 'table',
    v: {
      names: [...table.names],
      columns: table.columns.map((values) => (plain(values) ? { plain: true, values: values as JsonValue[] } : { plain: false, values: encodeValue(values) })),
    },
  };
}

function synthetic(rows: number): Table {
  let seed = 42;
  const random = () => (seed = (Math.imul(seed, 1664525) + 1013904223) >>> 0) / 2 ** 32;
  const cities = Array.from({ length: 50 }, (_, i) => `city ${i}`);
  const price = new Array<number | null>(rows);
  const quantity = new Array<number | null>(rows);
  const ratio = new Array<number | null>(rows);
  const date = new Array<Date | null>(rows);
  const city = new Array<string | null>(rows);
  const paid = new Array<boolean | null>(rows);
  const empty = () => random() < 0.05;
  for (let i = 0; i < rows; i++) {
    price[i] = empty() ? null : Math.round(random() * 100_000) / 100;
    quantity[i] = empty() ? null : Math.floor(random() * 1000);
    ratio[i] = empty() ? null : random();
    date[i] = empty() ? null : new Date(Date.UTC(2020, 0, 1) + Math.floor(random() * 4 * 365 * 86_400) * 1000);
    city[i] = empty() ? null : (cities[Math.floor(random() * cities.length)] as string);
    paid[i] = empty() ? null : random() < 0.5;
  }
  return Table.fromColumns({ price, quantity, ratio, date, city, paid });
}

async function seattleWeather(): Promise<Table> {
  const { table } = await new Step({ model: 'input.sample' }).execute(registry.get('input.sample'), { name: 'seattle-weather' });
  return table as Table;
}

const mb = (chars: number) => (chars < 1024 * 1024 ? `${(chars / 1024).toFixed(1)} kB` : `${(chars / 1024 / 1024).toFixed(2)} MB`);

async function measure(name: string, table: Table, samples: number, warmup: number): Promise<void> {
  const v2 = JSON.stringify(encodeValue(table));
  const v1 = JSON.stringify(legacyEncoding(table));
  const plain = JSON.stringify(table.columns);
  for (const [label, text] of [
    ['version 2', v2],
    ['version 1', v1],
  ] as const) {
    if (!(decodeValue(JSON.parse(text)) as Table).equals(table)) throw new Error(`${name}: ${label} does not decode to the table`);
  }
  console.log(`\n${name}: ${table.rowCount.toLocaleString('en')} rows × ${table.columnCount} columns`);
  console.log(`  encoded size  version 2 ${mb(v2.length)}   version 1 ${mb(v1.length)}   plain arrays ${mb(plain.length)}`);
  console.log(
    `  ratio         version 2 / version 1 ${(v2.length / v1.length).toFixed(3)}×   version 2 / plain arrays ${(v2.length / plain.length).toFixed(3)}×`,
  );
  const options = { samples, warmup, clock: 'cpu' as const };
  await compare(
    `${name} — encode, version 2 vs JSON.stringify of the plain column arrays`,
    { label: 'encode version 2', run: () => JSON.stringify(encodeValue(table)) },
    { label: 'JSON.stringify(columns)', run: () => JSON.stringify(table.columns) },
    options,
  );
  await compare(
    `${name} — encode, version 2 vs version 1`,
    { label: 'encode version 2', run: () => JSON.stringify(encodeValue(table)) },
    { label: 'encode version 1', run: () => JSON.stringify(legacyEncoding(table)) },
    options,
  );
  await compare(
    `${name} — decode, version 2 vs JSON.parse of the plain column arrays`,
    { label: 'decode version 2', run: () => decodeValue(JSON.parse(v2)) },
    { label: 'JSON.parse(columns)', run: () => JSON.parse(plain) },
    options,
  );
  await compare(
    `${name} — decode, version 2 vs version 1`,
    { label: 'decode version 2', run: () => decodeValue(JSON.parse(v2)) },
    { label: 'decode version 1', run: () => decodeValue(JSON.parse(v1)) },
    options,
  );
}

await measure('Seattle weather', await seattleWeather(), 15, 3);
await measure('Synthetic', synthetic(ROWS), Number(process.env.BENCH_SAMPLES ?? 5), 1);
