/** The engine's workflow and state for a message: the page's steps, the flags and the worker's cache. */
import { State, Workflow, decodeValue, type ModelRegistry } from '../engine';
import type { PlannedStep, RunFlags, StartRunMessage } from './protocol';
import type { WorkflowCache } from './workflowCache';

/** The engine workflow from its steps, the flags and the cached extracts. */
export function buildWorkflow(json: StartRunMessage['workflow'], cache: WorkflowCache, flags: RunFlags, registry: ModelRegistry): Workflow {
  const workflow = Workflow.fromJSON(
    { ...json, useExtracts: flags.useExtracts, populateExtracts: flags.populateExtracts, modelInputs: {}, modelOutputs: {} },
    registry,
  );
  for (const [key, entry] of cache.extracts) {
    workflow.modelInputs.set(key, entry.input);
    workflow.modelOutputs.set(key, entry.output);
  }
  return workflow;
}

export function freshState(initial: StartRunMessage['initialState'], mutable: boolean): State {
  const values: Record<string, unknown> = {};
  for (const [name, json] of Object.entries(initial)) values[name] = decodeValue(json);
  return new State(values, { mutable });
}

/** The steps as the run panel lists them, in execution order; `only` leaves the others out. */
export function plan(workflow: Workflow, only: Set<number> | undefined): PlannedStep[] {
  return workflow.steps.map((step, index) => ({
    index,
    key: workflow.keyOf(index),
    model: step.model,
    inputs: { ...step.inputs },
    outputs: { ...step.outputs },
    included: only ? only.has(index) : true,
  }));
}
