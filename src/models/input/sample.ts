import { defineModel } from '../../engine';
import { port } from '../ports';
import { Table } from '../table/table';
import { parseCsv } from './parseCsv';
import { loadSampleText } from './samples/load';
import { SAMPLE_FILES, SAMPLE_NAMES } from './samples/names';

export const inputSample = defineModel({
  id: 'input.sample',
  title: 'Sample dataset',
  description: 'A real dataset shipped with the app (vega-datasets): Seattle weather, cars, penguins, stocks, …',
  category: 'input',
  inputs: { name: port.enum(SAMPLE_NAMES, 'Which dataset').default('seattle-weather') },
  outputs: { table: port.table('The dataset') },
  run: async ({ name }) => {
    const text = await loadSampleText(name);
    if (SAMPLE_FILES[name].endsWith('.csv')) return { table: await parseCsv(text) };
    return { table: Table.fromRows(JSON.parse(text) as Record<string, unknown>[]) };
  },
});
