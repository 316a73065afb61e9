/** Conversions between the editor's nodes and edges, the neutral graph of `src/format`, and saved records. */
import {
  compileGraph,
  edgeId,
  graphFromWorkflow,
  roundedAnnotations,
  type ComponentLibrary,
  type GraphEdgeSpec,
  type GraphNodeSpec,
  type WorkflowGraph,
} from '../../format';
import { annotationsFromRecord } from './annotations';
import type { NodeLayout, WorkflowRecord } from '../../persistence/types';
import { portsWith } from './components';
import type { EditorEdge, EditorNode, EditorNodeData, GraphData } from './types';

export function toEditorNode(spec: GraphNodeSpec): EditorNode {
  const data: EditorNodeData = { model: spec.model, label: spec.label, params: spec.params, slotNames: spec.slotNames, stateInputs: spec.stateInputs };
  if (spec.missingPorts) data.missingPorts = spec.missingPorts;
  if (spec.untrusted) data.untrusted = true;
  if (spec.deterministic === false) data.deterministic = false;
  if (spec.bypassed) data.bypassed = true;
  return { id: spec.id, type: 'model', position: spec.position, data };
}

export function toEditorEdge(spec: GraphEdgeSpec): EditorEdge {
  return { id: edgeId(spec), source: spec.source, sourceHandle: spec.output, target: spec.target, targetHandle: spec.field };
}

export function toNodeSpec(node: EditorNode): GraphNodeSpec {
  const spec: GraphNodeSpec = {
    id: node.id,
    model: node.data.model,
    label: node.data.label,
    position: node.position,
    params: node.data.params,
    slotNames: node.data.slotNames,
    stateInputs: node.data.stateInputs,
  };
  if (node.data.missingPorts) spec.missingPorts = node.data.missingPorts;
  if (node.data.untrusted) spec.untrusted = true;
  if (node.data.deterministic === false) spec.deterministic = false;
  if (node.data.bypassed) spec.bypassed = true;
  return spec;
}

export function toEdgeSpec(edge: EditorEdge): GraphEdgeSpec {
  return { source: edge.source, output: edge.sourceHandle, target: edge.target, field: edge.targetHandle };
}

type GraphFields = Pick<GraphData, 'name' | 'nodes' | 'edges' | 'initialState' | 'savedStates' | 'annotations' | 'useExtracts' | 'populateExtracts'>;

/** The graph in neutral form (for compiling, exporting and tests). */
export function currentGraph(state: GraphFields): WorkflowGraph {
  return {
    name: state.name,
    nodes: state.nodes.map(toNodeSpec),
    edges: state.edges.map(toEdgeSpec),
    state: state.initialState,
    ...(Object.keys(state.savedStates).length ? { savedStates: state.savedStates } : {}),
    useExtracts: state.useExtracts,
    populateExtracts: state.populateExtracts,
    ...(state.annotations.length ? { annotations: state.annotations } : {}),
  };
}

export function graphToState(graph: WorkflowGraph): GraphFields {
  return {
    name: graph.name,
    nodes: graph.nodes.map(toEditorNode),
    edges: graph.edges.map(toEditorEdge),
    initialState: graph.state,
    savedStates: graph.savedStates ?? {},
    annotations: graph.annotations ?? [],
    useExtracts: graph.useExtracts,
    populateExtracts: graph.populateExtracts,
  };
}

/** A saved workflow as a graph; an instance node (model `component:<id>`) gets its ports from `library`. */
export function recordToGraph(record: WorkflowRecord, library: ComponentLibrary): WorkflowGraph {
  const annotations = annotationsFromRecord(record.annotations);
  return graphFromWorkflow(
    {
      name: record.name,
      workflow: record.workflow,
      layout: record.layout,
      state: record.state,
      ...(record.states ? { states: record.states } : {}),
      ...(annotations.length ? { annotations } : {}),
    },
    portsWith(library),
  );
}

/** The active workflow as the workspace saves it; null when none is open. */
export function recordOf(state: GraphData, library: ComponentLibrary): WorkflowRecord | null {
  if (!state.activeWorkflowId) return null;
  // An instance is saved as one step of model `component:<id>` (its definition is in the library).
  const compiled = compileGraph(currentGraph(state), { portsOf: portsWith(library), strict: false });
  const layout: Record<string, NodeLayout & { untrusted?: boolean }> = {};
  for (const node of state.nodes) {
    const place = compiled.layout[node.id];
    if (!place) continue;
    layout[node.id] = { x: place.x, y: place.y, label: node.data.label, ...(node.data.untrusted ? { untrusted: true } : {}) };
  }
  return {
    id: state.activeWorkflowId,
    name: state.name,
    workflow: compiled.workflow,
    layout,
    state: compiled.state,
    ...(Object.keys(state.savedStates).length ? { states: state.savedStates } : {}),
    ...(state.runState.kind === 'own' ? {} : { runState: state.runState }),
    ...(state.annotations.length ? { annotations: roundedAnnotations(state.annotations) } : {}),
    createdAt: state.createdAt,
    updatedAt: Date.now(),
  };
}
