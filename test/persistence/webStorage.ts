import type { WebStorageArea } from '../../src/persistence/journal';

/** A Web Storage area in memory that outlives any one Workspace, like localStorage outlives a page. */
export function memoryWebStorage(): WebStorageArea & { readonly data: Map<string, string> } {
  const data = new Map<string, string>();
  return {
    data,
    getItem: (key) => data.get(key) ?? null,
    setItem: (key, value) => void data.set(key, String(value)),
    removeItem: (key) => void data.delete(key),
  };
}
