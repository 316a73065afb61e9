/** Pure graph changes shared by the edit and placement slices: a new node, a wire joined. */
import type { GraphEdgeSpec } from '../../format';
import { modelInfo } from './catalog';
import { toEditorEdge, toEditorNode } from './convert';
import { uniqueId, uniqueLabel } from './naming';
import type { EditorEdge, EditorNode } from './types';

/** A new, selected node of `modelId` at `position`, with an id and title no other node has. */
export function newNode(nodes: readonly EditorNode[], modelId: string, position: { x: number; y: number }): EditorNode {
  if (!modelInfo(modelId)) throw new Error(`unknown model "${modelId}"`);
  const id = uniqueId(modelId.split('.').pop() ?? modelId, new Set(nodes.map((n) => n.id)));
  const label = uniqueLabel(id, new Set(nodes.map((n) => n.data.label)));
  return { ...toEditorNode({ id, model: modelId, label, position, params: {}, slotNames: {}, stateInputs: {} }), selected: true };
}

/** The graph with wire `spec` added (and `replaced` removed); the wire replaces its input's "from initial state" binding. */
export function withWire(
  graph: { nodes: readonly EditorNode[]; edges: readonly EditorEdge[] },
  spec: GraphEdgeSpec,
  replaced: EditorEdge | null = null,
): { nodes: EditorNode[]; edges: EditorEdge[] } {
  return {
    nodes: graph.nodes.map((n) => {
      if (n.id !== spec.target || !(spec.field in n.data.stateInputs)) return n;
      const { [spec.field]: _unbound, ...stateInputs } = n.data.stateInputs;
      return { ...n, data: { ...n.data, stateInputs } };
    }),
    edges: [...graph.edges.filter((e) => e !== replaced), toEditorEdge(spec)],
  };
}
