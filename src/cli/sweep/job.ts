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

/** A step's cache entry, encoded. */
export interface EncodedExtract {
  input: CacheEntryJSON & { origin?: 'imported' };
  output: CacheEntryJSON & { origin?: 'imported' };
}

/** Each step's entries by step key, most recently used first. */
export type EncodedCache = Record<string, EncodedExtract[]>;

export interface SweepJob {
  /** Steps and flags only: the cache travels in `cache`. */
  workflow: WorkflowJSON;
  extractsPerStep: number;
  cache: EncodedCache;
  state: StateJSON;
  /** Run only these step indices (the shared steps, run once before the states). */
  only?: number[];
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
  /** The entries of the steps that ran or were skipped, as they are after the run. */
  cache: EncodedCache;
  /** Every slot the run left, encoded. */
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

/** The error of a failed run, as the reports give it. */
export function describeFailure(failure: unknown): NonNullable<JobResult['error']> {
  const stepError = failure instanceof StepError ? failure : null;
  const model = stepError?.step.model;
  return {
    message: model ? explainStepFailure(errorMessage(failure), model) : errorMessage(failure),
    ...(stepError ? { kind: stepError.kind, step: { index: stepError.step.index, id: stepError.step.id ?? null, model: stepError.step.model } } : {}),
  };
}

/** Runs `workflow` (whose cache is already loaded) against `state`, reporting each step. */
export async function runLoaded(workflow: Workflow, state: State, only?: ReadonlySet<number>, signal?: AbortSignal): Promise<JobResult> {
  const steps: JobStep[] = workflow.steps.map((step, index) => ({ index, key: workflow.keyOf(index), model: step.model, status: 'not-run', durationMs: null }));
  const touched = new Set<string>();
  const onEvent = (event: WorkflowEvent) => {
    if (event.type !== 'end') return;
    const report = steps[event.index] as JobStep;
    report.status = event.status;
    report.durationMs = event.durationMs;
    const reason = reasonOf(event);
    if (reason) report.reason = reason;
    if (event.error) report.error = explainStepFailure(event.error.detail, report.model);
    if (event.extracts) touched.add(event.key);
  };
  let failure: unknown = null;
  try {
    await workflow.run(state, { onEvent, ...(only ? { only } : {}), ...(signal ? { signal } : {}) });
  } catch (error) {
    failure = error;
  }
  const cache: EncodedCache = {};
  for (const key of touched) cache[key] = encodeExtracts(workflow.extractsOf(key));
  return { steps, cache, slots: state.toJSON().values, ...(failure ? { error: describeFailure(failure) } : {}) };
}

/** Runs a job from scratch: what a worker thread does with each message. */
export function runJob(job: SweepJob): Promise<JobResult> {
  const workflow = Workflow.fromJSON({ ...job.workflow, modelInputs: {}, modelOutputs: {} });
  workflow.extractsPerStep = job.extractsPerStep;
  for (const [key, entries] of Object.entries(job.cache)) workflow.loadExtracts(key, decodeExtracts(entries));
  return runLoaded(workflow, State.fromJSON(job.state), job.only ? new Set(job.only) : undefined);
}
