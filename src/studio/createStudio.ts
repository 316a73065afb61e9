/**
 * The composition root: the one place that builds the stores and wires them together. The
 * browser (`browserStudio.ts`), the tests and the benchmarks all build a studio here, each with
 * its own workspace and worker.
 */
import { references, type JsonValue, type StateLike } from '../engine';
import type { Workspace } from '../persistence/workspace';
import { createGraphStore, type GraphStore } from '../store/graph';
import { graphSource } from '../store/graphSource';
import { PendingEdits } from '../store/pendingEdits';
import { createLayoutStore, type LayoutStore } from '../store/layout/createLayoutStore';
import { createRunStore, type FrameScheduler, type RunStore } from '../store/run';
import { createStorageStore, type StorageStore } from '../store/storage';
import { createSweepStore, type SweepStore } from '../store/sweep';
import { runStateValues } from '../store/graph/runState';
import { createWorkspaceStore, type WorkspaceStore } from '../store/workspace/createWorkspaceStore';
import type { WorkspacePorts } from '../store/workspace/ports';
import type { RunWorkerFactory } from '../worker/client';

export interface StudioDeps {
  workspace: Workspace;
  workerFactory: RunWorkerFactory;
  /** Delay before a preview after an edit (ms); tests use 0. */
  previewDelayMs?: number;
  /** When the run worker's gathered messages are applied (the browser: each frame). */
  scheduleFrame?: FrameScheduler;
  /** Logical processors, for how many states a sweep runs at once (the browser's navigator.hardwareConcurrency by default). */
  concurrency?: () => number;
}

export interface Studio {
  workspace: WorkspaceStore;
  graph: GraphStore;
  run: RunStore;
  /** The Storage view: the cache's size per workflow and step, its budget, clearing it. */
  storage: StorageStore;
  sweep: SweepStore;
  /** The editor's panel sizes, kept in the workspace. */
  layout: LayoutStore;
  /** The workspace's narrow ports (for exports and the Runner's references). */
  ports: WorkspacePorts;
  /** Editors' text not yet committed; every run flushes it first. */
  edits: PendingEdits;
  /**
   * Loads the workspace (nothing is saved before), opens the workflow open last (else the one edited last, or a first
   * one) and serves `workspace://` references from it. A workspace that cannot be opened waits
   * for the recovery screen's choice first (the editor failing on it counts as damage too).
   */
  start(): Promise<void>;
  /** Stops the worker and the subscriptions. */
  dispose(): void;
}

/** A state named by reference, as codec-encoded slots (the applications load with the first app:// reference). */
async function resolveState(ref: string): Promise<Record<string, JsonValue>> {
  if (/^app:/i.test(ref.trim())) await import('../apps');
  const value = (await references.resolve(ref.trim())) as StateLike | null;
  if (!value || typeof value.toJSON !== 'function' || typeof value.extract !== 'function') throw new Error(`${ref} does not name a state`);
  return value.toJSON().values;
}

export function createStudio({ workspace, workerFactory, previewDelayMs, scheduleFrame, concurrency }: StudioDeps): Studio {
  const ports: WorkspacePorts = workspace;
  const openWorkflow = { remembered: () => workspace.settings().openWorkflowId, remember: (id: string) => workspace.rememberOpenWorkflow(id) };
  const graph = createGraphStore({ workflows: ports, resolveState, openWorkflow });
  // An undo may bring back a file no saved workflow refers to any more (after "Replace…"): its bytes stay.
  workspace.holdValues(() => graph.getState().filesHeldByHistory());
  const workspaceStore = createWorkspaceStore(workspace, { onReplaced: () => graph.getState().openInitialWorkflow() });
  const edits = new PendingEdits();
  const run = createRunStore({
    source: graphSource(graph),
    workerFactory,
    workspace: ports,
    beforeRun: () => edits.flush(),
    // Its workers write the cache the run would read and write.
    runBlocked: () => (sweep.getState().phase === 'running' ? 'A sweep is running over states: wait for it to end, or cancel it, then Run.' : null),
    ...(previewDelayMs === undefined ? {} : { previewDelayMs }),
    ...(scheduleFrame === undefined ? {} : { scheduleFrame }),
  });
  const storage = createStorageStore({ workspace, run });
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
    workerFactory,
    workspace: ports,
    runSettings: () => ({ flags: run.getState().flags, extractsPerStep: run.getState().extractsPerStep }),
    concurrency: concurrency ?? (() => globalThis.navigator?.hardwareConcurrency ?? 2),
    running: () => run.getState().phase === 'running',
    onFinished: (workflowId) => run.getState().reloadCache(workflowId),
    beforeRun: () => edits.flush(),
  });
  const layout = createLayoutStore(workspace);
  let started: Promise<void> | null = null;
  return {
    workspace: workspaceStore,
    graph,
    run,
    storage,
    sweep,
    layout,
    ports,
    edits,
    // Once per studio (React's StrictMode runs effects twice).
    start: () =>
      (started ??= (async () => {
        const state = workspaceStore.getState();
        await state.load();
        layout.getState().load();
        for (;;) {
          await state.whenUsable();
          try {
            graph.getState().openInitialWorkflow();
            break;
          } catch (error) {
            state.markDamaged('failed', `the editor could not open it (${error instanceof Error ? error.message : String(error)})`);
          }
        }
        // The resolver, and the engine's Workflow and State it builds, load with the first workspace:// reference.
        references.register('workspace', async (ref) => (await import('../apps/workspaceReferences')).createWorkspaceResolver(ports)(ref));
      })()),
    dispose: () => {
      storage.getState().hide();
      sweep.getState().cancel();
      run.getState().dispose();
      workspaceStore.dispose();
    },
  };
}
