/**
 * The stores only panels opened after the first paint read: the sweep's (its button and dialog) and
 * the Storage view's. Their code stays out of the editor's first paint: the browser loads this
 * module once the editor has painted (`studioCore.ts`'s `late()`).
 */
import { runStateValues } from '../store/graph/runState';
import { createStorageStore } from '../store/storage';
import { createSweepStore } from '../store/sweep';
import type { LateStoreParts, LateStores } from './studioCore';

export function buildLateStores({ deps, graph, run, edits, ports, resolveState }: LateStoreParts): LateStores {
  const storage = createStorageStore({ workspace: deps.workspace, run });
  const sweep = createSweepStore({
    compile: () => graph.getState().compileActive(),
    sources: () => {
      const data = graph.getState();
      let runState = data.initialState;
      try {
        runState = runStateValues(data);
      } catch {
        // The state chosen beside Run is gone or unread: a sweep over values starts from the workflow's own slots.
      }
      return { initialState: data.initialState, savedStates: data.savedStates, runState };
    },
    resolveState,
    workerFactory: deps.workerFactory,
    workspace: ports,
    runSettings: () => ({ flags: run.getState().flags, extractsPerStep: run.getState().extractsPerStep }),
    concurrency: deps.concurrency ?? (() => globalThis.navigator?.hardwareConcurrency ?? 2),
    running: () => run.getState().phase === 'running',
    onFinished: (workflowId) => run.getState().reloadCache(workflowId),
    beforeRun: () => edits.flush(),
  });
  return { storage, sweep };
}
