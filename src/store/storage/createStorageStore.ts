/**
 * The Storage view's store: what the cache holds per workflow and step against its budget (read
 * from the workspace while the view is open), clearing it after the person confirms, and the
 * budget and run-history settings. The clearing and the budget go through the run store, so the
 * run worker forgets what the workspace dropped and the preview says what the next Run will do.
 */
import { createStore, type StoreApi } from 'zustand/vanilla';
import type { CacheStorage } from '../../persistence/ports';
import type { StorageReport } from '../../persistence/types';
import type { RunStore } from '../run';
import { clearQuestion, type ClearTarget } from './words';

export interface StorageStoreState {
  open: boolean;
  /** Null until the view first opens. */
  report: StorageReport | null;
  /** When the report was read (its "last used" times are told relative to it). */
  readAt: number;
  /** The clearing the person is asked to confirm, with the question in words. */
  confirming: { target: ClearTarget; question: string } | null;
  /** What the last action did, or why it could not, in words. */
  message: { tone: 'info' | 'error'; text: string } | null;

  show(): void;
  hide(): void;
  /** Asks the person to confirm clearing `target`. */
  askClear(target: ClearTarget): void;
  cancelClear(): void;
  confirmClear(): void;
  /** Sets the budget in bytes (null: the default) and applies it; null when done, else why not. */
  setBudget(bytes: number | null): string | null;
  setRunsPerWorkflow(count: number): string | null;
}

export type StorageStore = StoreApi<StorageStoreState>;

export interface StorageDeps {
  workspace: CacheStorage & { subscribe(listener: () => void): () => void };
  run: RunStore;
}

export function createStorageStore({ workspace, run }: StorageDeps): StorageStore {
  let unsubscribe: (() => void) | null = null;
  return createStore<StorageStoreState>()((set, get) => {
    const refresh = () => set({ report: workspace.storageReport(), readAt: Date.now() });
    const clear = (target: ClearTarget) => {
      const { clearCacheOf } = run.getState();
      if (target.kind === 'step') clearCacheOf(target.workflowId, target.stepKey);
      else if (target.kind === 'workflow') clearCacheOf(target.workflowId);
      else for (const workflow of get().report?.workflows ?? []) clearCacheOf(workflow.workflowId);
    };
    return {
      open: false,
      report: null,
      readAt: 0,
      confirming: null,
      message: null,
      show: () => {
        unsubscribe ??= workspace.subscribe(refresh);
        set({ open: true, message: null, confirming: null });
        refresh();
      },
      hide: () => {
        unsubscribe?.();
        unsubscribe = null;
        set({ open: false, confirming: null });
      },
      askClear: (target) => set({ confirming: { target, question: clearQuestion(target) }, message: null }),
      cancelClear: () => set({ confirming: null }),
      confirmClear: () => {
        const target = get().confirming?.target;
        if (!target) return;
        clear(target);
        set({ confirming: null, message: { tone: 'info', text: 'Cleared: those steps run again on the next Run.' } });
        refresh();
      },
      setBudget: (bytes) => {
        const problem = workspace.changeSettings({ cacheBudgetBytes: bytes });
        if (problem) return problem;
        const dropped = run.getState().applyCacheBudget();
        const later = run.getState().phase === 'running' ? ' It applies when the run in progress ends.' : '';
        set({
          message: {
            tone: 'info',
            text: `Budget set.${dropped ? ` ${dropped} least recently used cache entr${dropped === 1 ? 'y' : 'ies'} removed.` : ''}${later}`,
          },
        });
        refresh();
        return null;
      },
      setRunsPerWorkflow: (count) => {
        const problem = workspace.changeSettings({ runsPerWorkflow: count });
        if (problem) return problem;
        set({ message: { tone: 'info', text: `Each workflow keeps its last ${count} run${count === 1 ? '' : 's'}.` } });
        void run.getState().refresh();
        refresh();
        return null;
      },
    };
  });
}
