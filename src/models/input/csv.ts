import { defineModel } from '../../engine';
import { port } from '../ports';
import { parseCsv } from './parseCsv';

export const inputCsv = defineModel({
  id: 'input.csv',
  title: 'CSV',
  description: 'A table from CSV text (typed, pasted or loaded from a file) with a header row',
  category: 'input',
  inputs: {
    text: port.text('CSV text with a header row', 'csv'),
    delimiter: port.text('Column separator, e.g. , ; or a tab').length(1, 'the delimiter is one character').default(','),
  },
  outputs: { table: port.table('The parsed table') },
  run: async ({ text, delimiter }) => ({ table: await parseCsv(text, delimiter) }),
});
