import { z } from 'zod';
import { defineModel } from '../../../engine';
import { annotate, port, Table } from '../../../models';

const REQUIRED = ['date', 'temp_max', 'temp_min', 'precipitation'] as const;

/** "2012-01" from a Date or an ISO date text; null when it is neither. */
function monthOf(value: unknown): string | null {
  if (value instanceof Date && !Number.isNaN(value.getTime())) return value.toISOString().slice(0, 7);
  if (typeof value === 'string' && /^\d{4}-\d{2}/.test(value)) return value.slice(0, 7);
  return null;
}

const isNumber = (value: unknown): value is number => typeof value === 'number' && Number.isFinite(value);

/**
 * Keeps the days with a date, both temperatures and a non-negative precipitation inside the
 * year range, and adds `month` ("2012-01") and `temp_mean` for the monthly aggregate.
 */
export const clean = defineModel({
  id: 'weather.clean',
  title: 'Clean weather days',
  description: 'Drops days with missing or impossible readings, keeps the year range, adds month and temp_mean.',
  category: 'weather',
  inputs: {
    table: port.table('Daily weather rows (date, temp_max, temp_min, precipitation, …)'),
    fromYear: annotate(z.number().int(), { description: 'First year kept', portType: 'number', widget: 'number' }),
    toYear: annotate(z.number().int(), { description: 'Last year kept', portType: 'number', widget: 'number' }),
  },
  // Declared as the library's table port, so the editor accepts a wire into any table input.
  outputs: {
    table: port.table('The clean days, with month and temp_mean'),
    dropped: annotate(z.number().int(), { description: 'How many days were dropped', portType: 'number' }),
  },
  run: ({ table, fromYear, toYear }) => {
    const missing = REQUIRED.filter((name) => !table.has(name));
    if (missing.length) throw new Error(`the table lacks column ${missing.map((name) => `\`${name}\``).join(', ')} (columns: ${table.names.join(', ')})`);
    if (fromYear > toYear) throw new Error(`fromYear ${fromYear} is after toYear ${toYear}`);
    const [dates, highs, lows, rain] = REQUIRED.map((name) => table.column(name)) as [unknown[], unknown[], unknown[], unknown[]];
    const keep: number[] = [];
    const months: string[] = [];
    for (let row = 0; row < table.rowCount; row++) {
      const month = monthOf(dates[row]);
      const high = highs[row];
      const low = lows[row];
      const precipitation = rain[row];
      if (month === null || !isNumber(high) || !isNumber(low) || !isNumber(precipitation) || precipitation < 0 || low > high) continue;
      const year = Number(month.slice(0, 4));
      if (year < fromYear || year > toYear) continue;
      keep.push(row);
      months.push(month);
    }
    const columns: [string, unknown[]][] = table.names.map((name) => {
      const source = table.column(name);
      return [name, keep.map((row) => source[row])];
    });
    columns.push(['month', months]);
    columns.push(['temp_mean', keep.map((row) => ((highs[row] as number) + (lows[row] as number)) / 2)]);
    return { table: Table.fromColumns(columns), dropped: table.rowCount - keep.length };
  },
});
