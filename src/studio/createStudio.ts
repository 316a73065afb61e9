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
import { createRunStore, type RunStore } from '../store/run';
import { createWorkspaceStore, type WorkspaceStore } from '../store/workspace/createWorkspaceStore';
import type { WorkspacePorts } from '../store/workspace/ports';
import type { RunWorkerFactory } from '../worker/client';

export interface StudioDeps {
  workspace: Workspace;
  workerFactory: RunWorkerFactory;
  /** Delay before a preview after an edit (ms); tests use 0. */
  previewDelayMs?: number;
}

export interface Studio {
  workspace: WorkspaceStore;
  graph: GraphStore;
  run: RunStore;
  /** The editor's panel sizes, kept in the workspace. */
  layout: LayoutStore;
  /** The workspace's narrow ports (for exports and the Runner's references). */
  ports: WorkspacePorts;
  /** Editors' text not yet committed; every run flushes it first. */
  edits: PendingEdits;
  /**
   * Loads the workspace (nothing is saved before), opens the most recent workflow (or a first
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

export function createStudio({ workspace, workerFactory, previewDelayMs }: StudioDeps): Studio {
  const ports: WorkspacePorts = workspace;
  const graph = createGraphStore({ workflows: ports, resolveState });
  const workspaceStore = createWorkspaceStore(workspace, { onReplaced: () => graph.getState().openInitialWorkflow() });
  const edits = new PendingEdits();
  const run = createRunStore({
    source: graphSource(graph),
    workerFactory,
    workspace: ports,
    beforeRun: () => edits.flush(),
    ...(previewDelayMs === undefined ? {} : { previewDelayMs }),
  });
  const layout = createLayoutStore(workspace);
  let started: Promise<void> | null = null;
  return {
    workspace: workspaceStore,
    graph,
    run,
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
      run.getState().dispose();
      workspaceStore.dispose();
    },
  };
}
