import { defineModel } from '../../engine';
import { port } from '../ports';
import { ArqueroNames, loadArquero } from './arquero';
import { Table, requireColumns } from './table';

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
    const aq = await loadArquero();
    const names = new ArqueroNames();
    const key = names.output(keyName);
    const folded = names.fromArquero(names.toArquero(aq, table).fold(columns.map(names.alias), { as: [key, names.output(valueName)] }));
    // Arquero writes in the key column the alias of each folded column: write its name instead.
    const keys = folded.column(keyName).map((alias) => names.nameOf(alias as string));
    return {
      table: Table.fromColumns(
        folded.names.map((name, i) => [name, name === keyName ? keys : (folded.columns[i] as readonly unknown[])] as [string, readonly unknown[]]),
      ),
    };
  },
});
