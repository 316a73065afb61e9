/**
 * Graph → engine Workflow JSON (and back out to the export file). Steps come in a deterministic
 * topological order (ties by id), step id = node id so a node keeps its cache when the graph changes.
 */
import type { JsonValue, StepJSON, WorkflowJSON } from '../engine';
import { slotNameOf, topologicalOrder, type GraphNodeSpec, type WorkflowGraph } from './graph';
import { roundedAnnotations } from './annotations';
import { FORMAT_NAME, FORMAT_VERSION } from './constants';
import type { EmbeddedFile, LayoutEntry, WorkflowFile } from './schema';
import type { ComponentLibrary } from './components';
import { flattenForFile } from './componentFile';

/** A model's port names; null when the app does not know the model. */
export type PortsOf = (modelId: string) => { inputs: string[]; outputs: string[] } | null;

export interface CompileOptions {
  portsOf: PortsOf;
  /**
   * Strict (for running): cycles, duplicate slots, missing models and untrusted code throw.
   * Lenient (for saving and exporting): the graph is written as it stands.
   */
  strict: boolean;
}

export interface CompiledGraph {
  workflow: WorkflowJSON;
  layout: Record<string, LayoutEntry>;
  state: Record<string, JsonValue>;
}

class GraphCompileError extends Error {
  constructor(
    message: string,
    readonly nodeIds: string[],
  ) {
    super(message);
    this.name = 'GraphCompileError';
  }
}

function describeNode(node: GraphNodeSpec): string {
  return node.label === node.id ? `node "${node.id}"` : `node "${node.label}" (${node.id})`;
}

function outputsOfNode(node: GraphNodeSpec, portsOf: PortsOf, wiredOutputs: Iterable<string> = []): string[] {
  const known = portsOf(node.model)?.outputs ?? node.missingPorts?.outputs ?? [];
  return [...new Set([...known, ...wiredOutputs, ...Object.keys(node.slotNames)])];
}

export function compileGraph(graph: WorkflowGraph, options: CompileOptions): CompiledGraph {
  const byId = new Map(graph.nodes.map((node) => [node.id, node]));
  const sorted = topologicalOrder(
    graph.nodes.map((node) => node.id),
    graph.edges,
  );
  let order: string[];
  if ('cycle' in sorted) {
    if (options.strict) {
      const names = sorted.cycle.map((id) => `"${byId.get(id)?.label ?? id}"`).join(' → ');
      throw new GraphCompileError(`The graph has a cycle: ${names}. Remove one of its edges.`, sorted.cycle);
    }
    order = graph.nodes.map((node) => node.id);
  } else {
    order = sorted.order;
  }

  const incoming = new Map<string, { slot: string; field: string }[]>();
  const wiredOutputs = new Map<string, Set<string>>();
  for (const edge of graph.edges) {
    const source = byId.get(edge.source);
    if (!source || !byId.has(edge.target)) continue;
    incoming.set(edge.target, [...(incoming.get(edge.target) ?? []), { slot: slotNameOf(source, edge.output), field: edge.field }]);
    wiredOutputs.set(edge.source, (wiredOutputs.get(edge.source) ?? new Set()).add(edge.output));
  }

  const writers = new Map<string, string>();
  const steps: StepJSON[] = [];
  const layout: Record<string, LayoutEntry> = {};
  for (const id of order) {
    const node = byId.get(id) as GraphNodeSpec;
    const ports = options.portsOf(node.model);
    if (options.strict) {
      if (!ports)
        throw new GraphCompileError(
          `${capital(describeNode(node))} uses model "${node.model}", which this app does not have (a missing model). Replace or delete it.`,
          [id],
        );
      if (node.untrusted)
        throw new GraphCompileError(
          `${capital(describeNode(node))} runs imported code you have not trusted yet. Review it in the inspector and press "Trust this code".`,
          [id],
        );
    }
    const inputs: Record<string, string> = {};
    const wiredFields = new Set<string>();
    for (const { slot, field } of incoming.get(id) ?? []) {
      inputs[slot] = field;
      wiredFields.add(field);
    }
    for (const [field, slot] of Object.entries(node.stateInputs)) {
      if (wiredFields.has(field)) continue;
      inputs[slot] = field;
      wiredFields.add(field);
    }
    const outputs: Record<string, string> = {};
    for (const output of outputsOfNode(node, options.portsOf, wiredOutputs.get(id))) {
      const slot = slotNameOf(node, output);
      const other = writers.get(slot);
      if (other !== undefined && options.strict) {
        const first = byId.get(other) as GraphNodeSpec;
        throw new GraphCompileError(`${capital(describeNode(first))} and ${describeNode(node)} both write state slot "${slot}". Rename one of them.`, [
          other,
          id,
        ]);
      }
      writers.set(slot, id);
      outputs[output] = slot;
    }
    const params: Record<string, JsonValue> = {};
    for (const [field, value] of Object.entries(node.params)) {
      if (wiredFields.has(field)) continue;
      if (ports && !ports.inputs.includes(field)) continue;
      params[field] = value;
    }
    const step: StepJSON = { id, model: node.model, inputs, outputs };
    if (Object.keys(params).length) step.params = params;
    if (node.deterministic === false) step.deterministic = false;
    if (node.bypassed) step.bypassed = true;
    steps.push(step);
    const position = { x: Math.round(node.position.x), y: Math.round(node.position.y) };
    layout[id] = node.label === id ? position : { ...position, label: node.label };
  }

  return {
    workflow: { steps, useExtracts: graph.useExtracts, populateExtracts: graph.populateExtracts },
    layout,
    state: { ...graph.state },
  };
}

function capital(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/**
 * The export file for a graph; pass extracts to include the cache. Saved states go in when the graph
 * has any, and `files` (the stored files its params read, by hash) always: they are its input.
 * Component instances are written as their flattened inner steps, with `components` and `instances`.
 */
export function toWorkflowFile(
  graph: WorkflowGraph,
  portsOf: PortsOf,
  cache?: Pick<WorkflowJSON, 'modelInputs' | 'modelOutputs'>,
  files?: Record<string, EmbeddedFile>,
  library: ComponentLibrary = {},
): WorkflowFile {
  const flat = flattenForFile(graph, library);
  const compiled = compileGraph(flat.graph, { portsOf, strict: false });
  const workflow: WorkflowJSON = { ...compiled.workflow };
  if (cache?.modelInputs) workflow.modelInputs = cache.modelInputs;
  if (cache?.modelOutputs) workflow.modelOutputs = cache.modelOutputs;
  const file: WorkflowFile = { format: FORMAT_NAME, version: FORMAT_VERSION, name: graph.name, workflow, layout: compiled.layout };
  if (Object.keys(compiled.state).length) file.state = compiled.state;
  if (graph.savedStates && Object.keys(graph.savedStates).length) file.states = structuredClone(graph.savedStates);
  if (graph.annotations?.length) file.annotations = roundedAnnotations(graph.annotations);
  if (files && Object.keys(files).length) file.files = files;
  if (Object.keys(flat.instances).length) {
    file.components = flat.components;
    file.instances = flat.instances;
  }
  return file;
}

/** `<name>.swark.json`, with characters that file systems refuse replaced. */
export function exportFileName(name: string): string {
  const printable = [...name].map((char) => (char.charCodeAt(0) < 32 ? '-' : char)).join('');
  // '*' reads well as '×' (templates are named like "(x + y) * k"); other reserved characters become '-'.
  const safe =
    printable
      .replace(/\*/g, '×')
      .replace(/[\\/:?"<>|]+/g, '-')
      .trim() || 'workflow';
  return `${safe}.swark.json`;
}
