/** The run store and the pure views over it. */
export { createRunStore, type RunStore, type RunDeps } from './createRunStore';
export type { RunWorkspace } from './context';
export type * from './types';
export type { CompiledWorkflow, RunSource } from './source';
export { stepOutcome, stepStatus } from './selectors';
export { rowOf } from './reducer';
export { describeStepPlace, formatBytes, formatDuration } from './words';
