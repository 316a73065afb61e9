/** The inspector: the selected node's title, fields, output slot names and actions, or a hint when none is selected. */
import { Suspense } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { selectedCount, selectedNodeId, type EditorNode, type GraphState } from '../../store/graph';
import { useGraph } from '../hooks/useGraph';
import { lazyAfterPaint } from '../afterPaint';

export type InspectedNode = Pick<EditorNode, 'id' | 'data'>;

// The forms load right after the editor's first paint, with the model library: they read its live
// descriptions (JSON Schemas included, which the library snapshot leaves out) and its field checks.
const NodeInspector = lazyAfterPaint(() => Promise.all([import('./NodeInspector'), import('../modelLibrary')]).then(([module]) => module.NodeInspector));

/** The selected node's id and data, not its position: dragging it must not re-render the inspector. */
const selectSelected = (state: GraphState): InspectedNode | null => {
  const id = selectedNodeId(state);
  const node = id === null ? undefined : state.nodes.find((n) => n.id === id);
  return node ? { id: node.id, data: node.data } : null;
};

export function Inspector() {
  const node = useGraph(useShallow(selectSelected));
  const count = useGraph(selectedCount);
  return (
    <aside className="inspector" data-testid="inspector" aria-label="Inspector">
      {node ? (
        <Suspense fallback={<div className="inspector-body" />}>
          <NodeInspector key={node.id} node={node} />
        </Suspense>
      ) : (
        <div className="inspector-empty">
          <div className="panel-heading">Inspector</div>
          <p className="muted">{count > 1 ? `${count} nodes selected: select one to edit it.` : 'Select a node to edit its title, values and output slots.'}</p>
        </div>
      )}
    </aside>
  );
}
