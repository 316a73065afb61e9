/**
 * Components (subgraphs): a named set of nodes and wires kept in the workspace's library, placed on a
 * graph as instance nodes (model `component:<id>`). The engine never sees them: `flattenComponents`
 * replaces each instance by its inner nodes with ids `<instance>/<inner>`, so each inner step keeps its
 * own cache key, and two instances of one definition never share a step or a state slot.
 */
import type { GraphEdgeSpec, GraphNodeSpec, WorkflowGraph } from './graph';

const COMPONENT_MODEL_PREFIX = 'component:';

/** A component input: the inner field an outer wire into port `port` feeds. */
interface ComponentInput {
  port: string;
  node: string;
  field: string;
}

/** A component output: the inner output an outer wire from port `port` reads. */
interface ComponentOutput {
  port: string;
  node: string;
  output: string;
}

export interface ComponentDefinition {
  id: string;
  name: string;
  nodes: GraphNodeSpec[];
  edges: GraphEdgeSpec[];
  inputs: ComponentInput[];
  outputs: ComponentOutput[];
  /** Where its Inputs and Outputs nodes sit while it is edited, once moved or saved (else beside the inner nodes). */
  boundary?: ComponentBoundary;
}

export interface ComponentBoundary {
  inputs: { x: number; y: number };
  outputs: { x: number; y: number };
}

export type ComponentLibrary = Readonly<Record<string, ComponentDefinition>>;

export class ComponentError extends Error {
  constructor(
    message: string,
    readonly nodeIds: string[],
  ) {
    super(message);
    this.name = 'ComponentError';
  }
}

export function componentModel(definitionId: string): string {
  return `${COMPONENT_MODEL_PREFIX}${definitionId}`;
}

/** The definition id an instance node names, or null for an ordinary node. */
export function componentIdOf(model: string): string | null {
  return model.startsWith(COMPONENT_MODEL_PREFIX) ? model.slice(COMPONENT_MODEL_PREFIX.length) : null;
}

/** An instance's ports, as a model's (for the canvas handles and the compiler's `portsOf`). */
export function componentPorts(definition: ComponentDefinition): { inputs: string[]; outputs: string[] } {
  return { inputs: definition.inputs.map((input) => input.port), outputs: definition.outputs.map((output) => output.port) };
}

/** The inner step id of `inner` inside instance `instance`. */
export function innerStepId(instance: string, inner: string): string {
  return `${instance}/${inner}`;
}

/**
 * An inner node as a step of instance `instance`: id `<instance>/<inner>`, label
 * `<instance label>/<inner label>` (renamed slots prefixed alike) so two instances' slots stay apart.
 */
export function placeInner(instance: GraphNodeSpec, inner: GraphNodeSpec): GraphNodeSpec {
  const slotNames = Object.fromEntries(Object.entries(inner.slotNames).map(([output, slot]) => [output, `${instance.label}/${slot}`]));
  return {
    ...structuredClone(inner),
    id: innerStepId(instance.id, inner.id),
    label: `${instance.label}/${inner.label}`,
    position: { x: instance.position.x + inner.position.x, y: instance.position.y + inner.position.y },
    slotNames,
  };
}

function definitionOf(node: GraphNodeSpec, library: ComponentLibrary): ComponentDefinition {
  const id = componentIdOf(node.model) as string;
  const definition = library[id];
  if (!definition) throw new ComponentError(`Node "${node.label}" (${node.id}) uses component "${id}", which is not in this workspace's library.`, [node.id]);
  const nested = definition.nodes.find((inner) => componentIdOf(inner.model) !== null);
  if (nested)
    throw new ComponentError(
      `Component "${definition.name}" contains another component ("${nested.label}"); components inside components are not supported. Expand the inner one first.`,
      [node.id],
    );
  return definition;
}

/**
 * The graph with every instance replaced by its inner nodes (`<instance>/<inner>`, labelled
 * `<instance label>/<inner label>` so their default slots stay apart) and the outer wires reconnected
 * to the inner ports. A graph without instances comes back unchanged.
 */
export function flattenComponents(graph: WorkflowGraph, library: ComponentLibrary): WorkflowGraph {
  const instances = new Map<string, { node: GraphNodeSpec; definition: ComponentDefinition }>();
  for (const node of graph.nodes) if (componentIdOf(node.model) !== null) instances.set(node.id, { node, definition: definitionOf(node, library) });
  if (!instances.size) return graph;

  const nodes: GraphNodeSpec[] = [];
  const edges: GraphEdgeSpec[] = [];
  for (const node of graph.nodes) {
    const instance = instances.get(node.id);
    if (!instance) {
      nodes.push(node);
      continue;
    }
    for (const inner of instance.definition.nodes) nodes.push(placeInner(node, inner));
    for (const edge of instance.definition.edges) edges.push({ ...edge, source: innerStepId(node.id, edge.source), target: innerStepId(node.id, edge.target) });
  }
  for (const edge of graph.edges) {
    const from = instances.get(edge.source);
    const sources = from
      ? from.definition.outputs
          .filter((output) => output.port === edge.output)
          .map((output) => ({ source: innerStepId(edge.source, output.node), output: output.output }))
      : [{ source: edge.source, output: edge.output }];
    const into = instances.get(edge.target);
    const targets = into
      ? into.definition.inputs
          .filter((input) => input.port === edge.field)
          .map((input) => ({ target: innerStepId(edge.target, input.node), field: input.field }))
      : [{ target: edge.target, field: edge.field }];
    for (const source of sources) for (const target of targets) edges.push({ ...source, ...target });
  }
  return { ...graph, nodes, edges };
}

/** A run's steps for the run panel: a top-level step alone, an instance's inner steps under it. */
export type RunStepGroup<T> = { kind: 'step'; step: T } | { kind: 'component'; instance: string; label: string; steps: T[] };

/**
 * Run steps (in run order) grouped by the instance their key (`<instance>/<inner>`) names; a group
 * stands where its first inner step ran. `instances` maps instance ids to their titles.
 */
export function groupStepsByInstance<T extends { key: string }>(steps: readonly T[], instances: ReadonlyMap<string, string>): RunStepGroup<T>[] {
  const groups: RunStepGroup<T>[] = [];
  const open = new Map<string, { kind: 'component'; instance: string; label: string; steps: T[] }>();
  for (const step of steps) {
    const slash = step.key.indexOf('/');
    const instance = slash < 0 ? null : step.key.slice(0, slash);
    const label = instance === null ? undefined : instances.get(instance);
    if (instance === null || label === undefined) {
      groups.push({ kind: 'step', step });
      continue;
    }
    let group = open.get(instance);
    if (!group) {
      group = { kind: 'component', instance, label, steps: [] };
      open.set(instance, group);
      groups.push(group);
    }
    group.steps.push(step);
  }
  return groups;
}
