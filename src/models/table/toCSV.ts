import { defineModel } from '../../engine';
import { port } from '../ports';
import { toCSV } from './table';

export const tableToCSV = defineModel({
  id: 'table.toCSV',
  title: 'Table to CSV',
  description: 'CSV text with a header row; cells with commas, quotes or line breaks are quoted',
  category: 'table',
  inputs: { table: port.table('The table to write'), delimiter: port.text('Column separator').length(1, 'the delimiter is one character').default(',') },
  outputs: { text: port.text('CSV text') },
  run: ({ table, delimiter }) => ({ text: toCSV(table, delimiter) }),
});
