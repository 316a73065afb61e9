import { defineModel } from '../../engine';
import { port } from '../ports';
import { Table, requireColumns } from './table';

export const tableSelect = defineModel({
  id: 'table.select',
  title: 'Select columns',
  description: 'Keeps only the named columns, in the order given',
  category: 'table',
  inputs: {
    table: port.table('The source table'),
    columns: port.columns('Columns to keep, in order').min(1, 'choose at least one column'),
  },
  outputs: { table: port.table('The table with only those columns') },
  run: ({ table, columns }) => {
    requireColumns(table, columns);
    return { table: Table.fromColumns(columns.map((name) => [name, table.column(name)] as [string, readonly unknown[]])) };
  },
});
