/**
 * The headless workflow engine: a TypeScript port of pyswark's `workflow` module.
 * Pure TypeScript: runs in Node, a Web Worker and the page alike.
 */
export { defineModel } from './model';
export { ModelRegistry, registry, UnknownModelError } from './registry';
export type { ModelDefinition, ModelSpec, RunContext, FieldSchemas, InferFields } from './model';
export { Step } from './step';
export type { StepJSON, StepOptions } from './step';
export { Workflow } from './workflow';
export { stepKeyOf } from './stepKey';
export { passThroughOf } from './bypass';
export type { PassThrough } from './bypass';
export { portTypeOf } from './portType';
export type {
  CacheEntry,
  CacheEntryJSON,
  WorkflowJSON,
  WorkflowOptions,
  WorkflowEvent,
  RunOptions,
  RunReason,
  CacheDecision,
  StepStatus,
  PreviewEntry,
} from './workflow';
export type { StepExtract } from './earlierExtracts';
export { State } from './state';
export type { StateLike, StateOptions, StateJSON } from './state';
export { SqliteState } from './sqliteState';
export type { SqliteStateOptions } from './sqliteState';
export { configureSqlJs, loadSqlJs } from './sqlite';
export { Runner } from './runner';
export { describeReason, describeDecision, describeUncached, describeSkip } from './reasons';
export type { RunnerOptions, RunnerJSON, RerunFlags } from './runner';
export { References, references, ReferenceError } from './references';
export type { Resolver } from './references';
export { StepError, ImmutableStateError, MissingSlotError, CancelledError, describeStep, errorMessage } from './errors';
export type { StepErrorKind, StepRef } from './errors';
export {
  registerValueType,
  valuesEqual,
  encodeValue,
  decodeValue,
  stableStringify,
  storableAsWritten,
  sortedJsonText,
  hashValue,
  hashString,
  describeType,
  approximateSize,
  deepFreeze,
  describeUnstorable,
} from './values';
export type { JsonValue, ValueType, UnstorablePart } from './values';
export { StoredFile, storedFileOf, storedFileJson, storedFilesIn, readStoredFile, describeBytes } from './storedFile';
export type { StoredFileInfo } from './storedFile';
export { varyingSlots, stepsDependingOn, sharedSteps, splitSweepValues, sweepJobs, runSweep } from './sweep';
export type { SplitValues, SweepOutcome, SweepPlan } from './sweep';
export type { CanvasAnnotation } from './annotation';
