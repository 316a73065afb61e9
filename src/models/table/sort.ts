import { defineModel } from '../../engine';
import { port } from '../ports';
import { withArquero } from './arquero';
import { requireColumns } from './table';

export const tableSort = defineModel({
  id: 'table.sort',
  title: 'Sort rows',
  description: 'Orders rows by one or more columns (empty cells first when ascending, as in SQL)',
  category: 'table',
  inputs: {
    table: port.table('The rows to sort'),
    by: port.columns('Columns to sort by, most significant first').min(1, 'choose a column to sort by'),
    descending: port.boolean('Largest first').default(false),
  },
  outputs: { table: port.table('The sorted rows') },
  run: async ({ table, by, descending }) => {
    requireColumns(table, by);
    return {
      table: await withArquero(table, (dt, names, aq) => dt.orderby(...by.map((name) => (descending ? aq.desc(names.alias(name)) : names.alias(name))))),
    };
  },
});
