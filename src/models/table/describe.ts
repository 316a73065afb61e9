import { defineModel } from '../../engine';
import { port } from '../ports';
import { Table } from './table';

function summarize(values: readonly unknown[]) {
  let count = 0;
  let nulls = 0;
  let min: unknown = null;
  let max: unknown = null;
  let sum = 0;
  let numbers = 0;
  for (const value of values) {
    if (value === null || value === undefined || (typeof value === 'number' && Number.isNaN(value))) {
      nulls++;
      continue;
    }
    count++;
    const comparable = value instanceof Date ? value.getTime() : value;
    if (typeof comparable === 'number' || typeof comparable === 'string') {
      const lo = min instanceof Date ? min.getTime() : min;
      const hi = max instanceof Date ? max.getTime() : max;
      if (min === null || comparable < (lo as typeof comparable)) min = value;
      if (max === null || comparable > (hi as typeof comparable)) max = value;
    }
    if (typeof value === 'number') {
      sum += value;
      numbers++;
    }
  }
  return { count, nulls, min, max, mean: numbers && numbers === count ? sum / numbers : null };
}

export const tableDescribe = defineModel({
  id: 'table.describe',
  title: 'Describe columns',
  description: 'One row per column: its type, count of values, empty cells, min, max and (for numbers) mean',
  category: 'table',
  inputs: { table: port.table('The table to describe') },
  outputs: { table: port.table('column, type, count, nulls, min, max, mean') },
  run: ({ table }) => {
    const types = table.columnTypes();
    const rows = table.names.map((name, i) => ({ column: name, type: types[name], ...summarize(table.columns[i] as readonly unknown[]) }));
    return { table: Table.fromRows(rows, ['column', 'type', 'count', 'nulls', 'min', 'max', 'mean']) };
  },
});
