/** Column names a column picker can offer: those of the table cached at the wired upstream output. */
import type { EditorEdge } from './types';

/** The part of the run store's cache summaries a column picker reads (step key → output → column names). */
export type CachedColumns = Record<string, { outputColumns: Record<string, string[]> } | undefined>;

/** The columns of the table wired into `tableField`, from the last run's cache; null when unknown (then the person types). */
export function upstreamColumns(nodeId: string, tableField: string, edges: readonly EditorEdge[], cache: CachedColumns): string[] | null {
  const edge = edges.find((e) => e.target === nodeId && e.targetHandle === tableField);
  if (!edge) return null;
  return cache[edge.source]?.outputColumns[edge.sourceHandle] ?? null;
}

const wiredIndexCache = new WeakMap<readonly EditorEdge[], Map<string, Map<string, string>>>();

/** For each node, its wired fields → the source node id; built once per edge list. */
export function wiredIndex(edges: readonly EditorEdge[]): Map<string, Map<string, string>> {
  let index = wiredIndexCache.get(edges);
  if (!index) {
    index = new Map();
    for (const edge of edges) {
      const fields = index.get(edge.target) ?? new Map<string, string>();
      fields.set(edge.targetHandle, edge.source);
      index.set(edge.target, fields);
    }
    wiredIndexCache.set(edges, index);
  }
  return index;
}

const wiredKeyCache = new WeakMap<readonly EditorEdge[], Map<string, string>>();

/** A node's wired fields as one comma-joined string: a cheap, allocation-free selector result. */
export function wiredFieldsKey(edges: readonly EditorEdge[], nodeId: string): string {
  let keys = wiredKeyCache.get(edges);
  if (!keys) {
    keys = new Map();
    for (const [id, fields] of wiredIndex(edges)) keys.set(id, [...fields.keys()].join(','));
    wiredKeyCache.set(edges, keys);
  }
  return keys.get(nodeId) ?? '';
}
