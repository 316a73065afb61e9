/** Over the canvas while a component's definition is open: `Workflow › Component`, the first a way back. */
import { componentModel } from '../../format/components';
import type { GraphState } from '../../store/graph';
import { useGraph } from '../hooks/useGraph';
import { useStudio } from '../hooks/useStudio';
import './componentEditing.css';

const selectTrail = (state: GraphState) => {
  const editing = state.editing;
  if (!editing) return null;
  const model = componentModel(editing.definitionId);
  const instances = editing.outer.nodes.filter((n) => n.data.model === model).length;
  return `${state.name}\n${state.components[editing.definitionId]?.name ?? editing.definitionId}\n${instances}`;
};

export function ComponentBreadcrumb() {
  const trail = useGraph(selectTrail);
  const { graph } = useStudio();
  if (trail === null) return null;
  const [workflow, component, instances] = trail.split('\n');
  const count = Number(instances);
  return (
    <nav className="component-breadcrumb" aria-label="Breadcrumb" data-testid="breadcrumb">
      <ol>
        <li>
          <button
            type="button"
            className="component-breadcrumb-back"
            data-testid="breadcrumb-workflow"
            title="Back to the workflow (Alt+↑)"
            onClick={() => graph.getState().closeComponent()}
          >
            {workflow}
          </button>
        </li>
        <li className="component-breadcrumb-current" aria-current="page">
          {component}
        </li>
      </ol>
      <span className="component-breadcrumb-note" data-testid="breadcrumb-note">
        Editing the definition · {count === 1 ? 'its 1 instance follows' : `all ${count} instances follow`}
      </span>
    </nav>
  );
}
