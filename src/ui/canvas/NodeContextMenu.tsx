/** Right-click menu of a node: run to here, bypass, make component / edit its definition / expand, clear its cache, duplicate, delete. */
import { useEffect, useRef } from 'react';
import { componentIdOf, innerStepId } from '../../format/components';
import { useStudio } from '../hooks/useStudio';

export interface ContextMenuAt {
  nodeId: string;
  x: number;
  y: number;
}

export function NodeContextMenu({ at, onClose }: { at: ContextMenuAt; onClose: () => void }) {
  const ref = useRef<HTMLDivElement>(null);
  const { graph, run } = useStudio();
  const node = graph.getState().nodes.find((candidate) => candidate.id === at.nodeId);
  const bypassed = node?.data.bypassed === true;
  // Inside an open definition a node's step is the inner step of the instance it was opened from.
  const editing = graph.getState().editing;
  const stepKey = editing ? innerStepId(editing.instanceId, at.nodeId) : at.nodeId;
  const isComponent = node !== undefined && componentIdOf(node.data.model) !== null;
  useEffect(() => {
    ref.current?.querySelector('button')?.focus();
    const onKey = (event: KeyboardEvent) => {
      if (event.key === 'Escape') onClose();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [onClose]);
  const act = (action: () => void) => () => {
    action();
    onClose();
  };
  return (
    <div ref={ref} className="context-menu" role="menu" aria-label="Node actions" style={{ left: at.x, top: at.y }} data-testid="node-context-menu">
      <button type="button" role="menuitem" onClick={act(() => void run.getState().runTo(stepKey))}>
        Run to here
      </button>
      <button type="button" role="menuitem" data-testid="menu-bypass" onClick={act(() => graph.getState().toggleBypass([at.nodeId]))}>
        {bypassed ? 'Lift bypass' : 'Bypass'} <kbd>Ctrl+B</kbd>
      </button>
      {isComponent && (
        <button type="button" role="menuitem" data-testid="menu-edit-component" onClick={act(() => graph.getState().editComponent(at.nodeId))}>
          Edit definition <kbd>Enter</kbd>
        </button>
      )}
      {isComponent ? (
        <button type="button" role="menuitem" data-testid="menu-expand-component" onClick={act(() => graph.getState().expandComponent(at.nodeId))}>
          Expand component <kbd>Ctrl+Shift+G</kbd>
        </button>
      ) : (
        <button type="button" role="menuitem" data-testid="menu-make-component" onClick={act(() => graph.getState().makeComponent())}>
          Make component <kbd>Ctrl+Shift+G</kbd>
        </button>
      )}
      <button type="button" role="menuitem" onClick={act(() => run.getState().clearCache(stepKey))}>
        Clear cache
      </button>
      <button type="button" role="menuitem" onClick={act(() => graph.getState().duplicateSelection())}>
        Duplicate
      </button>
      <button type="button" role="menuitem" className="is-danger" onClick={act(() => graph.getState().deleteNodes([at.nodeId]))}>
        Delete
      </button>
    </div>
  );
}
