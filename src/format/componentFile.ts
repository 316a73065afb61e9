/**
 * Components in the export file: on the way out the instances are flattened into ordinary steps (so the
 * CLI and any older reader run them) and their definitions and places are written beside them; on the
 * way in the `<instance>/<inner>` nodes are folded back into instance nodes.
 */
import {
  ComponentError,
  componentIdOf,
  componentModel,
  flattenComponents,
  innerStepId,
  type ComponentBoundary,
  type ComponentDefinition,
  type ComponentLibrary,
} from './components';
import type { ComponentDefinitionFile, ComponentInstanceFile } from './componentSchema';
import { edgeId, type GraphEdgeSpec, type WorkflowGraph } from './graph';

export interface FlattenedForFile {
  graph: WorkflowGraph;
  components: Record<string, ComponentDefinitionFile>;
  instances: Record<string, ComponentInstanceFile>;
}

export function flattenForFile(graph: WorkflowGraph, library: ComponentLibrary): FlattenedForFile {
  const components: Record<string, ComponentDefinitionFile> = {};
  const instances: Record<string, ComponentInstanceFile> = {};
  for (const node of graph.nodes) {
    const id = componentIdOf(node.model);
    if (id === null) continue;
    const definition = library[id];
    if (definition) components[id] = definitionToFile(definition);
    instances[node.id] = { component: id, label: node.label, x: Math.round(node.position.x), y: Math.round(node.position.y) };
  }
  return { graph: flattenComponents(graph, library), components, instances };
}

/** The library a file carries, as definitions by id. */
export function libraryOfFile(components: Record<string, ComponentDefinitionFile> | undefined): ComponentLibrary {
  return Object.fromEntries(Object.entries(components ?? {}).map(([id, file]) => [id, definitionFromFile(id, file)]));
}

/**
 * The graph with each listed instance's inner nodes (`<instance>/<inner>`) replaced by the instance
 * node, and the wires crossing its border moved to its ports. Throws a `ComponentError` naming what
 * does not fit (an unknown definition, a missing inner step).
 */
export function foldInstances(graph: WorkflowGraph, instances: Record<string, ComponentInstanceFile>, library: ComponentLibrary): WorkflowGraph {
  let nodes = graph.nodes;
  let edges: GraphEdgeSpec[] = graph.edges;
  for (const [instanceId, place] of Object.entries(instances)) {
    const definition = library[place.component];
    if (!definition)
      throw new ComponentError(`Instance "${instanceId}" names component "${place.component}", which the file's "components" does not hold.`, [instanceId]);
    const inner = new Map(definition.nodes.map((node) => [innerStepId(instanceId, node.id), node.id]));
    const missing = [...inner.keys()].find((id) => !nodes.some((node) => node.id === id));
    if (missing !== undefined) throw new ComponentError(`Instance "${instanceId}" is missing its inner step "${missing}" in "workflow.steps".`, [instanceId]);
    const folded: GraphEdgeSpec[] = [];
    for (const edge of edges) {
      const from = inner.get(edge.source);
      const to = inner.get(edge.target);
      if (from !== undefined && to !== undefined) continue;
      if (to !== undefined) {
        const port = definition.inputs.find((input) => input.node === to && input.field === edge.field)?.port;
        if (port !== undefined) folded.push({ ...edge, target: instanceId, field: port });
      } else if (from !== undefined) {
        const port = definition.outputs.find((output) => output.node === from && output.output === edge.output)?.port;
        if (port !== undefined) folded.push({ ...edge, source: instanceId, output: port });
      } else folded.push(edge);
    }
    const unique = new Map(folded.map((edge) => [edgeId(edge), edge]));
    edges = [...unique.values()];
    nodes = [
      ...nodes.filter((node) => !inner.has(node.id)),
      {
        id: instanceId,
        model: componentModel(place.component),
        label: place.label,
        position: { x: place.x, y: place.y },
        params: {},
        slotNames: {},
        stateInputs: {},
      },
    ];
  }
  return { ...graph, nodes, edges };
}

/** A definition as the file (and the workspace's library record) spells it. */
export function definitionToFile(definition: ComponentDefinition): ComponentDefinitionFile {
  return {
    name: definition.name,
    nodes: definition.nodes.map((node) => ({
      id: node.id,
      model: node.model,
      label: node.label,
      x: node.position.x,
      y: node.position.y,
      ...(Object.keys(node.params).length ? { params: structuredClone(node.params) } : {}),
      ...(Object.keys(node.slotNames).length ? { slotNames: { ...node.slotNames } } : {}),
      ...(Object.keys(node.stateInputs).length ? { stateInputs: { ...node.stateInputs } } : {}),
      ...(node.deterministic === false ? { deterministic: false as const } : {}),
      ...(node.bypassed ? { bypassed: true as const } : {}),
    })),
    edges: definition.edges.map((edge) => ({ ...edge })),
    inputs: definition.inputs.map((input) => ({ ...input })),
    outputs: definition.outputs.map((output) => ({ ...output })),
    ...(definition.boundary ? { boundary: structuredClone(definition.boundary) } : {}),
  };
}

/** A file's (or library record's) definition, with graph-node positions. */
export function definitionFromFile(id: string, file: ComponentDefinitionFile): ComponentDefinition {
  return {
    id,
    name: file.name,
    nodes: file.nodes.map(({ x, y, params, slotNames, stateInputs, ...rest }) => ({
      ...rest,
      position: { x, y },
      params: params ?? {},
      slotNames: slotNames ?? {},
      stateInputs: stateInputs ?? {},
    })),
    edges: file.edges,
    inputs: file.inputs,
    outputs: file.outputs,
    ...(isBoundary(file.boundary) ? { boundary: file.boundary } : {}),
  };
}

/** A workspace record is not schema-checked: a boundary that is not two points is ignored (the default place is used). */
function isBoundary(value: unknown): value is ComponentBoundary {
  const point = (p: unknown) => typeof p === 'object' && p !== null && Number.isFinite((p as { x: unknown }).x) && Number.isFinite((p as { y: unknown }).y);
  return typeof value === 'object' && value !== null && point((value as ComponentBoundary).inputs) && point((value as ComponentBoundary).outputs);
}
