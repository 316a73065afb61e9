import { defineModel, readStoredFile } from '../../engine';
import { port } from '../ports';
import { parseCsv } from './parseCsv';

/** People cannot easily type a tab into a text box, so `tab` and `\t` name it. */
function delimiterOf(text: string): string {
  if (text === 'tab' || text === '\\t') return '\t';
  if (text.length !== 1) throw new Error(`the delimiter must be one character (or \`tab\`), not \`${text}\``);
  return text;
}

export const inputCsv = defineModel({
  id: 'input.csv',
  title: 'CSV',
  description: 'A table from CSV text (typed, pasted or loaded from a file) with a header row',
  category: 'input',
  inputs: {
    text: port.textOrFile('CSV text with a header row, or a loaded .csv / .tsv file', 'csv'),
    delimiter: port.text('Column separator: one character such as , or ;, or `tab`').min(1, 'choose a delimiter, e.g. ,').default(','),
  },
  outputs: { table: port.table('The parsed table') },
  run: async ({ text, delimiter }, ctx) => {
    const content = typeof text === 'string' ? text : await readStoredFile(text, ctx);
    return { table: await parseCsv(content, delimiterOf(delimiter)) };
  },
});
