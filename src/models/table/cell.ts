import { z } from 'zod';
import { defineModel } from '../../engine';
import { annotate, port } from '../ports';

export const tableCell = defineModel({
  id: 'table.cell',
  title: 'Cell value',
  description: 'One value of a table, e.g. a total from an aggregate, to feed number or text inputs',
  category: 'table',
  inputs: {
    table: port.table('The table'),
    column: port.column('The column'),
    row: annotate(z.number().int('must be a whole number').min(0, 'rows count from 0'), {
      description: 'Row number, from 0',
      portType: 'number',
      widget: 'number',
    }).default(0),
  },
  outputs: { value: port.any('The cell’s value') },
  run: ({ table, column, row }) => {
    const values = table.column(column);
    if (row >= table.rowCount)
      throw new Error(`row ${row} does not exist: the table has ${table.rowCount} row${table.rowCount === 1 ? '' : 's'} (0 to ${table.rowCount - 1})`);
    return { value: values[row] };
  },
});
