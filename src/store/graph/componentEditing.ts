/**
 * Editing a component's definition on the canvas: the canvas shows its inner graph (with the boundary
 * nodes whose wires are its ports) while the workflow waits in `editing.outer`. Every edit saves the
 * definition to the library at once, so each instance (they name it by id) runs the new one.
 */
import {
  boundaryPorts,
  COMPONENT_INPUTS_ID,
  COMPONENT_OUTPUTS_ID,
  componentIdOf,
  componentModel,
  definitionOfInner,
  innerGraphOf,
  isBoundaryId,
  NEW_PORT,
  wiresOnGonePorts,
  type ComponentDefinition,
  type ComponentLibrary,
  type ImportProblem,
} from '../../format';
import type { ComponentRepository } from '../../persistence/ports';
import { componentRecord } from './components';
import { toEdgeSpec, toEditorEdge, toEditorNode, toNodeSpec } from './convert';
import { gonePortItem } from './rules';
import type { ComponentEditing, EditorEdge, EditorNode, GraphData } from './types';

/** The workflow's own nodes, wires and annotations (the outer graph while a definition is open). */
export function workflowView<T extends GraphData>(state: T): T {
  const editing = state.editing;
  return editing ? { ...state, nodes: editing.outer.nodes, edges: editing.outer.edges, annotations: editing.outer.annotations } : state;
}

/** The undo history's key for one definition opened from one workflow. */
export function definitionHistoryKey(workflowId: string, definitionId: string): string {
  return `${workflowId}›component:${definitionId}`;
}

/** The canvas's nodes and wires for `definition` (boundary nodes cannot be deleted). */
export function innerEditorGraph(definition: ComponentDefinition): { nodes: EditorNode[]; edges: EditorEdge[] } {
  const inner = innerGraphOf(definition);
  return {
    nodes: inner.nodes.map((spec) => {
      const node = toEditorNode(spec);
      return isBoundaryId(spec.id) ? { ...node, deletable: false } : node;
    }),
    edges: inner.edges.map(toEditorEdge),
  };
}

/**
 * The definition the canvas now shows, saved to the library; the nodes and wires again when a "+"
 * port got its name or the boundary's handles changed (else null: the canvas stays as it is).
 */
export function saveOpenDefinition(
  state: GraphData,
  editing: ComponentEditing,
  repository: ComponentRepository | undefined,
): { components: ComponentLibrary; nodes?: EditorNode[]; edges?: EditorEdge[] } | null {
  const base = state.components[editing.definitionId];
  if (!base) return null;
  const { definition, edges } = definitionOfInner(base, state.nodes.map(toNodeSpec), state.edges.map(toEdgeSpec));
  repository?.saveComponent(componentRecord(definition, editing.createdAt, Date.now()));
  const components = { ...state.components, [definition.id]: definition };
  const named = state.edges.some(
    (e) => (e.source === COMPONENT_INPUTS_ID && e.sourceHandle === NEW_PORT) || (e.target === COMPONENT_OUTPUTS_ID && e.targetHandle === NEW_PORT),
  );
  const ports = boundaryPorts(definition);
  const handles = (node: EditorNode) => (node.id === COMPONENT_INPUTS_ID ? ports.inputs : node.id === COMPONENT_OUTPUTS_ID ? ports.outputs : null);
  const stale = state.nodes.some((node) => {
    const want = handles(node);
    return want !== null && JSON.stringify(want) !== JSON.stringify(node.data.missingPorts);
  });
  if (!named && !stale) return { components };
  const nodes = state.nodes.map((node) => {
    const want = handles(node);
    return want === null ? node : { ...node, data: { ...node.data, missingPorts: want } };
  });
  const selected = new Set(state.edges.filter((e) => e.selected).map((e) => e.id));
  return { components, nodes, edges: edges.map(toEditorEdge).map((e) => (selected.has(e.id) ? { ...e, selected: true } : e)) };
}

/** The outer wires that use a port the definition no longer has, in words (they are kept, marked on the instance). */
export function gonePortNotes(outer: ComponentEditing['outer'], definition: ComponentDefinition): { ports: string[]; wires: ImportProblem[] } {
  const model = componentModel(definition.id);
  const instances = outer.nodes.filter((n) => n.data.model === model);
  const labels = new Map(outer.nodes.map((n) => [n.id, n.data.label]));
  const gone = wiresOnGonePorts(definition, new Set(instances.map((n) => n.id)), outer.edges.map(toEdgeSpec));
  const wires = gone.map(({ edge, instance, port, side }) => ({
    stepId: instance,
    message: gonePortItem(labels.get(instance) ?? instance, port, side, labels.get(side === 'input' ? edge.source : edge.target) ?? ''),
  }));
  return { ports: [...new Set(gone.map((wire) => wire.port))], wires };
}

/** Does any instance on the workflow's canvas have a wire on a port its definition lost? */
export function hasGoneWires(state: GraphData): boolean {
  const edges = state.edges.map(toEdgeSpec);
  return state.nodes.some((node) => {
    const definition = state.components[componentIdOf(node.data.model) ?? ''];
    return definition !== undefined && wiresOnGonePorts(definition, new Set([node.id]), edges).length > 0;
  });
}
