import { defineModel } from '../../engine';
import { port } from '../ports';
import { withArquero } from './arquero';
import { Table } from './table';

export const tableUnion = defineModel({
  id: 'table.union',
  title: 'Union (stack rows)',
  description: 'The rows of `a` followed by the rows of `b`; columns are matched by name and missing cells left empty',
  category: 'table',
  inputs: {
    a: port.table('The first rows'),
    b: port.table('The rows to append'),
    distinct: port.boolean('Drop repeated rows (SQL UNION rather than UNION ALL)').default(false),
  },
  outputs: { table: port.table('All rows') },
  run: async ({ a, b, distinct }) => {
    const names = [...a.names, ...b.names.filter((name) => !a.has(name))];
    const stacked = Table.fromColumns(
      names.map((name) => {
        const top = a.has(name) ? a.column(name) : new Array<null>(a.rowCount).fill(null);
        const bottom = b.has(name) ? b.column(name) : new Array<null>(b.rowCount).fill(null);
        return [name, top.concat(bottom)] as [string, unknown[]];
      }),
    );
    return { table: distinct ? await withArquero(stacked, (dt) => dt.dedupe()) : stacked };
  },
});
