/**
 * The run store: runs workflows (in a Worker) and holds per-step status for the canvas and the
 * run panel. PLACEHOLDER until the run work fills it in; the names below are the contract.
 */
import { createStore } from 'zustand/vanilla';
import { useStore } from 'zustand';
import type { StepRunStatus } from '../persistence/types';

export type StepDisplayStatus = StepRunStatus | 'pending' | 'running' | 'idle';

export interface RunStoreState {
  /** By step id (= node id). */
  statusByStep: Record<string, StepDisplayStatus>;
}

export const runStore = createStore<RunStoreState>()(() => ({ statusByStep: {} }));

const idle: StepDisplayStatus = 'idle';

/** The display status of one step, for its node on the canvas. */
export function useStepStatus(stepId: string): StepDisplayStatus {
  return useStore(runStore, (state) => state.statusByStep[stepId] ?? idle);
}
