/** The engine's workflow and state for a message: the page's steps, the flags and the worker's cache. */
import { State, Workflow, decodeValue, type ModelRegistry } from '../engine';
import type { PlannedStep, RunFlags, StartRunMessage } from './protocol';
import { entriesOf, type WorkflowCache } from './workflowCache';

/** The engine workflow from its steps, the flags and the cached extracts (`extractsPerStep` of them per step). */
export function buildWorkflow(
  json: StartRunMessage['workflow'],
  cache: WorkflowCache,
  flags: RunFlags,
  registry: ModelRegistry,
  extractsPerStep = 1,
): Workflow {
  const workflow = Workflow.fromJSON(
    { ...json, useExtracts: flags.useExtracts, populateExtracts: flags.populateExtracts, modelInputs: {}, modelOutputs: {} },
    registry,
  );
  workflow.extractsPerStep = extractsPerStep;
  for (const key of cache.extracts.keys()) workflow.loadExtracts(key, entriesOf(cache, key));
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
