import { defineModel } from '../../engine';
import { port } from '../ports';
import { withArquero } from './arquero';
import { requireColumns } from './table';

export const tablePivot = defineModel({
  id: 'table.pivot',
  title: 'Pivot (long to wide)',
  description: 'Turns the values of a key column into new columns, filled by aggregating a value column per group',
  category: 'table',
  inputs: {
    table: port.table('The long table'),
    groupBy: port.columns('Columns that identify an output row').default([]),
    key: port.column('Column whose values become column names'),
    value: port.column('Column whose values fill the cells'),
    op: port.enum(['sum', 'mean', 'min', 'max', 'count', 'median'], 'How to combine several values for one cell').default('sum'),
  },
  outputs: { table: port.table('The wide table') },
  run: async ({ table, groupBy, key, value, op }) => {
    requireColumns(table, [...groupBy, key, value]);
    const cell = op === 'count' ? `d => op.valid(d[${JSON.stringify(value)}])` : `d => op.${op}(d[${JSON.stringify(value)}])`;
    return { table: await withArquero(table, (dt) => (groupBy.length ? dt.groupby(...groupBy) : dt).pivot(key, { [value]: cell })) };
  },
});
