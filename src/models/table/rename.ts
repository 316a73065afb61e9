import { z } from 'zod';
import { defineModel } from '../../engine';
import { annotate, port } from '../ports';
import { Table, requireColumns } from './table';

export const tableRename = defineModel({
  id: 'table.rename',
  title: 'Rename columns',
  description: 'Renames columns, e.g. { "temp_max": "high" }; other columns keep their names',
  category: 'table',
  inputs: {
    table: port.table('The source table'),
    names: annotate(z.record(z.string(), z.string().min(1, 'a new name cannot be empty')), {
      description: 'Old name → new name',
      portType: 'json',
      widget: 'json',
      columnsFrom: 'table',
    }),
  },
  outputs: { table: port.table('The table with renamed columns') },
  run: ({ table, names }) => {
    requireColumns(table, Object.keys(names));
    const renamed = table.names.map((name) => (Object.hasOwn(names, name) ? (names[name] as string) : name));
    return { table: Table.fromColumns(renamed.map((name, i) => [name, table.columns[i] as readonly unknown[]] as [string, readonly unknown[]])) };
  },
});
