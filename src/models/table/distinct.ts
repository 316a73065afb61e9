import { defineModel } from '../../engine';
import { port } from '../ports';
import { withArquero } from './arquero';
import { requireColumns } from './table';

export const tableDistinct = defineModel({
  id: 'table.distinct',
  title: 'Distinct rows',
  description: 'Drops repeated rows (judged on the chosen columns, or on all), keeping the first of each',
  category: 'table',
  inputs: {
    table: port.table('The source rows'),
    columns: port.columns('Columns that make a row distinct (empty: all columns)').default([]),
  },
  outputs: { table: port.table('The rows without repeats') },
  run: async ({ table, columns }) => {
    requireColumns(table, columns);
    return { table: await withArquero(table, (dt, names) => (columns.length ? dt.dedupe(...columns.map(names.alias)) : dt.dedupe())) };
  },
});
