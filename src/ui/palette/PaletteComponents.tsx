/** The palette's "Components" section: the workspace's library, each entry dragged (or clicked) in as another instance. */
import { useMemo } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { componentModel } from '../../format/components';
import { deleteComponentQuestion, type GraphState } from '../../store/graph';
import { useStudio } from '../hooks/useStudio';
import { useGraph } from '../hooks/useGraph';
import { onItemDragStart } from './dragType';
import { useAddAtCentre } from './useAddAtCentre';

const libraryOf = (state: GraphState) => Object.values(state.components);

export function PaletteComponents({ query }: { query: string }) {
  const library = useGraph(useShallow(libraryOf));
  const addAtCentre = useAddAtCentre();
  const { graph } = useStudio();
  const remove = (id: string, name: string) => {
    const store = graph.getState();
    if (window.confirm(deleteComponentQuestion(name, store.componentUses(id)))) store.deleteLibraryComponent(id);
  };
  const words = query.toLowerCase().split(/\s+/).filter(Boolean);
  const shown = useMemo(
    () => library.filter((c) => words.every((word) => `${c.name} component`.toLowerCase().includes(word))),
    // eslint-disable-next-line react-hooks/exhaustive-deps -- `words` is derived from `query`
    [library, query],
  );
  if (!shown.length) return null;
  return (
    <div className="palette-group" role="group" aria-label="Components" data-testid="palette-components">
      <div className="palette-group-title">Components</div>
      {shown.map((component) => (
        <div key={component.id} className="palette-component-row">
          <button
            type="button"
            className="palette-item cat-component"
            data-testid={`palette-component-${component.name}`}
            data-model-id={componentModel(component.id)}
            draggable
            onDragStart={onItemDragStart}
            onClick={() => addAtCentre(componentModel(component.id))}
            title={`${component.name}: ${component.nodes.length} steps, ${component.inputs.length} inputs, ${component.outputs.length} outputs — drag onto the canvas, or press Enter to add it at the centre`}
          >
            <span className="palette-item-title">{component.name}</span>
            <span className="palette-item-id">{component.nodes.map((node) => node.label).join(' → ')}</span>
          </button>
          <button
            type="button"
            className="palette-component-delete"
            data-testid={`palette-component-delete-${component.name}`}
            aria-label={`Delete component ${component.name} from the library`}
            title="Delete from the library"
            onClick={() => remove(component.id, component.name)}
          >
            ×
          </button>
        </div>
      ))}
    </div>
  );
}
