import { registry as defaultRegistry, type ModelRegistry } from '../../../engine';
import { add } from './add';
import { multiply } from './multiply';

const steps = [add, multiply];

/** Makes the app's models known to `registry` (a workflow loaded from JSON names them by id). */
export function registerSteps(registry: ModelRegistry = defaultRegistry): void {
  for (const model of steps) if (!registry.has(model.id)) registry.register(model);
}
