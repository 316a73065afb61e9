/** The run store and the pure views over it. */
export { createRunStore, type AttachRunCore, type RunStore } from './createRunStore';
export type { RunWorkspace } from './context';
export type { FrameScheduler } from './inbox';
export { nextFrame } from './nextFrame';
export type * from './types';
export type { CompiledWorkflow, RunSource } from './source';
export { outcomeReader, rowResult, stepOutcome, valuesNote, valuesPlace } from './selectors';
export { rowOf } from './rows';
export { SKIPPED_ON, formatBytes, formatDuration } from './words';
