import { z } from 'zod';
import { defineModel } from '../../engine';
import { annotate } from '../ports';
import { port } from '../ports';
import { Table } from './table';

const count = (description: string, fallback: number) =>
  annotate(z.number().int('must be a whole number').min(0, 'cannot be negative'), { description, portType: 'number', widget: 'number' }).default(fallback);

export const tableLimit = defineModel({
  id: 'table.limit',
  title: 'Limit rows',
  description: 'Keeps `count` rows starting after `offset` rows',
  category: 'table',
  inputs: { table: port.table('The source rows'), count: count('How many rows to keep', 10), offset: count('How many rows to skip first', 0) },
  outputs: { table: port.table('At most `count` rows') },
  run: ({ table, count, offset }) => ({
    table: Table.fromColumns(
      table.names.map((name, i) => [name, (table.columns[i] as readonly unknown[]).slice(offset, offset + count)] as [string, unknown[]]),
    ),
  }),
});
