import { defineModel } from '../../engine';
import { annotate, port } from '../ports';
import { withArquero } from './arquero';
import { compileRowExpression, expressionError } from './expression';

export const tableFilter = defineModel({
  id: 'table.filter',
  title: 'Filter rows',
  description: 'Keeps the rows where an expression over the columns is true, e.g. `temp_max > 20 && weather == "sun"`',
  category: 'table',
  inputs: {
    table: port.table('The rows to filter'),
    where: annotate(port.text('Condition over the columns (bare names, d.name, or `name with spaces`)').min(1, 'write a condition, e.g. price > 10'), { widget: 'expression', columnsFrom: 'table' }),
  },
  outputs: { table: port.table('The rows where the condition holds') },
  run: async ({ table, where }) => {
    const source = compileRowExpression(where, table.names);
    return {
      table: await withArquero(table, (dt) => {
        try {
          return dt.filter(source);
        } catch (error) {
          throw expressionError(where, error);
        }
      }),
    };
  },
});
