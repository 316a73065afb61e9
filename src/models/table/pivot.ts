import { defineModel } from '../../engine';
import { port } from '../ports';
import { ArqueroNames, loadArquero } from './arquero';
import { requireColumns } from './table';

export const tablePivot = defineModel({
  id: 'table.pivot',
  title: 'Pivot (long to wide)',
  description: 'Turns the values of a key column into new columns, filled by aggregating a value column per group',
  category: 'table',
  inputs: {
    table: port.table('The long table'),
    groupBy: port.columns('Columns that identify an output row').default([]),
    key: port.column('Column whose values become column names'),
    value: port.column('Column whose values fill the cells'),
    op: port.enum(['sum', 'mean', 'min', 'max', 'count', 'median'], 'How to combine several values for one cell').default('sum'),
  },
  outputs: { table: port.table('The wide table') },
  run: async ({ table, groupBy, key, value, op }) => {
    requireColumns(table, [...groupBy, key, value]);
    const aq = await loadArquero();
    const names = new ArqueroNames();
    // The key's values name the new columns, and in arquero a value such as `__proto__` cannot: it
    // sees an alias per distinct value instead. Aliases are numbered in the order arquero sorts
    // names (the default sort of the values), zero-padded so they sort the same way.
    const distinct = [...new Set(table.column(key))];
    const sorted = [...distinct].sort();
    const width = String(sorted.length).length;
    const aliasOf = new Map(sorted.map((keyValue) => [keyValue, names.output(String(keyValue), width)]));
    const keyAlias = names.output(key);
    const cell = (field: string) => (op === 'count' ? `d => op.valid(${field})` : `d => op.${op}(${field})`);
    const dt = names.toArquero(aq, table).assign({ [keyAlias]: table.column(key).map((keyValue) => aliasOf.get(keyValue)) });
    const grouped = groupBy.length ? dt.groupby(...groupBy.map(names.alias)) : dt;
    return { table: names.fromArquero(grouped.pivot(keyAlias, { [names.alias(value)]: cell(names.field(value)) })) };
  },
});
