/**
 * Opening a component's definition on the canvas and going back, and deleting one from the library.
 * Inside, the ordinary edits apply to the inner graph (the context's `persist` saves it as the
 * definition); it has its own undo history, kept per workflow and definition.
 */
import { componentIdOf, componentModel } from '../../format';
import type { GraphContext } from './context';
import { definitionHistoryKey, gonePortNotes, innerEditorGraph, workflowView } from './componentEditing';
import { deletedComponentNote, gonePortsTitle, missingComponentProblem } from './rules';
import { deselected } from './selection';
import type { ComponentActions } from './types';

type EditActions = Pick<ComponentActions, 'editComponent' | 'closeComponent' | 'componentUses' | 'deleteLibraryComponent'>;

export function componentEditSlice({ set, get, deps, history }: GraphContext): EditActions {
  const refuse = (title: string) => set({ notice: { kind: 'error', title, items: [] } });

  const actions: EditActions = {
    editComponent: (nodeId) => {
      const state = get();
      if (state.editing || !state.activeWorkflowId) return false;
      const node = state.nodes.find((n) => n.id === nodeId);
      const id = node ? componentIdOf(node.data.model) : null;
      if (!node || id === null) return false;
      const definition = state.components[id];
      if (!definition) {
        refuse(missingComponentProblem(id));
        return false;
      }
      const record = deps.components?.listComponents().find((r) => r.id === id);
      history.switchTo(definitionHistoryKey(state.activeWorkflowId, id));
      set({
        editing: {
          definitionId: id,
          instanceId: nodeId,
          createdAt: record?.createdAt ?? Date.now(),
          outer: { nodes: deselected(state.nodes), edges: state.edges, annotations: state.annotations },
        },
        ...innerEditorGraph(definition),
        annotations: [],
        notice: null,
        canUndo: history.canUndo,
        canRedo: history.canRedo,
      });
      return true;
    },

    closeComponent: () => {
      const state = get();
      const editing = state.editing;
      if (!editing || !state.activeWorkflowId) return;
      history.switchTo(state.activeWorkflowId);
      const definition = state.components[editing.definitionId];
      const gone = definition ? gonePortNotes(editing.outer, definition) : { ports: [], wires: [] };
      set({
        editing: null,
        nodes: editing.outer.nodes.map((n) => (n.id === editing.instanceId ? { ...n, selected: true } : n)),
        edges: editing.outer.edges,
        annotations: editing.outer.annotations,
        notice:
          gone.wires.length && definition
            ? { kind: 'warning', title: gonePortsTitle(definition.name, gone.ports, gone.wires.length), items: gone.wires, about: 'gone-ports' }
            : null,
        canUndo: history.canUndo,
        canRedo: history.canRedo,
      });
    },

    componentUses: (definitionId) => {
      const model = componentModel(definitionId);
      const state = workflowView(get());
      const uses: { workflow: string; count: number }[] = [];
      for (const summary of deps.workflows.listWorkflows()) {
        const count =
          summary.id === state.activeWorkflowId
            ? state.nodes.filter((n) => n.data.model === model).length
            : (deps.workflows.getWorkflow(summary.id)?.workflow.steps.filter((step) => step.model === model).length ?? 0);
        if (count) uses.push({ workflow: summary.name, count });
      }
      return uses;
    },

    deleteLibraryComponent: (definitionId) => {
      const definition = get().components[definitionId];
      if (!definition) return;
      if (get().editing?.definitionId === definitionId) actions.closeComponent();
      const instances = actions.componentUses(definitionId).reduce((sum, use) => sum + use.count, 0);
      deps.components?.deleteComponent(definitionId);
      const { [definitionId]: _deleted, ...rest } = get().components;
      set({ components: rest, notice: { kind: 'info', title: deletedComponentNote(definition.name, instances), items: [] } });
    },
  };
  return actions;
}
