/**
 * One state of a `swark sweep`, as it crosses to a worker thread and back: plain JSON (the
 * workflow's steps, its cache entries and the state, codec-encoded), so a thread needs nothing
 * from the main thread's memory. The main thread alone writes the workspace file: a thread only
 * sends back the entries its steps hold afterwards, which the main thread merges.
 */
import {
  State,
  StepError,
  Workflow,
  decodeValue,
  encodeValue,
  errorMessage,
  type CacheEntry,
  type CacheEntryJSON,
  type JsonValue,
  type StateJSON,
  type StepExtract,
  type WorkflowEvent,
  type WorkflowJSON,
} from '../../engine';
import type { StepRunRecord } from '../../persistence/types';
import { describeReason, describeSkip, describeUncached, explainStepFailure } from '../words';
import type { ExtractIds, WireCache } from './transfer';

/** A step's cache entry, encoded. */
export interface EncodedExtract {
  input: CacheEntryJSON & { origin?: 'imported' };
  output: CacheEntryJSON & { origin?: 'imported' };
}

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
  /** From a thread: the entries of the steps whose entries changed, as they are after the run. */
  cache?: WireCache;
  /** The chosen outputs among the slots the run left, encoded (a slot it did not write is absent). */
  slots: Record<string, JsonValue>;
  error?: { message: string; kind?: string; step?: { index: number; id: string | null; model: string } };
}

const encodeEntry = (entry: CacheEntry): EncodedExtract['input'] => ({
  model: entry.model,
  version: entry.version,
  ...(entry.at === undefined ? {} : { at: entry.at }),
  ...(entry.origin === undefined ? {} : { origin: entry.origin }),
  value: encodeValue(entry.value),
});

const decodeEntry = (entry: EncodedExtract['input']): CacheEntry => ({
  model: entry.model,
  version: entry.version,
  ...(entry.at === undefined ? {} : { at: entry.at }),
  ...(entry.origin === undefined ? {} : { origin: entry.origin }),
  value: decodeValue(entry.value),
});

export const encodeExtracts = (entries: readonly StepExtract[]): EncodedExtract[] =>
  entries.map((entry) => ({ input: encodeEntry(entry.input), output: encodeEntry(entry.output) }));

export const decodeExtracts = (entries: readonly EncodedExtract[]): StepExtract[] =>
  entries.map((entry) => ({ input: decodeEntry(entry.input), output: decodeEntry(entry.output) }));

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

/** Runs `workflow` (whose cache is already loaded) against `state`, reporting each step and which steps' entries changed. */
export async function runLoaded(
  workflow: Workflow,
  state: State,
  outputs: readonly string[],
  only?: ReadonlySet<number>,
): Promise<{ result: JobResult; touched: Set<string> }> {
  const steps = stepReports(workflow);
  const touched = new Set<string>();
  const onEvent = (event: WorkflowEvent) => {
    if (event.type !== 'end') return;
    recordStepEnd(steps[event.index] as JobStep, event);
    if (event.extracts) touched.add(event.key);
  };
  let failure: unknown = null;
  try {
    await workflow.run(state, { onEvent, ...(only ? { only } : {}) });
  } catch (error) {
    failure = error;
  }
  const left = state.toObject();
  const slots = Object.fromEntries(outputs.filter((slot) => Object.hasOwn(left, slot)).map((slot) => [slot, encodeValue(left[slot])]));
  return { result: { steps, slots, ...(failure ? { error: describeFailure(failure) } : {}) }, touched };
}

/**
 * Runs a job in a thread: the entries it names by id are those it was sent before (`ids` holds
 * them); it answers with the entries of the steps whose entries changed, those the main thread
 * sent by id, its own whole.
 */
export async function runJob(job: SweepJob, ids: ExtractIds): Promise<JobResult> {
  const workflow = Workflow.fromJSON({ ...job.workflow, modelInputs: {}, modelOutputs: {} });
  workflow.extractsPerStep = job.extractsPerStep;
  for (const [key, entries] of Object.entries(job.cache)) workflow.loadExtracts(key, ids.receive(entries, false));
  const { result, touched } = await runLoaded(workflow, State.fromJSON(job.state), job.outputs);
  const cache: WireCache = {};
  for (const key of touched) cache[key] = ids.send(workflow.extractsOf(key), () => true, false);
  return { ...result, cache };
}
