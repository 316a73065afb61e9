/**
 * Dagre's layered layout of wired nodes (left to right): top-left positions by node id. Pure over
 * the dagre module it is given, so it runs in the layout worker or, where there is none, in place.
 */
import type dagreModule from '@dagrejs/dagre';

export interface LayoutNode {
  id: string;
  width: number;
  height: number;
}

export interface LayoutEdge {
  source: string;
  target: string;
}

export type Positions = Map<string, { x: number; y: number }>;

export const MARGIN = 20;

export function layeredPositions(dagre: typeof dagreModule, nodes: readonly LayoutNode[], edges: readonly LayoutEdge[]): Positions {
  const positions: Positions = new Map();
  if (!nodes.length) return positions;
  const graph = new dagre.graphlib.Graph();
  graph.setGraph({ rankdir: 'LR', nodesep: 40, ranksep: 90, marginx: MARGIN, marginy: MARGIN });
  graph.setDefaultEdgeLabel(() => ({}));
  // Graphlib keys plain objects by node id, so an id like "toString" or "constructor" would find
  // Object.prototype's member there: dagre sees each node by its index instead.
  const keyOf = new Map(nodes.map((node, i) => [node.id, `n${i}`]));
  for (const node of nodes) graph.setNode(keyOf.get(node.id) as string, { width: node.width, height: node.height });
  for (const edge of edges) {
    const [source, target] = [keyOf.get(edge.source), keyOf.get(edge.target)];
    if (source !== undefined && target !== undefined) graph.setEdge(source, target);
  }
  dagre.layout(graph);
  for (const node of nodes) {
    const placed = graph.node(keyOf.get(node.id) as string) as { x: number; y: number } | undefined;
    if (placed) positions.set(node.id, { x: Math.round(placed.x - node.width / 2), y: Math.round(placed.y - node.height / 2) });
  }
  return positions;
}
