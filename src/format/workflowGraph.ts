/** A checked or saved workflow as an editor graph (opening a workflow needs no zod; importing a file does). */
import type { JsonValue, WorkflowJSON } from '../engine';
import type { AnnotationSpec } from './annotations';
import type { PortsOf } from './compile';
import type { GraphEdgeSpec, GraphNodeSpec, WorkflowGraph } from './graph';
import type { LayoutEntry } from './schema';

export interface WorkflowBody {
  name: string;
  workflow: WorkflowJSON;
  layout: Record<string, LayoutEntry & { untrusted?: boolean }>;
  state: Record<string, JsonValue>;
  /** Saved states by name (the workspace's, or an export's `states`). */
  states?: Record<string, Record<string, JsonValue>>;
  /** Notes and groups (the workspace's, or an export's `annotations`). */
  annotations?: AnnotationSpec[];
}

/**
 * A checked (or saved) workflow as an editor graph: edges from matching slots, positions and titles
 * from the layout. Slot names that differ from `<label>.<output>` are kept as renames.
 */
export function graphFromWorkflow(body: WorkflowBody, portsOf: PortsOf): WorkflowGraph {
  const steps = body.workflow.steps.map((step, index) => ({ ...step, id: step.id ?? `step${index + 1}` }));
  const producers = new Map<string, { id: string; output: string }>();
  for (const step of steps) for (const [output, slot] of Object.entries(step.outputs)) producers.set(slot, { id: step.id, output });

  const nodes: GraphNodeSpec[] = steps.map((step, index) => {
    const place = body.layout[step.id];
    const label = place?.label ?? step.id;
    const slotNames: Record<string, string> = {};
    for (const [output, slot] of Object.entries(step.outputs)) if (slot !== `${label}.${output}`) slotNames[output] = slot;
    const stateInputs: Record<string, string> = {};
    for (const [slot, field] of Object.entries(step.inputs)) if (!producers.has(slot)) stateInputs[field] = slot;
    const node: GraphNodeSpec = {
      id: step.id,
      model: step.model,
      label,
      position: place ? { x: place.x, y: place.y } : { x: 40 + (index % 6) * 260, y: 40 + Math.floor(index / 6) * 180 },
      params: { ...(step.params ?? {}) },
      slotNames,
      stateInputs,
    };
    if (!portsOf(step.model))
      node.missingPorts = { inputs: Object.values(step.inputs).concat(Object.keys(step.params ?? {})), outputs: Object.keys(step.outputs) };
    if (place?.untrusted) node.untrusted = true;
    if (step.deterministic === false) node.deterministic = false;
    if (step.bypassed === true) node.bypassed = true;
    return node;
  });

  const edges: GraphEdgeSpec[] = [];
  for (const step of steps) {
    for (const [slot, field] of Object.entries(step.inputs)) {
      const producer = producers.get(slot);
      if (producer) edges.push({ source: producer.id, output: producer.output, target: step.id, field });
    }
  }
  return {
    name: body.name,
    nodes,
    edges,
    state: { ...body.state },
    ...(body.states && Object.keys(body.states).length ? { savedStates: structuredClone(body.states) } : {}),
    ...(body.annotations?.length ? { annotations: structuredClone(body.annotations) } : {}),
    useExtracts: body.workflow.useExtracts,
    populateExtracts: body.workflow.populateExtracts,
  };
}
