/**
 * The run store: runs workflows (in a Worker) and holds per-step status for the canvas and the
 * run panel. PLACEHOLDER until the run work fills it in; the names below are the contract.
 */
import { createStore } from 'zustand/vanilla';
import { useStore } from 'zustand';
import type { StepRunStatus } from '../persistence/types';

export type StepDisplayStatus = StepRunStatus | 'pending' | 'running' | 'idle';

/** What a run would do with a step, shown on its node before a run. */
export interface StepPreview {
  willSkip: boolean;
  /** In words: "cached", "no cache yet", "input changed: b", "upstream step will run", … */
  reason: string;
}

export interface RunStoreState {
  /** By step id (= node id). */
  statusByStep: Record<string, StepDisplayStatus>;
  previewByStep: Record<string, StepPreview>;
  /** Runs only `stepId` and the steps it needs. */
  runTo(stepId: string): Promise<void>;
  /** Clears the cached extracts of one step, or of the whole active workflow. */
  clearCache(stepId?: string): void;
}

export const runStore = createStore<RunStoreState>()(() => ({
  statusByStep: {},
  previewByStep: {},
  runTo: async () => {},
  clearCache: () => {},
}));

const idle: StepDisplayStatus = 'idle';

/** The display status of one step, for its node on the canvas. */
export function useStepStatus(stepId: string): StepDisplayStatus {
  return useStore(runStore, (state) => state.statusByStep[stepId] ?? idle);
}

/** What a run would do with one step (null until a preview is computed). */
export function useStepPreview(stepId: string): StepPreview | null {
  return useStore(runStore, (state) => state.previewByStep[stepId] ?? null);
}
