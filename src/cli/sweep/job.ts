/**
 * One state of a `swark sweep`, as it crosses to a worker thread and back: the workflow's steps,
 * the state (codec-encoded), and the cache entries that can match it (`transfer.ts`: each value
 * crosses once). The main thread alone writes the workspace file: a thread only sends back the
 * entries its runs made, which the main thread merges.
 */
import {
  State,
  StepError,
  Workflow,
  encodeValue,
  errorMessage,
  type JsonValue,
  type StateJSON,
  type StepExtract,
  type WorkflowEvent,
  type WorkflowJSON,
} from '../../engine';
import type { StepRunRecord } from '../../persistence/types';
import { describeReason, describeSkip, describeUncached, explainStepFailure } from '../words';
import type { ValueWire, WireCache } from './transfer';

export interface SweepJob {
  /** Steps and flags only: the cache travels in `cache`. */
  workflow: WorkflowJSON;
  extractsPerStep: number;
  cache: WireCache;
  state: StateJSON;
  /** The slots the results show: only they are encoded and sent back. */
  outputs: string[];
}

export interface JobStep {
  index: number;
  key: string;
  model: string;
  status: StepRunRecord['status'];
  durationMs: number | null;
  reason?: string;
  error?: string;
}

export interface JobResult {
  steps: JobStep[];
  /** From a thread: the entries its runs made, by step key (one each). */
  cache?: WireCache;
  /** The chosen outputs among the slots the run left, encoded (a slot it did not write is absent). */
  slots: Record<string, JsonValue>;
  error?: { message: string; kind?: string; step?: { index: number; id: string | null; model: string } };
}

/** Why a step ran, was not cached, or what it was skipped on, in the run panel's words. */
export function reasonOf(event: Extract<WorkflowEvent, { type: 'end' }>): string | undefined {
  if (event.uncached !== undefined) return describeUncached(event.uncached);
  if (event.reason) return describeReason(event.reason);
  return event.imported ? describeSkip(true) : undefined;
}

/** A report per step of `workflow`, each 'not-run' until its end event comes (`recordStepEnd`). */
export const stepReports = (workflow: Workflow): JobStep[] =>
  workflow.steps.map((step, index) => ({ index, key: workflow.keyOf(index), model: step.model, status: 'not-run', durationMs: null }));

/** Folds a step's end event into its report: status, time, why it ran or skipped, its error in words. */
export function recordStepEnd(report: JobStep, event: Extract<WorkflowEvent, { type: 'end' }>): void {
  report.status = event.status;
  report.durationMs = event.durationMs;
  const reason = reasonOf(event);
  if (reason) report.reason = reason;
  if (event.error) report.error = explainStepFailure(event.error.detail, report.model);
}

/** The error of a failed run, as the reports give it. */
export function describeFailure(failure: unknown): NonNullable<JobResult['error']> {
  const stepError = failure instanceof StepError ? failure : null;
  const model = stepError?.step.model;
  return {
    message: model ? explainStepFailure(errorMessage(failure), model) : errorMessage(failure),
    ...(stepError ? { kind: stepError.kind, step: { index: stepError.step.index, id: stepError.step.id ?? null, model: stepError.step.model } } : {}),
  };
}

/** Runs `workflow` (whose cache is already loaded) against `state`, reporting each step and the cache entries its runs made. */
export async function runLoaded(
  workflow: Workflow,
  state: State,
  outputs: readonly string[],
  only?: ReadonlySet<number>,
): Promise<{ result: JobResult; created: Map<string, StepExtract> }> {
  const steps = stepReports(workflow);
  const created = new Map<string, StepExtract>();
  const onEvent = (event: WorkflowEvent) => {
    if (event.type !== 'end') return;
    recordStepEnd(steps[event.index] as JobStep, event);
    if (event.status === 'ran' && event.extracts) created.set(event.key, event.extracts);
  };
  let failure: unknown = null;
  try {
    await workflow.run(state, { onEvent, ...(only ? { only } : {}) });
  } catch (error) {
    failure = error;
  }
  const left = state.toObject();
  const slots = Object.fromEntries(outputs.filter((slot) => Object.hasOwn(left, slot)).map((slot) => [slot, encodeValue(left[slot])]));
  return { result: { steps, slots, ...(failure ? { error: describeFailure(failure) } : {}) }, created };
}

/**
 * Runs a job in a thread, on the entries it was sent (those that can match its state), and answers
 * with only the entries its runs made: a value in them that came from the main thread (the shared
 * table a swept step read) goes back by id. `mainHolds` is what the main thread holds.
 */
export async function runJob(job: SweepJob, wire: ValueWire, mainHolds: Set<string>): Promise<JobResult> {
  const workflow = Workflow.fromJSON({ ...job.workflow, modelInputs: {}, modelOutputs: {} });
  workflow.extractsPerStep = job.extractsPerStep;
  for (const [key, entries] of Object.entries(job.cache)) workflow.loadExtracts(key, wire.receive(entries, mainHolds));
  const { result, created } = await runLoaded(workflow, State.fromJSON(job.state), job.outputs);
  const cache: WireCache = {};
  for (const [key, extract] of created) cache[key] = wire.send([extract], mainHolds);
  return { ...result, cache };
}
