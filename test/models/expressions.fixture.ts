/**
 * A 150-row table for the expression tests: UTC days and timestamps, numbers with negatives,
 * fractions and empty cells, text with case, spaces and empties, true/false with empties, a
 * column name with a space, and a column of mixed kinds. Built from a fixed seed.
 */
import { Table } from '../../src/models';

export interface FixtureRow {
  id: number;
  date: Date | null;
  stamp: Date | null;
  city: string | null;
  code: string | null;
  temp: number | null;
  'max temp': number | null;
  rain: number;
  sunny: boolean | null;
}

const CITIES = ['Paris', 'Nice', 'Lyon', 'San Jose', 'saint-malo', ' Brest ', '', 'Nantes'];

export function fixtureRows(count = 150): FixtureRow[] {
  let seed = 7;
  const random = () => (seed = (Math.imul(seed, 1664525) + 1013904223) >>> 0) / 2 ** 32;
  const pick = <T>(items: readonly T[]) => items[Math.floor(random() * items.length)] as T;
  const rows: FixtureRow[] = [];
  for (let id = 0; id < count; id++) {
    const empty = () => random() < 0.12;
    const day = Date.UTC(2022, 11, 20) + Math.floor(random() * 110) * 86_400_000;
    const temp = empty() ? null : Math.round((random() * 40 - 8) * 2) / 2;
    rows.push({
      id,
      date: empty() ? null : new Date(day),
      stamp: empty() ? null : new Date(Date.UTC(2023, 0, 10) + Math.floor(random() * 48) * 1_800_000),
      city: empty() ? null : pick(CITIES),
      code: empty() ? null : `${pick(['A', 'B', 'b', 'C'])}-${pick(['12', '7', '55', '80', 'x'])}`,
      temp,
      'max temp': temp === null || empty() ? null : temp + Math.round(random() * 8),
      rain: Math.floor(random() * 10),
      sunny: empty() ? null : random() < 0.5,
    });
  }
  // A few exact values the cases below look for.
  Object.assign(rows[0] as FixtureRow, { date: new Date(Date.UTC(2023, 1, 14)), city: 'Paris', temp: 12, code: 'A-12' });
  Object.assign(rows[1] as FixtureRow, { date: new Date(Date.UTC(2023, 0, 1)), city: 'Nice', temp: 12.5 });
  Object.assign(rows[2] as FixtureRow, { date: new Date(Date.UTC(2023, 1, 1)), temp: -3.5 });
  return rows;
}

export function fixtureTable(rows = fixtureRows()): Table {
  return Table.fromRows(rows as unknown as Record<string, unknown>[], ['id', 'date', 'stamp', 'city', 'code', 'temp', 'max temp', 'rain', 'sunny']);
}

/** The same rows plus `mixed`, a column holding numbers, text and empties. */
export function mixedTable(): Table {
  return Table.fromColumns({ id: [0, 1, 2, 3], mixed: [5, 'five', null, 12] });
}

export const utc = (text: string) => Date.parse(`${text}T00:00:00Z`);
