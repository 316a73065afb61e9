import { registry as defaultRegistry, type ModelRegistry } from '../../../engine';
// The library's models (input.sample, table.aggregate, chart.plot) register themselves on import.
import '../../../models';
import { clean } from './clean';

const steps = [clean];

/** Makes the app's own models known to `registry` (a workflow loaded from JSON names them by id). */
export function registerSteps(registry: ModelRegistry = defaultRegistry): void {
  for (const model of steps) if (!registry.has(model.id)) registry.register(model);
}
