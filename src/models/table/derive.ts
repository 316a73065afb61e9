import { defineModel } from '../../engine';
import { annotate, port } from '../ports';

export const tableDerive = defineModel({
  id: 'table.derive',
  title: 'Derive column',
  description: 'Adds (or replaces) a column computed per row, e.g. `(temp_max + temp_min) / 2` or `month(date)` (see docs/expressions.md)',
  category: 'table',
  inputs: {
    table: port.table('The source table'),
    name: port.text('Name of the new column').min(1, 'name the new column'),
    expression: annotate(port.text('Expression over the columns').min(1, 'write an expression, e.g. price * quantity'), {
      widget: 'expression',
      columnsFrom: 'table',
    }),
  },
  outputs: { table: port.table('The table with the new column') },
  run: async ({ table, name, expression }) => {
    const { deriveColumn } = await import('./expression');
    return { table: deriveColumn(table, name, expression) };
  },
});
