/**
 * The run worker's message handler, free of Worker globals so tests drive it in-process.
 * One session runs one workflow at a time; the page cancels by terminating the whole worker.
 */
import { Runner, State, StepError, Workflow, encodeValue, errorMessage, hashValue, registry as defaultRegistry, type ExtractJSON, type ModelRegistry, type StateLike, type WorkflowEvent } from '../engine';
import type { FromWorker, PlannedStep, PreviewMessage, StartRunMessage, ToWorker, WireEvent, WireExtract, WireStepError } from './protocol';

export type Post = (message: FromWorker) => void;

export interface RunSession {
  handle(message: ToWorker): Promise<void>;
  /** Aborts the run in progress (the in-process stand-in for terminating the worker). */
  abort(): void;
}

/** Builds the engine workflow from its steps plus the wire extracts. */
export function buildWorkflow(json: StartRunMessage['workflow'], extracts: WireExtract[], flags: { useExtracts: boolean; populateExtracts: boolean }, registry: ModelRegistry): Workflow {
  const modelInputs: Record<string, ExtractJSON> = {};
  const modelOutputs: Record<string, ExtractJSON> = {};
  for (const entry of extracts) {
    modelInputs[entry.stepKey] = entry.input;
    modelOutputs[entry.stepKey] = entry.output;
  }
  return Workflow.fromJSON({ ...json, useExtracts: flags.useExtracts, populateExtracts: flags.populateExtracts, modelInputs, modelOutputs }, registry);
}

function buildState(json: StartRunMessage['state'], mutable: boolean): StateLike {
  return State.fromJSON({ values: json.values, mutable });
}

export function toWireError(error: unknown): WireStepError {
  if (error instanceof StepError) {
    return { kind: error.kind, message: error.message, detail: error.detail, ...(error.subject === undefined ? {} : { subject: error.subject }) };
  }
  const message = errorMessage(error);
  return { kind: 'model-error', message, detail: message };
}

function toWireEvent(event: WorkflowEvent): WireEvent {
  if (event.type !== 'end') return event;
  const { error, extracts, ...rest } = event;
  const wire: WireEvent = { ...rest };
  if (error) wire.error = toWireError(error);
  if (extracts) {
    const encode = (entry: typeof extracts.input): ExtractJSON => ({
      model: entry.model,
      version: entry.version,
      ...(entry.at === undefined ? {} : { at: entry.at }),
      value: encodeValue(entry.value),
    });
    wire.extracts = { input: encode(extracts.input), output: encode(extracts.output), inputHash: hashValue(extracts.input.value) };
  }
  return wire;
}

function plan(workflow: Workflow, only: Set<number> | undefined): PlannedStep[] {
  return workflow.steps.map((step, index) => ({
    index,
    key: workflow.keyOf(index),
    model: step.model,
    inputs: { ...step.inputs },
    outputs: { ...step.outputs },
    included: only ? only.has(index) : true,
  }));
}

export function createRunSession(post: Post, registry: ModelRegistry = defaultRegistry): RunSession {
  let controller: AbortController | null = null;

  async function run(message: StartRunMessage): Promise<void> {
    const { runId } = message;
    let workflow: Workflow;
    let state: StateLike;
    let only: Set<number> | undefined;
    try {
      workflow = buildWorkflow(message.workflow, message.extracts, message.flags, registry);
      state = buildState(message.state, message.flags.mutable);
      if (message.kind === 'run-to') {
        if (message.target === undefined) throw new Error('"run to here" needs a target step');
        if (workflow.indexOf(message.target) < 0) throw new Error(`"run to here": the workflow has no step "${message.target}"`);
        only = workflow.ancestorsOf(message.target);
      }
    } catch (error) {
      post({ type: 'failed', runId, message: errorMessage(error) });
      return;
    }
    post({ type: 'planned', runId, steps: plan(workflow, only) });
    controller = new AbortController();
    // Run and rerun differ only in the state the page sends (fresh slots or the kept state) and
    // the flags, which buildWorkflow already set: exactly what Runner.rerun(flags) does to its kept pair.
    const runner = new Runner({ workflow, state });
    const options = { signal: controller.signal, onEvent: (event: WorkflowEvent) => post({ type: 'event', runId, event: toWireEvent(event) }), ...(only ? { only } : {}) };
    try {
      await runner.run(options);
      post({ type: 'done', runId, outcome: 'ok', state: state.toJSON() });
    } catch (error) {
      post({ type: 'done', runId, outcome: 'error', state: state.toJSON(), error: toWireError(error) });
    } finally {
      controller = null;
    }
  }

  function preview(message: PreviewMessage): void {
    try {
      const workflow = buildWorkflow(message.workflow, message.extracts, message.flags, registry);
      const state = buildState(message.state, message.flags.mutable);
      post({ type: 'preview', requestId: message.requestId, entries: workflow.preview(state) });
    } catch (error) {
      post({ type: 'preview-failed', requestId: message.requestId, message: errorMessage(error) });
    }
  }

  return {
    async handle(message) {
      if (message.type === 'run') await run(message);
      else preview(message);
    },
    abort() {
      controller?.abort();
    },
  };
}
