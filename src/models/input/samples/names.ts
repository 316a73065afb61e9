/** The sample datasets shipped with the app (from the vega-datasets package), by name → file. */
export const SAMPLE_FILES = {
  'seattle-weather': 'seattle-weather.csv',
  cars: 'cars.json',
  penguins: 'penguins.json',
  stocks: 'stocks.csv',
  'iowa-electricity': 'iowa-electricity.csv',
  barley: 'barley.json',
  population: 'population.json',
  gapminder: 'gapminder.json',
} as const;

export type SampleName = keyof typeof SAMPLE_FILES;
export const SAMPLE_NAMES = Object.keys(SAMPLE_FILES) as [SampleName, ...SampleName[]];
