/** The inspector for a component instance: its title, the steps inside it (their run status), and Expand. */
import { componentIdOf, innerStepId } from '../../format/components';
import type { GraphState } from '../../store/graph';
import type { RunStoreState } from '../../store/run';
import { useGraph } from '../hooks/useGraph';
import { useRun } from '../hooks/useRun';
import { useStudio } from '../hooks/useStudio';
import type { InspectedNode } from './Inspector';
import { NameInput } from './NameInput';

export function ComponentInspector({ node }: { node: InspectedNode }) {
  const id = componentIdOf(node.data.model) ?? '';
  const definition = useGraph((state: GraphState) => state.components[id]);
  const statuses = useRun((state: RunStoreState) =>
    (definition?.nodes ?? []).map((inner) => state.steps[state.rowIndex[innerStepId(node.id, inner.id)] ?? -1]?.status ?? 'idle').join(' '),
  ).split(' ');
  const { graph } = useStudio();
  const store = graph.getState();
  if (!definition)
    return (
      <div className="inspector-body">
        <div className="panel-heading">Missing component</div>
        <p className="field-error" role="note">
          Component “{id}” is not in this workspace&apos;s library, so “{node.data.label}” cannot run.
        </p>
      </div>
    );
  return (
    <div className="inspector-body" data-testid="component-inspector">
      <div className="panel-heading">
        {definition.name} <span className="muted">· component of {definition.nodes.length} steps</span>
      </div>
      <p className="muted small">
        Runs as its {definition.nodes.length} steps, each cached on its own (ids “{node.id}/…”). The palette keeps it under “Components”.
      </p>
      <NameInput label="Title" testId="node-label" value={node.data.label} onCommit={(text) => store.setNodeLabel(node.id, text)} />
      <h3 className="inspector-section">Steps inside</h3>
      <ul className="component-steps">
        {definition.nodes.map((inner, index) => (
          <li key={inner.id}>
            <span className={`status-pill status-${statuses[index] ?? 'idle'}`}>{statuses[index] ?? 'idle'}</span> {inner.label}{' '}
            <span className="muted mono">{inner.model}</span>
          </li>
        ))}
      </ul>
      <h3 className="inspector-section">Actions</h3>
      <div className="inspector-actions">
        <button type="button" className="button" data-testid="edit-component" onClick={() => store.editComponent(node.id)}>
          Edit definition
        </button>
        <button type="button" className="button" data-testid="expand-component" onClick={() => store.expandComponent(node.id)}>
          Expand component
        </button>
      </div>
    </div>
  );
}
