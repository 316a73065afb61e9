/**
 * Making a component from selected nodes and expanding an instance back: pure graph edits the store
 * applies (and undoes) as one step. The component's ports are the wires crossing the selection's border.
 */
import { ComponentError, componentIdOf, componentModel, innerStepId, placeInner, type ComponentDefinition, type ComponentLibrary } from './components';
import type { GraphEdgeSpec, GraphNodeSpec, WorkflowGraph } from './graph';

export interface MadeComponent {
  definition: ComponentDefinition;
  graph: WorkflowGraph;
}

/** A port name from `base`, made unique among `taken` ("a", "a 2", …). */
function uniquePort(base: string, taken: Set<string>): string {
  let name = base;
  for (let n = 2; taken.has(name); n++) name = `${base} ${n}`;
  taken.add(name);
  return name;
}

/** Is some node outside the selection both fed by it and feeding it (a wire leaving and coming back)? */
function outsideBetween(selected: ReadonlySet<string>, edges: readonly GraphEdgeSpec[]): string | null {
  const next = new Map<string, string[]>();
  for (const edge of edges) next.set(edge.source, [...(next.get(edge.source) ?? []), edge.target]);
  const reached = new Set<string>();
  const stack = edges.filter((edge) => selected.has(edge.source) && !selected.has(edge.target)).map((edge) => edge.target);
  while (stack.length) {
    const id = stack.pop() as string;
    if (reached.has(id) || selected.has(id)) continue;
    reached.add(id);
    stack.push(...(next.get(id) ?? []));
  }
  const back = edges.find((edge) => reached.has(edge.source) && selected.has(edge.target));
  return back ? back.source : null;
}

/**
 * Collapse `selectedIds` into one instance node `instanceId` of a new definition `definitionId`.
 * Throws a `ComponentError` in words when the selection cannot become one.
 */
export function makeComponent(
  graph: WorkflowGraph,
  selectedIds: readonly string[],
  ids: { definitionId: string; instanceId: string; name: string },
): MadeComponent {
  const selected = new Set(selectedIds);
  const inner = graph.nodes.filter((node) => selected.has(node.id));
  if (inner.length < 1) throw new ComponentError('Select at least one node to make a component.', []);
  const instance = inner.find((node) => componentIdOf(node.model) !== null);
  if (instance)
    throw new ComponentError(`"${instance.label}" is already a component; components inside components are not supported. Expand it first.`, [instance.id]);
  if (graph.nodes.some((node) => node.id === ids.instanceId && !selected.has(node.id)))
    throw new ComponentError(`A node named "${ids.instanceId}" already exists; choose another name for the component.`, [ids.instanceId]);
  const between = outsideBetween(selected, graph.edges);
  if (between !== null) {
    const label = graph.nodes.find((node) => node.id === between)?.label ?? between;
    throw new ComponentError(`"${label}" takes a value from the selection and gives one back to it; add it to the selection or leave out one side.`, [between]);
  }

  const left = Math.min(...inner.map((node) => node.position.x));
  const top = Math.min(...inner.map((node) => node.position.y));
  const labelOf = new Map(inner.map((node) => [node.id, node.label]));
  const inputs: ComponentDefinition['inputs'] = [];
  const outputs: ComponentDefinition['outputs'] = [];
  const takenIn = new Set<string>();
  const takenOut = new Set<string>();
  const outerEdges: GraphEdgeSpec[] = [];
  const innerEdges: GraphEdgeSpec[] = [];
  for (const edge of graph.edges) {
    const fromInside = selected.has(edge.source);
    const toInside = selected.has(edge.target);
    if (fromInside && toInside) innerEdges.push(edge);
    else if (toInside) {
      const port = uniquePort(edge.field, takenIn);
      inputs.push({ port, node: edge.target, field: edge.field });
      outerEdges.push({ ...edge, target: ids.instanceId, field: port });
    } else if (fromInside) {
      let port = outputs.find((output) => output.node === edge.source && output.output === edge.output)?.port;
      if (port === undefined) {
        port = uniquePort(takenOut.has(edge.output) ? `${labelOf.get(edge.source)}.${edge.output}` : edge.output, takenOut);
        outputs.push({ port, node: edge.source, output: edge.output });
      }
      outerEdges.push({ ...edge, source: ids.instanceId, output: port });
    } else outerEdges.push(edge);
  }
  const definition: ComponentDefinition = {
    id: ids.definitionId,
    name: ids.name,
    nodes: inner.map((node) => ({ ...structuredClone(node), position: { x: node.position.x - left, y: node.position.y - top } })),
    edges: innerEdges,
    inputs,
    outputs,
  };
  const instanceNode: GraphNodeSpec = {
    id: ids.instanceId,
    model: componentModel(ids.definitionId),
    label: ids.name,
    position: { x: left, y: top },
    params: {},
    slotNames: {},
    stateInputs: {},
  };
  const nodes = [...graph.nodes.filter((node) => !selected.has(node.id)), instanceNode];
  return { definition, graph: { ...graph, nodes, edges: outerEdges } };
}

/**
 * Put an instance's inner nodes back on the graph (ids `<instance>/<inner>`, so their cache is the one
 * its runs wrote) and rewire the outer wires to them.
 */
export function expandInstance(graph: WorkflowGraph, instanceId: string, library: ComponentLibrary): WorkflowGraph {
  const node = graph.nodes.find((candidate) => candidate.id === instanceId);
  const definitionId = node ? componentIdOf(node.model) : null;
  if (!node || definitionId === null) throw new ComponentError(`"${instanceId}" is not a component on this graph.`, [instanceId]);
  const definition = library[definitionId];
  if (!definition)
    throw new ComponentError(`Component "${definitionId}" is not in this workspace's library, so "${node.label}" cannot be expanded.`, [instanceId]);
  const ids = new Set(graph.nodes.map((other) => other.id));
  const clash = definition.nodes.find((inner) => ids.has(innerStepId(instanceId, inner.id)));
  if (clash)
    throw new ComponentError(`Expanding "${node.label}" would make a second node "${innerStepId(instanceId, clash.id)}"; rename that node first.`, [
      instanceId,
    ]);
  const innerNodes = definition.nodes.map((inner) => placeInner(node, inner));
  const edges: GraphEdgeSpec[] = definition.edges.map((edge) => ({
    ...edge,
    source: innerStepId(instanceId, edge.source),
    target: innerStepId(instanceId, edge.target),
  }));
  for (const edge of graph.edges) {
    if (edge.target === instanceId) {
      for (const input of definition.inputs.filter((candidate) => candidate.port === edge.field))
        edges.push({ ...edge, target: innerStepId(instanceId, input.node), field: input.field });
    } else if (edge.source === instanceId) {
      for (const output of definition.outputs.filter((candidate) => candidate.port === edge.output))
        edges.push({ ...edge, source: innerStepId(instanceId, output.node), output: output.output });
    } else edges.push(edge);
  }
  return { ...graph, nodes: [...graph.nodes.filter((other) => other.id !== instanceId), ...innerNodes], edges };
}
