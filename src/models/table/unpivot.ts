import { defineModel } from '../../engine';
import { port } from '../ports';
import { withArquero } from './arquero';
import { requireColumns } from './table';

export const tableUnpivot = defineModel({
  id: 'table.unpivot',
  title: 'Unpivot (wide to long)',
  description: 'Folds several columns into two: one naming the column, one holding its value',
  category: 'table',
  inputs: {
    table: port.table('The wide table'),
    columns: port.columns('Columns to fold').min(1, 'choose at least one column to fold'),
    keyName: port.text('Name of the column that names the folded column').default('key'),
    valueName: port.text('Name of the column that holds the values').default('value'),
  },
  outputs: { table: port.table('The long table') },
  run: async ({ table, columns, keyName, valueName }) => {
    requireColumns(table, columns);
    const clash = [keyName, valueName].find((name) => table.has(name) && !columns.includes(name));
    if (clash !== undefined) throw new Error(`the table already has a column \`${clash}\`: choose another name`);
    return { table: await withArquero(table, (dt) => dt.fold(columns, { as: [keyName, valueName] })) };
  },
});
