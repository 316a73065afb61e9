/**
 * Problems a node shows before any run: required fields left empty, and wires whose types the
 * canvas would refuse (they can arrive in an imported file). Pure over the graph store's state.
 */
import { StoredFile, registry, storedFileOf, type JsonValue } from '../../engine';
import { modelInfo, typeMismatch } from './catalog';
import { wiredIndex } from './columns';
import type { EditorEdge, EditorNode, EditorNodeData } from './types';

/** The field's own schema check of a param value, in words; null when it is fine. */
export function fieldError(modelId: string, field: string, value: JsonValue | undefined): string | null {
  if (!registry.has(modelId)) return null;
  const schema = registry.get(modelId).inputs[field];
  if (!schema) return null;
  // Params are codec-encoded; a stored file's reference is checked as the model receives it.
  const file = storedFileOf(value);
  const result = schema.safeParse(file ? new StoredFile(file) : value);
  if (result.success) return null;
  if (value === undefined) return 'Required: set a value or wire an output into it.';
  return result.error.issues[0]?.message ?? 'Invalid value.';
}

/** Unwired, not-from-state fields whose value the model would refuse, as "field: why". */
export function fieldProblems(data: Pick<EditorNodeData, 'model' | 'params' | 'stateInputs'>, wiredFields: ReadonlySet<string>): string[] {
  const info = modelInfo(data.model);
  if (!info) return [];
  const problems: string[] = [];
  for (const port of info.inputs) {
    if (wiredFields.has(port.name) || data.stateInputs[port.name] !== undefined) continue;
    const error = fieldError(data.model, port.name, data.params[port.name]);
    if (error) problems.push(`${port.name}: ${error}`);
  }
  return problems;
}

const wireProblemCache = new WeakMap<readonly EditorEdge[], Map<string, string>>();

/**
 * For each node, its incoming wires of incompatible types in words (one line each, joined by "\n"),
 * built once per edge list. Node models never change under an id, so the edge list is the key.
 */
export function wireProblems(edges: readonly EditorEdge[], nodes: readonly EditorNode[], nodeId: string): string {
  let byNode = wireProblemCache.get(edges);
  if (!byNode) {
    byNode = new Map();
    const modelOf = new Map<string, string>();
    for (const node of nodes) modelOf.set(node.id, node.data.model);
    for (const edge of edges) {
      const from = modelOf.get(edge.source);
      const to = modelOf.get(edge.target);
      if (from === undefined || to === undefined) continue;
      const why = typeMismatch(from, edge.sourceHandle, to, edge.targetHandle);
      if (!why) continue;
      const line = `The wire into "${edge.targetHandle}" does not fit: ${why}.`;
      const before = byNode.get(edge.target);
      byNode.set(edge.target, before ? `${before}\n${line}` : line);
    }
    wireProblemCache.set(edges, byNode);
  }
  return byNode.get(nodeId) ?? '';
}

/** The fields of a node that an edge feeds. */
export function wiredFieldsOf(edges: readonly EditorEdge[], nodeId: string): ReadonlySet<string> {
  return new Set(wiredIndex(edges).get(nodeId)?.keys() ?? []);
}
