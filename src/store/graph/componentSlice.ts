/**
 * Components on the canvas: make one from the selection, expand an instance back, place another
 * instance from the library. Each is one undo point; the definition goes to the workspace's library
 * at once (an undo takes the instance off the canvas, the palette keeps the definition).
 */
import { ComponentError, componentModel, expandInstance, makeComponent, type ComponentDefinition, type WorkflowGraph } from '../../format';
import { componentRecord } from './components';
import type { GraphContext } from './context';
import { currentGraph, toEditorEdge, toEditorNode } from './convert';
import { newId, uniqueId, uniqueLabel } from './naming';
import { COMPONENT_IN_DEFINITION, expandedNote, makeComponentProblem, missingComponentProblem } from './rules';
import { deselected } from './selection';
import type { ComponentActions, EditorNode, GraphState } from './types';

export function componentSlice({ set, get, deps, edit }: GraphContext): Pick<ComponentActions, 'makeComponent' | 'expandComponent' | 'addComponent'> {
  const refuse = (title: string) => set({ notice: { kind: 'error', title, items: [] } });

  const keep = (definition: ComponentDefinition) => {
    const now = Date.now();
    deps.components?.saveComponent(componentRecord(definition, now, now));
    set((state) => ({ components: { ...state.components, [definition.id]: definition } }));
  };

  /** The editor's nodes for `graph`: those that stay keep their view state (size, selection off); `select` are selected. */
  const applyGraph = (graph: WorkflowGraph, select: ReadonlySet<string>): Partial<GraphState> => {
    const before = new Map(get().nodes.map((n) => [n.id, n]));
    const nodes: EditorNode[] = graph.nodes.map((spec) => {
      const old = before.get(spec.id);
      const node = old && old.data.model === spec.model ? old : toEditorNode(spec);
      return { ...node, selected: select.has(spec.id) };
    });
    return { nodes, edges: graph.edges.map(toEditorEdge) };
  };

  return {
    makeComponent: () => {
      const state = get();
      const selected = state.nodes.filter((n) => n.selected).map((n) => n.id);
      const problem = state.editing ? COMPONENT_IN_DEFINITION : makeComponentProblem(selected.length);
      if (problem) {
        refuse(problem);
        return null;
      }
      const names = new Set(Object.values(state.components).map((c) => c.name));
      let name = `Component ${names.size + 1}`;
      for (let n = names.size + 2; names.has(name); n++) name = `Component ${n}`;
      const taken = new Set(state.nodes.filter((n) => !selected.includes(n.id)).map((n) => n.id));
      const instanceId = uniqueId('component', taken);
      const labels = new Set(state.nodes.filter((n) => !selected.includes(n.id)).map((n) => n.data.label));
      try {
        const made = makeComponent(currentGraph(state), selected, { definitionId: newId(), instanceId, name });
        const instance = made.graph.nodes.find((n) => n.id === instanceId);
        if (instance) instance.label = uniqueLabel(name, labels);
        keep(made.definition);
        edit({ ...applyGraph(made.graph, new Set([instanceId])), notice: null });
        return instanceId;
      } catch (error) {
        if (!(error instanceof ComponentError)) throw error;
        refuse(error.message);
        return null;
      }
    },

    expandComponent: (nodeId) => {
      const state = get();
      try {
        const graph = expandInstance(currentGraph(state), nodeId, state.components);
        const label = state.nodes.find((n) => n.id === nodeId)?.data.label ?? nodeId;
        const inner = graph.nodes.filter((n) => n.id.startsWith(`${nodeId}/`)).map((n) => n.id);
        edit({ ...applyGraph(graph, new Set(inner)), notice: { kind: 'info', title: expandedNote(label, inner.length), items: [] } });
        return true;
      } catch (error) {
        if (!(error instanceof ComponentError)) throw error;
        refuse(error.message);
        return false;
      }
    },

    addComponent: (definitionId, position) => {
      const state = get();
      const definition = state.components[definitionId];
      if (!definition) throw new Error(missingComponentProblem(definitionId));
      if (state.editing) {
        refuse(COMPONENT_IN_DEFINITION);
        return '';
      }
      const id = uniqueId('component', new Set(state.nodes.map((n) => n.id)));
      const label = uniqueLabel(definition.name, new Set(state.nodes.map((n) => n.data.label)));
      const node = toEditorNode({ id, model: componentModel(definitionId), label, position, params: {}, slotNames: {}, stateInputs: {} });
      edit({ nodes: [...deselected(state.nodes), { ...node, selected: true }] });
      return id;
    },
  };
}
