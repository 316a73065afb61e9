/**
 * The canvas's handlers of React Flow's events, apart from the component: the graph store's own,
 * the split between model nodes and annotations, and a drag kept in component state until the drop.
 */
import { useCallback, useRef, useState } from 'react';
import { applyEdgeChanges, applyNodeChanges, type Connection, type EdgeChange, type NodeChange } from '@xyflow/react';
import type { EditorEdge, EditorNode, GraphStore } from '../../store/graph';
import { isAnnotationNode, type AnnotationNode } from './annotationNodes';
import type { useAnnotationNodes } from './useAnnotationNodes';

/** The canvas's React Flow callbacks over one graph store (stable for the store's life). */
export function graphHandlers(graph: GraphStore) {
  return {
    onEdgesChange: (changes: EdgeChange<EditorEdge>[]) => {
      const { edges, setViewEdges } = graph.getState();
      setViewEdges(applyEdgeChanges(changes, edges), 'view');
    },
    onConnect: (connection: Connection) => {
      graph.getState().connect(connection);
    },
    /** Asked while a wire is dragged over a handle: an input that would refuse it shows as invalid at once. */
    isValidConnection: (connection: EditorEdge | Connection) => graph.getState().checkConnection(connection).ok,
    onDragStart: () => {
      const { nodes, setViewNodes } = graph.getState();
      setViewNodes(nodes, 'drag-start');
    },
  };
}
export type CanvasNode = EditorNode | AnnotationNode;

/** Sends React Flow's node events for notes and groups to their hook, the rest to the model nodes' handlers. */
export function routedHandlers(
  annotations: ReturnType<typeof useAnnotationNodes>,
  models: {
    onNodesChange: (changes: NodeChange<EditorNode>[]) => void;
    onDragStop: (event: unknown, node: EditorNode, moved: EditorNode[]) => void;
    onDragStart: () => void;
  },
) {
  const ids = new Set(annotations.nodes.map((n) => n.id));
  const isAnnotationChange = (change: NodeChange<CanvasNode>) => ('id' in change ? ids.has(change.id) : isAnnotationNode(change.item));
  return {
    onNodesChange: (changes: NodeChange<CanvasNode>[]) => {
      const mine = changes.filter(isAnnotationChange) as NodeChange<AnnotationNode>[];
      const rest = changes.filter((change) => !isAnnotationChange(change)) as NodeChange<EditorNode>[];
      if (mine.length) annotations.onChanges(mine);
      if (rest.length) models.onNodesChange(rest);
    },
    onDragStart: (_event: unknown, node: CanvasNode) => {
      if (isAnnotationNode(node)) annotations.onDragStart(node);
      else models.onDragStart();
    },
    onDragStop: (event: unknown, node: CanvasNode, moved: CanvasNode[]) => {
      if (isAnnotationNode(node)) annotations.onDragStop(node);
      else
        models.onDragStop(
          event,
          node,
          moved.filter((n): n is EditorNode => !isAnnotationNode(n)),
        );
    },
  };
}

/**
 * While a node is dragged its moves stay in this component's state and reach the graph store once,
 * when the drag ends. A store update renders synchronously inside the pointer event (zustand reads
 * through useSyncExternalStore); React state lets React schedule the render, as a bare React Flow
 * page does (measured at 1,000 nodes: 41–43 fps through the store, see bench/canvas.bench.ts).
 */
export function useDraggedNodes(graph: GraphStore, storeNodes: EditorNode[], afterDrop: (nodeId: string) => void) {
  const dragged = useRef<EditorNode[] | null>(null);
  const [dragNodes, setDragNodes] = useState<EditorNode[] | null>(null);
  const onNodesChange = useCallback(
    (changes: NodeChange<EditorNode>[]) => {
      const next = applyNodeChanges(changes, dragged.current ?? graph.getState().nodes);
      if (changes.every((change) => change.type === 'position' && change.dragging)) {
        dragged.current = next;
        setDragNodes(next);
        return;
      }
      dragged.current = null;
      setDragNodes(null);
      graph.getState().setViewNodes(next, 'view');
    },
    [graph],
  );
  const onDragStop = useCallback(
    (_event: unknown, node: EditorNode, movedNodes: EditorNode[]) => {
      const { nodes, setViewNodes } = graph.getState();
      const moved = dragged.current;
      dragged.current = null;
      setDragNodes(null);
      setViewNodes(moved ?? nodes, 'drag-end');
      // One node let go over a wire may go onto it.
      if (movedNodes.length === 1) afterDrop(node.id);
    },
    [graph, afterDrop],
  );
  return { nodes: dragNodes ?? storeNodes, onNodesChange, onDragStop };
}
