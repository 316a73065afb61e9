import { defineModel } from '../../engine';
import { port } from '../ports';
import { ArqueroNames, loadArquero } from './arquero';
import { requireColumns } from './table';

export const tableJoin = defineModel({
  id: 'table.join',
  title: 'Join',
  description: 'Matches rows of `left` and `right` on key columns both have. Other columns present in both get suffixes _1 (left) and _2 (right)',
  category: 'table',
  inputs: {
    left: port.table('The left table'),
    right: port.table('The right table'),
    on: port.columns('Key columns, present in both tables', 'left').min(1, 'choose at least one key column'),
    how: port.enum(['inner', 'left', 'right', 'full'], 'inner: matches only; left/right: also unmatched rows of that side; full: all rows').default('inner'),
  },
  outputs: { table: port.table('The joined rows') },
  run: async ({ left, right, on, how }) => {
    requireColumns(left, on, 'left table');
    requireColumns(right, on, 'right table');
    const aq = await loadArquero();
    // One set of aliases for both sides, so the keys (and the columns both have) match by name.
    const names = new ArqueroNames();
    const joined = names.toArquero(aq, left).join(names.toArquero(aq, right), [on.map(names.alias)] as [string[]], undefined, {
      left: how === 'left' || how === 'full',
      right: how === 'right' || how === 'full',
    });
    return { table: names.fromArquero(joined) };
  },
});
