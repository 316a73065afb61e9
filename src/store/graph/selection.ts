/**
 * Node selection. It lives in one place, the nodes' own `selected` flags (React Flow's), and
 * everything else — the inspector's node, the run panel's open step — is derived from it.
 */
import type { GraphContext } from './context';
import type { EditorNode, GraphData, SelectionActions } from './types';

export function selectionSlice({ set }: GraphContext): SelectionActions {
  return {
    selectNode: (id) => set((state) => ({ nodes: state.nodes.map((n) => ((n.id === id) === !!n.selected ? n : { ...n, selected: n.id === id })) })),
    selectAll: () => set((state) => ({ nodes: state.nodes.map((n) => (n.selected ? n : { ...n, selected: true })) })),
  };
}

/** The one selected node's id; null when none or several are selected. */
export function selectedNodeId(state: Pick<GraphData, 'nodes'>): string | null {
  let found: string | null = null;
  for (const node of state.nodes) {
    if (!node.selected) continue;
    if (found !== null) return null;
    found = node.id;
  }
  return found;
}

/** How many nodes are selected. */
export function selectedCount(state: Pick<GraphData, 'nodes'>): number {
  let count = 0;
  for (const node of state.nodes) if (node.selected) count++;
  return count;
}

/** The nodes with their `selected` flags set to exactly `ids` (unchanged nodes keep their identity). */
export function withSelection<T extends { id: string; selected?: boolean }>(items: readonly T[], ids: ReadonlySet<string>): T[] {
  return items.map((item) => (!!item.selected === ids.has(item.id) ? item : { ...item, selected: ids.has(item.id) }));
}

/** Clears every node's selection flag (for an edit that selects what it adds). */
export function deselected(nodes: readonly EditorNode[]): EditorNode[] {
  return nodes.map((n) => (n.selected ? { ...n, selected: false } : n));
}
