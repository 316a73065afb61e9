import { defineModel, describeType } from '../../engine';
import { port } from '../ports';
import { Table } from './table';

export const tableFromRows = defineModel({
  id: 'table.fromRows',
  title: 'Rows to table',
  description: 'Makes a table from a JSON array of row objects, e.g. the result of a code node',
  category: 'table',
  inputs: { rows: port.any('An array of objects, one per row') },
  outputs: { table: port.table('The table; columns are every key seen, in first-seen order') },
  run: ({ rows }) => {
    if (!Array.isArray(rows)) throw new Error(`expected an array of row objects, got ${describeType(rows)}`);
    const bad = rows.findIndex((row) => row === null || typeof row !== 'object' || Array.isArray(row));
    if (bad >= 0) throw new Error(`row ${bad + 1} is ${describeType(rows[bad])}, not an object`);
    return { table: Table.fromRows(rows as Record<string, unknown>[]) };
  },
});
