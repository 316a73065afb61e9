import { fromArquero, loadArquero } from '../table/arquero';
import type { Table } from '../table/table';

/**
 * Parses CSV text with a header row into a table (arquero's parser: quoted fields, numbers,
 * booleans and ISO dates typed; empty cells become null).
 */
export async function parseCsv(text: string, delimiter = ','): Promise<Table> {
  if (!text.trim()) throw new Error('the CSV text is empty: paste, type or load a file with a header row');
  const aq = await loadArquero();
  const header = text.slice(0, text.search(/\r?\n|$/));
  const names = header.split(delimiter).map((name) => name.trim().replace(/^"|"$/g, ''));
  const duplicate = names.find((name, i) => names.indexOf(name) !== i);
  if (duplicate !== undefined) throw new Error(`the header row names column \`${duplicate}\` twice`);
  try {
    return fromArquero(aq.fromCSV(text, { delimiter }));
  } catch (error) {
    throw new Error(`cannot read the CSV text: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
  }
}
