import { useSyncExternalStore } from 'react';
import { registry } from '../../engine';
import { librarySnapshot } from '../../store/graph/librarySnapshot';

/** What the palette shows of a model. */
export type ModelSummary = { id: string; title: string; description: string; category: string };

/**
 * Every model: the registry's (built-in and custom) and, until the model library has registered
 * after the first paint, the snapshot's in their place, in the same order.
 */
function current(): ModelSummary[] {
  const registered: ModelSummary[] = registry.list();
  const known = new Set(librarySnapshot.models.map((info) => info.id));
  return [
    ...librarySnapshot.models.map((info) => (registry.has(info.id) ? registry.get(info.id) : info)),
    ...registered.filter((model) => !known.has(model.id)),
  ];
}

let cached = current();
const listeners = new Set<() => void>();
// One registry subscription for every component that asks (each node on the canvas does).
registry.subscribe(() => {
  cached = current();
  for (const listener of listeners) listener();
});
const subscribe = (listener: () => void) => {
  listeners.add(listener);
  return () => listeners.delete(listener);
};
const snapshot = () => cached;

/** Every model the editor knows, updated when the registry changes (the library loading, a custom model). */
export function useModels(): ModelSummary[] {
  return useSyncExternalStore(subscribe, snapshot);
}
