/**
 * The canvas's notes and groups: React Flow nodes kept here while one is dragged or resized (as
 * `useDraggedNodes` keeps model nodes), committed to the graph store once when the gesture ends. A
 * group's members (the nodes inside its frame when the drag starts) move with it on every frame.
 */
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { applyNodeChanges, type NodeChange } from '@xyflow/react';
import { membersOf, movedNodes, type EditorNode, type GraphState, type GraphStore } from '../../store/graph';
import { useGraph } from '../hooks/useGraph';
import { typingIn } from '../shell/useShortcuts';
import { toAnnotationNode, type AnnotationNode } from './annotationNodes';

const selectAnnotations = (state: GraphState) => state.annotations;

interface GroupDrag {
  id: string;
  members: Set<string>;
  startNodes: EditorNode[];
  from: { x: number; y: number };
}

export function useAnnotationNodes(graph: GraphStore) {
  const annotations = useGraph(selectAnnotations);
  const [selected, setSelected] = useState<ReadonlySet<string>>(new Set());
  const [live, setLive] = useState<AnnotationNode[] | null>(null);
  const groupDrag = useRef<GroupDrag | null>(null);
  const base = useMemo(() => annotations.map((a) => toAnnotationNode(a, selected.has(a.id))), [annotations, selected]);
  const nodes = live ?? base;

  // Delete and Backspace remove the selected notes and groups too (a group's nodes stay, as "Ungroup" does).
  useEffect(() => {
    if (!selected.size) return;
    const onKey = (event: KeyboardEvent) => {
      if ((event.key !== 'Delete' && event.key !== 'Backspace') || event.ctrlKey || event.metaKey || typingIn(event.target)) return;
      for (const id of selected) graph.getState().deleteAnnotation(id);
      setSelected(new Set());
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [graph, selected]);

  const onChanges = useCallback(
    (changes: NodeChange<AnnotationNode>[]) => {
      const next = applyNodeChanges(changes, live ?? base);
      const interactive = changes.some((c) => (c.type === 'position' && c.dragging) || (c.type === 'dimensions' && c.resizing));
      setLive(interactive ? next : null);
      if (changes.some((c) => c.type === 'select')) setSelected(new Set(next.filter((n) => n.selected).map((n) => n.id)));
      const drag = groupDrag.current;
      const moved = drag && next.find((n) => n.id === drag.id);
      if (drag && moved) {
        const dx = moved.position.x - drag.from.x;
        const dy = moved.position.y - drag.from.y;
        graph.getState().setViewNodes(movedNodes(drag.startNodes, drag.members, dx, dy), 'drag');
      }
    },
    [graph, live, base],
  );

  const onDragStart = useCallback(
    (node: AnnotationNode) => {
      const { annotation } = node.data;
      if (annotation.kind !== 'group') return;
      const { nodes: startNodes } = graph.getState();
      groupDrag.current = { id: annotation.id, members: new Set(membersOf(annotation, startNodes)), startNodes, from: { x: annotation.x, y: annotation.y } };
    },
    [graph],
  );

  const onDragStop = useCallback(
    (node: AnnotationNode) => {
      const drag = groupDrag.current;
      groupDrag.current = null;
      setLive(null);
      const store = graph.getState();
      // The members moved on screen only: back to where they were, then one undoable move of all.
      if (drag) store.setViewNodes(drag.startNodes, 'drag');
      store.moveAnnotation(node.id, node.position, drag ? [...drag.members] : []);
    },
    [graph],
  );

  return useMemo(() => ({ nodes, onChanges, onDragStart, onDragStop }), [nodes, onChanges, onDragStart, onDragStop]);
}
