/**
 * The typed messages between the page and the run worker. Every value crosses the boundary
 * encoded by the engine's value codec (`encodeValue`), because structured clone drops the
 * prototypes of registered types such as the model library's table.
 */
import type { ExtractJSON, JsonValue, PreviewEntry, RunReason, StateJSON, StepErrorKind, StepStatus, WorkflowJSON } from '../engine';

export interface RunFlags {
  useExtracts: boolean;
  populateExtracts: boolean;
  mutable: boolean;
}

/** A step's cached extracts on the wire, by step key. */
export interface WireExtract {
  stepKey: string;
  input: ExtractJSON;
  output: ExtractJSON;
}

export interface WireStepError {
  kind: StepErrorKind;
  message: string;
  /** The message without the "step N (model …)" prefix. */
  detail: string;
  subject?: string;
}

export type RunKind = 'run' | 'rerun' | 'run-to';

export interface StartRunMessage {
  type: 'run';
  runId: string;
  kind: RunKind;
  /** Steps only; the extracts travel in `extracts`. */
  workflow: WorkflowJSON;
  extracts: WireExtract[];
  /** The fresh initial slots (run, run-to) or the kept state of the last run (rerun). */
  state: StateJSON;
  flags: RunFlags;
  /** For 'run-to': the step key to run up to. */
  target?: string;
}

export interface PreviewMessage {
  type: 'preview';
  requestId: number;
  workflow: WorkflowJSON;
  extracts: WireExtract[];
  state: StateJSON;
  flags: RunFlags;
}

export type ToWorker = StartRunMessage | PreviewMessage;

export type WireEvent =
  | { type: 'start'; index: number; key: string; total: number }
  | { type: 'progress'; index: number; key: string; fraction: number; message?: string }
  | {
      type: 'end';
      index: number;
      key: string;
      status: StepStatus;
      durationMs: number;
      reason?: RunReason;
      error?: WireStepError;
      /** `inputHash` is the engine's hashValue of the input, computed here so the page need not. */
      extracts?: { input: ExtractJSON; output: ExtractJSON; inputHash: string };
    };

export type FromWorker =
  | { type: 'ready' }
  | { type: 'planned'; runId: string; steps: PlannedStep[] }
  | { type: 'event'; runId: string; event: WireEvent }
  | { type: 'done'; runId: string; outcome: 'ok' | 'error'; state: StateJSON; error?: WireStepError }
  /** The run could not start at all (bad workflow JSON, unknown target…). */
  | { type: 'failed'; runId: string; message: string }
  | { type: 'preview'; requestId: number; entries: PreviewEntry[] }
  | { type: 'preview-failed'; requestId: number; message: string };

/** A step as the run panel lists it, in execution order. */
export interface PlannedStep {
  index: number;
  key: string;
  model: string;
  inputs: Record<string, string>;
  outputs: Record<string, string>;
  /** False for steps a "run to here" leaves out. */
  included: boolean;
}

export type { JsonValue };
