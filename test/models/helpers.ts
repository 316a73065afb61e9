import { deepFreeze, registry, Step } from '../../src/engine';
import { Table } from '../../src/models';

/** Runs a registered model on `input` through a Step (schema validation included), freezing the input first. */
export async function runModel(id: string, input: Record<string, unknown>): Promise<Record<string, unknown>> {
  deepFreeze(input);
  return new Step({ model: id }).execute(registry.get(id), input);
}

export async function runTable(id: string, input: Record<string, unknown>): Promise<Table> {
  const { table } = await runModel(id, input);
  if (!(table instanceof Table)) throw new Error(`${id} did not return a table`);
  return table;
}

let weather: Promise<Table> | undefined;
/** Seattle weather 2012–2015 from vega-datasets, frozen: date, precipitation, temp_max, temp_min, wind, weather. */
export function seattleWeather(): Promise<Table> {
  weather ??= runTable('input.sample', { name: 'seattle-weather' }).then((table) => deepFreeze(table));
  return weather;
}

/** Expects `promise` to fail and returns the message. */
export async function failure(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
  } catch (error) {
    return (error as Error).message;
  }
  throw new Error('expected a failure');
}
