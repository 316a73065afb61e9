import { ArqueroNames, loadArquero } from '../table/arquero';
import type { Table } from '../table/table';

/** Where the header record ends: the first line break outside quotes (or the end of the text). */
function headerEnd(text: string): number {
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const char = text.charCodeAt(i);
    if (char === 34 /* " */) quoted = !quoted;
    else if (!quoted && (char === 10 /* \n */ || char === 13) /* \r */) return i;
  }
  return text.length;
}

/**
 * Parses CSV text with a header row into a table (arquero's parser: quoted fields, numbers,
 * booleans and ISO dates typed; empty cells become null).
 *
 * Arquero looks columns up by name in plain objects, where `toString` or `__proto__` are built-ins:
 * the header is read on its own, and the text parsed under aliases (`ArqueroNames`).
 */
export async function parseCsv(text: string, delimiter = ','): Promise<Table> {
  if (!text.trim()) throw new Error('the CSV text is empty: paste, type or load a file with a header row');
  const aq = await loadArquero();
  const end = headerEnd(text);
  try {
    const header = aq.fromCSV(text.slice(0, end), { delimiter, header: false, autoType: false });
    const names = header.columnNames().map((column) => String(header.get(column, 0) ?? ''));
    const duplicate = names.find((name, i) => names.indexOf(name) !== i);
    if (duplicate !== undefined) throw new HeaderError(`the header row names column \`${duplicate}\` twice`);
    const aliases = new ArqueroNames();
    const aliasHeader = names.map(aliases.alias).join(delimiter);
    return aliases.fromArquero(aq.fromCSV(aliasHeader + text.slice(end), { delimiter }));
  } catch (error) {
    if (error instanceof HeaderError) throw error;
    throw new Error(`cannot read the CSV text: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
  }
}

class HeaderError extends Error {}
