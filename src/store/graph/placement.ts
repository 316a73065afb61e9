/**
 * Adding nodes where a person works: a model chosen for a wire dropped on empty canvas comes in
 * wired to it, and a free node dropped onto a wire goes in between. Each is one undo point.
 */
import type { GraphEdgeSpec } from '../../format';
import type { GraphContext } from './context';
import { checkConnection, checkInsertOnWire, insertedNote } from './rules';
import { deselected } from './selection';
import type { PlacementActions } from './types';
import { newNode, withWire } from './wiring';

export function placementSlice({ get, set, edit }: GraphContext): PlacementActions {
  return {
    addWiredNode: (modelId, position, wire) => {
      const { nodes, edges } = get();
      const node = newNode(nodes, modelId, position);
      const added = [...deselected(nodes), node];
      const request =
        wire.from === 'output'
          ? { source: wire.nodeId, sourceHandle: wire.handle, target: node.id, targetHandle: wire.port }
          : { source: node.id, sourceHandle: wire.port, target: wire.nodeId, targetHandle: wire.handle };
      const check = checkConnection(added, edges, request);
      if (!check.ok) {
        edit({ nodes: added, notice: { kind: 'error', title: check.reason, items: [] } });
        return node.id;
      }
      const spec: GraphEdgeSpec = { source: request.source, output: request.sourceHandle, target: request.target, field: request.targetHandle };
      edit({ ...withWire({ nodes: added, edges }, spec, check.replaces), notice: null });
      return node.id;
    },

    insertOnWire: (nodeId, edgeId) => {
      const { nodes, edges } = get();
      const edge = edges.find((e) => e.id === edgeId);
      if (!edge || edges.some((e) => e.source === nodeId || e.target === nodeId)) return false;
      const check = checkInsertOnWire(nodes, edge, nodeId);
      if (!check.ok) {
        set({ notice: { kind: 'warning', title: check.reason, items: [] } });
        return false;
      }
      const others = { nodes, edges: edges.filter((e) => e !== edge) };
      const first = withWire(others, { source: edge.source, output: edge.sourceHandle, target: nodeId, field: check.input });
      const both = withWire(first, { source: nodeId, output: check.output, target: edge.target, field: edge.targetHandle });
      edit({ ...both, notice: { kind: 'info', title: insertedNote(nodes, nodeId, edge), items: [] } });
      return true;
    },
  };
}
