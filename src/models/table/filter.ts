import { defineModel } from '../../engine';
import { annotate, port } from '../ports';

export const tableFilter = defineModel({
  id: 'table.filter',
  title: 'Filter rows',
  description:
    'Keeps the rows where a condition over the columns is true, e.g. `temp_max > 20 && weather == "sun"` or `city in ["Paris", "Nice"]` (see docs/expressions.md)',
  category: 'table',
  inputs: {
    table: port.table('The rows to filter'),
    where: annotate(port.text('Condition over the columns (bare names, d.name, or `name with spaces`)').min(1, 'write a condition, e.g. price > 10'), {
      widget: 'condition',
      columnsFrom: 'table',
    }),
  },
  outputs: { table: port.table('The rows where the condition holds') },
  run: async ({ table, where }) => {
    // The expression language (and its parser) loads on first use, not with the palette.
    const { filterTable } = await import('./expression');
    return { table: filterTable(table, where) };
  },
});
