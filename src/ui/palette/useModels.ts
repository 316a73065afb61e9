import { useSyncExternalStore } from 'react';
import { registry, type ModelDefinition } from '../../engine';

let cached: ModelDefinition[] = registry.list();
const subscribe = (listener: () => void) =>
  registry.subscribe(() => {
    cached = registry.list();
    listener();
  });
const snapshot = () => cached;

/** Every registered model (built-in and custom), updated when the registry changes. */
export function useModels(): ModelDefinition[] {
  return useSyncExternalStore(subscribe, snapshot);
}
