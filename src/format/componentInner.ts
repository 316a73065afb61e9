/**
 * A component's definition as a graph to edit: its inner nodes and wires, with two boundary nodes
 * (as ComfyUI's subgraph inputs and outputs) whose wires are the component's ports. Editing goes back
 * through `definitionOfInner`: a wire from the inputs node is an input port, a wire into the outputs
 * node an output port; a wire to the boundary's "+" handle adds a port named after the field it meets.
 */
import { componentPorts, type ComponentDefinition } from './components';
import type { GraphEdgeSpec, GraphNodeSpec } from './graph';

export const COMPONENT_INPUTS_ID = '⟨inputs⟩';
export const COMPONENT_OUTPUTS_ID = '⟨outputs⟩';
const COMPONENT_INPUTS_MODEL = 'swark:component-inputs';
const COMPONENT_OUTPUTS_MODEL = 'swark:component-outputs';
/** The boundary handle a new port is wired to. */
export const NEW_PORT = '+';

export function isBoundaryModel(model: string): boolean {
  return model === COMPONENT_INPUTS_MODEL || model === COMPONENT_OUTPUTS_MODEL;
}

export function isBoundaryId(id: string): boolean {
  return id === COMPONENT_INPUTS_ID || id === COMPONENT_OUTPUTS_ID;
}

/** Close to the inner nodes (a boundary node is ~100 px wide, a model node up to ~230), so a small definition fits at 100 %. */
const INPUTS_LEFT = 140;
const OUTPUTS_RIGHT = 270;

function boundaryNode(id: string, model: string, position: { x: number; y: number }, ports: { inputs: string[]; outputs: string[] }): GraphNodeSpec {
  const label = id === COMPONENT_INPUTS_ID ? 'Inputs' : 'Outputs';
  return { id, model, label, position, params: {}, slotNames: {}, stateInputs: {}, missingPorts: ports };
}

/** The boundary nodes' handles for `definition`'s ports (and "+" for a new one). */
export function boundaryPorts(definition: ComponentDefinition): {
  inputs: { inputs: string[]; outputs: string[] };
  outputs: { inputs: string[]; outputs: string[] };
} {
  const ports = componentPorts(definition);
  return {
    inputs: { inputs: [], outputs: [...new Set(ports.inputs), NEW_PORT] },
    outputs: { inputs: [...new Set(ports.outputs), NEW_PORT], outputs: [] },
  };
}

/** The definition as nodes and wires to edit: inner nodes as they are, the boundary left and right of them. */
export function innerGraphOf(definition: ComponentDefinition): { nodes: GraphNodeSpec[]; edges: GraphEdgeSpec[] } {
  const xs = definition.nodes.map((node) => node.position.x);
  const ys = definition.nodes.map((node) => node.position.y);
  const top = ys.length ? Math.min(...ys) : 0;
  const ports = boundaryPorts(definition);
  const placed = definition.boundary;
  const nodes: GraphNodeSpec[] = [
    boundaryNode(
      COMPONENT_INPUTS_ID,
      COMPONENT_INPUTS_MODEL,
      placed ? { ...placed.inputs } : { x: (xs.length ? Math.min(...xs) : 0) - INPUTS_LEFT, y: top },
      ports.inputs,
    ),
    ...structuredClone(definition.nodes),
    boundaryNode(
      COMPONENT_OUTPUTS_ID,
      COMPONENT_OUTPUTS_MODEL,
      placed ? { ...placed.outputs } : { x: (xs.length ? Math.max(...xs) : 0) + OUTPUTS_RIGHT, y: top },
      ports.outputs,
    ),
  ];
  const edges: GraphEdgeSpec[] = [
    ...definition.inputs.map((input) => ({ source: COMPONENT_INPUTS_ID, output: input.port, target: input.node, field: input.field })),
    ...definition.edges.map((edge) => ({ ...edge })),
    ...definition.outputs.map((output) => ({ source: output.node, output: output.output, target: COMPONENT_OUTPUTS_ID, field: output.port })),
  ];
  return { nodes, edges };
}

function freshPort(base: string, taken: Set<string>): string {
  let name = base;
  for (let n = 2; taken.has(name); n++) name = `${base} ${n}`;
  taken.add(name);
  return name;
}

/**
 * The definition the edited nodes and wires make (id and name kept from `base`), and the wires with
 * any "+" port named. Boundary nodes that are missing are read as having no wires.
 */
export function definitionOfInner(
  base: ComponentDefinition,
  nodes: readonly GraphNodeSpec[],
  edges: readonly GraphEdgeSpec[],
): { definition: ComponentDefinition; edges: GraphEdgeSpec[] } {
  const takenIn = new Set(edges.filter((e) => e.source === COMPONENT_INPUTS_ID && e.output !== NEW_PORT).map((e) => e.output));
  const takenOut = new Set(edges.filter((e) => e.target === COMPONENT_OUTPUTS_ID && e.field !== NEW_PORT).map((e) => e.field));
  const named = edges.map((edge) => {
    if (edge.source === COMPONENT_INPUTS_ID && edge.output === NEW_PORT) return { ...edge, output: freshPort(edge.field, takenIn) };
    if (edge.target === COMPONENT_OUTPUTS_ID && edge.field === NEW_PORT) return { ...edge, field: freshPort(edge.output, takenOut) };
    return edge;
  });
  const inputsNode = nodes.find((node) => node.id === COMPONENT_INPUTS_ID);
  const outputsNode = nodes.find((node) => node.id === COMPONENT_OUTPUTS_ID);
  const boundary = inputsNode && outputsNode ? { inputs: { ...inputsNode.position }, outputs: { ...outputsNode.position } } : base.boundary;
  const definition: ComponentDefinition = {
    id: base.id,
    name: base.name,
    nodes: nodes.filter((node) => !isBoundaryId(node.id)).map((node) => structuredClone(node)),
    edges: named.filter((edge) => !isBoundaryId(edge.source) && !isBoundaryId(edge.target)),
    inputs: named.filter((edge) => edge.source === COMPONENT_INPUTS_ID).map((edge) => ({ port: edge.output, node: edge.target, field: edge.field })),
    outputs: named.filter((edge) => edge.target === COMPONENT_OUTPUTS_ID).map((edge) => ({ port: edge.field, node: edge.source, output: edge.output })),
    ...(boundary ? { boundary } : {}),
  };
  return { definition, edges: named };
}

/** The wires of `edges` into or out of an instance of `definition` that use a port it no longer has. */
export function wiresOnGonePorts(
  definition: ComponentDefinition,
  instanceIds: ReadonlySet<string>,
  edges: readonly GraphEdgeSpec[],
): { edge: GraphEdgeSpec; instance: string; port: string; side: 'input' | 'output' }[] {
  const ports = componentPorts(definition);
  const gone: { edge: GraphEdgeSpec; instance: string; port: string; side: 'input' | 'output' }[] = [];
  for (const edge of edges) {
    if (instanceIds.has(edge.target) && !ports.inputs.includes(edge.field)) gone.push({ edge, instance: edge.target, port: edge.field, side: 'input' });
    if (instanceIds.has(edge.source) && !ports.outputs.includes(edge.output)) gone.push({ edge, instance: edge.source, port: edge.output, side: 'output' });
  }
  return gone;
}
