/** After a drag: a free node let go over a wire goes in between (the graph store checks the types). */
import { useCallback } from 'react';
import { ConnectionMode, useStoreApi } from '@xyflow/react';
import { getEdgePosition } from '@xyflow/system';
import type { EditorEdge, EditorNode, GraphStore } from '../../store/graph';
import { wireUnder, type WireEnds } from './wireHit';

export function useInsertOnWire(graph: GraphStore): (nodeId: string) => void {
  const store = useStoreApi<EditorNode, EditorEdge>();
  return useCallback(
    (nodeId: string) => {
      const { edges } = graph.getState();
      if (edges.some((e) => e.source === nodeId || e.target === nodeId)) return;
      const { nodeLookup } = store.getState();
      const node = nodeLookup.get(nodeId);
      if (!node?.measured.width || !node.measured.height) return;
      const wires = edges.flatMap((edge): WireEnds[] => {
        const sourceNode = nodeLookup.get(edge.source);
        const targetNode = nodeLookup.get(edge.target);
        if (!sourceNode || !targetNode) return [];
        const { sourceHandle, targetHandle, id } = edge;
        const ends = getEdgePosition({ id, sourceNode, targetNode, sourceHandle, targetHandle, connectionMode: ConnectionMode.Strict });
        return ends ? [{ id, ...ends }] : [];
      });
      const { x, y } = node.internals.positionAbsolute;
      const under = wireUnder({ x, y, width: node.measured.width, height: node.measured.height }, wires);
      if (under) graph.getState().insertOnWire(nodeId, under);
    },
    [graph, store],
  );
}
