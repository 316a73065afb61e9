/** The sweep store: one workflow over many states. */
export { createSweepStore, type SweepStore } from './createSweepStore';
export { defaultOutputs, valueEntries, writtenSlots } from './entries';
export type * from './types';
