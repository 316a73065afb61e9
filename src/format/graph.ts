/**
 * The editor's graph in neutral form (no React Flow types): what the importer produces and what the
 * compiler consumes. Each node is a step; each edge joins an output to an input through a state slot.
 */
import type { JsonValue } from '../engine';
import type { AnnotationSpec } from './annotations';

export interface GraphNodeSpec {
  /** Node id = step id = cache key. */
  id: string;
  model: string;
  label: string;
  position: { x: number; y: number };
  /** Values of unwired fields set by the person. */
  params: Record<string, JsonValue>;
  /** Output → slot name, only where the person renamed it (else `<label>.<output>`). */
  slotNames: Record<string, string>;
  /** Field → initial-state slot it reads (a slot no node produces). */
  stateInputs: Record<string, string>;
  /** Ports remembered from a file for a model this app does not know ("missing model"). */
  missingPorts?: { inputs: string[]; outputs: string[] };
  /** Imported code: disabled until the person trusts it. */
  untrusted?: boolean;
  /** `false`: the person switched on "Always run" (the step's `deterministic: false`). */
  deterministic?: false;
  /** `true`: the person bypassed the node (the step's `bypassed: true`). */
  bypassed?: true;
}

export interface GraphEdgeSpec {
  source: string;
  /** Output name (the source handle id). */
  output: string;
  target: string;
  /** Field name (the target handle id). */
  field: string;
}

export interface WorkflowGraph {
  name: string;
  nodes: GraphNodeSpec[];
  edges: GraphEdgeSpec[];
  /** Initial state slots (codec-encoded). */
  state: Record<string, JsonValue>;
  /** Named copies of the initial state, by name (codec-encoded); absent when there are none. */
  savedStates?: Record<string, Record<string, JsonValue>>;
  useExtracts: boolean;
  populateExtracts: boolean;
  /** Notes and groups (editor-only; the compiler ignores them); absent when there are none. */
  annotations?: AnnotationSpec[];
}

/** The slot an output writes: its renamed slot, else `<node label>.<output>`. */
export function slotNameOf(node: Pick<GraphNodeSpec, 'label' | 'slotNames'>, output: string): string {
  return node.slotNames[output] ?? `${node.label}.${output}`;
}

export function edgeId(edge: GraphEdgeSpec): string {
  return `${edge.source}.${edge.output}->${edge.target}.${edge.field}`;
}

/**
 * Node ids in a deterministic topological order (ties broken by id), or the nodes on a cycle.
 */
export function topologicalOrder(
  nodeIds: readonly string[],
  edges: readonly Pick<GraphEdgeSpec, 'source' | 'target'>[],
): { order: string[] } | { cycle: string[] } {
  const indegree = new Map<string, number>(nodeIds.map((id) => [id, 0]));
  const next = new Map<string, string[]>(nodeIds.map((id) => [id, []]));
  for (const edge of edges) {
    if (!indegree.has(edge.source) || !indegree.has(edge.target)) continue;
    indegree.set(edge.target, (indegree.get(edge.target) ?? 0) + 1);
    next.get(edge.source)?.push(edge.target);
  }
  const ready = nodeIds.filter((id) => indegree.get(id) === 0).sort(compareIds);
  const order: string[] = [];
  while (ready.length) {
    const id = ready.shift() as string;
    order.push(id);
    let added = false;
    for (const target of next.get(id) ?? []) {
      const left = (indegree.get(target) ?? 0) - 1;
      indegree.set(target, left);
      if (left === 0) {
        ready.push(target);
        added = true;
      }
    }
    if (added) ready.sort(compareIds);
  }
  if (order.length === nodeIds.length) return { order };
  return {
    cycle: findCycle(
      nodeIds.filter((id) => (indegree.get(id) ?? 0) > 0),
      next,
    ),
  };
}

function compareIds(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** One cycle among `remaining` (nodes left with incoming edges), as a closed path of ids. */
function findCycle(remaining: string[], next: Map<string, string[]>): string[] {
  const left = new Set(remaining);
  const start = remaining[0];
  if (start === undefined) return [];
  const path: string[] = [];
  const seen = new Map<string, number>();
  let current: string | undefined = start;
  while (current !== undefined && !seen.has(current)) {
    seen.set(current, path.length);
    path.push(current);
    current = (next.get(current) ?? []).find((id) => left.has(id));
  }
  if (current === undefined) return remaining;
  return [...path.slice(seen.get(current)), current];
}

/** Would adding source → target close a cycle? (Is source reachable from target?) */
export function wouldCloseCycle(source: string, target: string, edges: readonly Pick<GraphEdgeSpec, 'source' | 'target'>[]): boolean {
  if (source === target) return true;
  const next = new Map<string, string[]>();
  for (const edge of edges) next.set(edge.source, [...(next.get(edge.source) ?? []), edge.target]);
  const stack = [target];
  const seen = new Set<string>();
  while (stack.length) {
    const id = stack.pop() as string;
    if (id === source) return true;
    if (seen.has(id)) continue;
    seen.add(id);
    stack.push(...(next.get(id) ?? []));
  }
  return false;
}
