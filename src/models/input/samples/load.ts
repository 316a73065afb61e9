import type { SampleName } from './names';

/** Each dataset is its own lazily imported chunk, so only the chosen one is ever loaded. */
const LOADERS: Record<SampleName, () => Promise<{ default: string }>> = {
  'seattle-weather': () => import('./data/seattle-weather'),
  cars: () => import('./data/cars'),
  penguins: () => import('./data/penguins'),
  stocks: () => import('./data/stocks'),
  'iowa-electricity': () => import('./data/iowa-electricity'),
  barley: () => import('./data/barley'),
  population: () => import('./data/population'),
  gapminder: () => import('./data/gapminder'),
};

/** The raw text of a sample dataset (CSV or JSON, see SAMPLE_FILES). */
export async function loadSampleText(name: SampleName): Promise<string> {
  return (await LOADERS[name]()).default;
}
