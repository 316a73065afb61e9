/**
 * The composition root: the one place that builds the stores and wires them together. The
 * browser (`browserStudio.ts`), the tests and the benchmarks all build a studio here, each with
 * its own workspace and worker. The stores only panels opened later read (the sweep's and the
 * Storage view's, {@link LateStores}) are built by `lateStores.ts`, which the browser loads after
 * the editor's first paint and `createStudio.ts` (tests, benchmarks) links at once.
 */
import { importWorkerReader, type ImportWorkerPort } from '../worker/importClient';
import { references, type JsonValue, type StateLike } from '../engine';
import type { Workspace } from '../persistence/workspace';
import { createGraphStore, type GraphStore } from '../store/graph';
import { graphSource } from '../store/graphSource';
import { PendingEdits } from '../store/pendingEdits';
import { createLayoutStore, type LayoutStore } from '../store/layout/createLayoutStore';
import { createRunStore, type AttachRunCore, type FrameScheduler, type RunStore } from '../store/run';
import type { StorageStore } from '../store/storage';
import type { SweepStore } from '../store/sweep';
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
  /** Told when the editor has first painted (the browser starts its run worker after that). */
  onPainted?: () => void;
  /** A worker of its own per imported file (the browser's); without one, the run worker reads it. */
  importWorker?: () => ImportWorkerPort;
}

export interface Studio {
  workspace: WorkspaceStore;
  graph: GraphStore;
  run: RunStore;
  /** The Storage view: the cache's size per workflow and step, its budget, clearing it (once {@link Studio.late} resolved). */
  readonly storage: StorageStore;
  /** Sweeps over states (once {@link Studio.late} resolved). */
  readonly sweep: SweepStore;
  /**
   * Builds the late stores (sweep, Storage view) once, loading their code first where it is split
   * off; resolves when `sweep` and `storage` can be read. The promise is the same on every call,
   * marked fulfilled for React's `use()` so a panel reading them does not suspend once they exist.
   */
  late(): Promise<LateStores>;
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
  /**
   * The editor is on screen: what waits for its first paint may start (the browser's run worker,
   * see `afterPaintGate.ts`; until then what the stores send it waits, in order).
   */
  painted(): void;
  /** Stops the worker and the subscriptions. */
  dispose(): void;
}

export interface LateStores {
  storage: StorageStore;
  sweep: SweepStore;
}

/** What the late stores are built from: the core stores and the studio's dependencies. */
export interface LateStoreParts {
  deps: StudioDeps;
  graph: GraphStore;
  run: RunStore;
  edits: PendingEdits;
  ports: WorkspacePorts;
  resolveState: (ref: string) => Promise<Record<string, JsonValue>>;
}

/** Builds the late stores; given at once (tests) or as the loader of its module (the browser). */
export type LateStoresBuilder = (parts: LateStoreParts) => LateStores;

/** A state named by reference, as codec-encoded slots (the applications load with the first app:// reference). */
async function resolveState(ref: string): Promise<Record<string, JsonValue>> {
  if (/^app:/i.test(ref.trim())) await import('../apps');
  const value = (await references.resolve(ref.trim())) as StateLike | null;
  if (!value || typeof value.toJSON !== 'function' || typeof value.extract !== 'function') throw new Error(`${ref} does not name a state`);
  return value.toJSON().values;
}

/** A promise React's `use()` reads without suspending once settled (React honours `status` and `value`). */
type Tracked<T> = Promise<T> & { status?: 'fulfilled'; value?: T };

/**
 * `eager`: the late stores and the run store's core are given (tests, benchmarks) and built at
 * once; else `lateBuilder` and `runCore` load them (the browser: the run core after the editor's
 * first paint, {@link Studio.painted}, or at the first run action before it).
 */
export function buildStudio(
  deps: StudioDeps,
  lateBuilder: LateStoresBuilder | (() => Promise<LateStoresBuilder>),
  eager: boolean,
  runCore: AttachRunCore | (() => Promise<AttachRunCore>),
): Studio {
  const { workspace, workerFactory, previewDelayMs, scheduleFrame } = deps;
  let painted!: () => void;
  const paintedOnce = new Promise<void>((resolve) => {
    painted = resolve;
  });
  const ports: WorkspacePorts = workspace;
  const openWorkflow = { remembered: () => workspace.settings().openWorkflowId, remember: (id: string) => workspace.rememberOpenWorkflow(id) };
  // Files to import are read off this thread: in a worker of their own, else in the run worker.
  const importReader = deps.importWorker
    ? importWorkerReader(deps.importWorker, () => workspace.valueLocation ?? null)
    : {
        read: (source: Blob | string) => run.getState().readImport(source),
        commit: (token: number, refs: string[]) => run.getState().commitImport(token, refs),
      };
  const graph = createGraphStore({ workflows: ports, components: ports, resolveState, openWorkflow, importReader });
  // An undo may bring back a file no saved workflow refers to any more (after "Replace…"): its bytes stay.
  workspace.holdValues(() => graph.getState().filesHeldByHistory());
  const workspaceStore = createWorkspaceStore(workspace, { onReplaced: () => graph.getState().openInitialWorkflow() });
  const edits = new PendingEdits();
  const run = createRunStore(
    {
      source: graphSource(graph),
      workerFactory,
      workspace: ports,
      beforeRun: () => edits.flush(),
      // Its workers write the cache the run would read and write.
      runBlocked: () =>
        lateStores?.sweep.getState().phase === 'running' ? 'A sweep is running over states: wait for it to end, or cancel it, then Run.' : null,
      ...(previewDelayMs === undefined ? {} : { previewDelayMs }),
      ...(scheduleFrame === undefined ? {} : { scheduleFrame }),
    },
    eager ? { attach: runCore as AttachRunCore } : { load: runCore as () => Promise<AttachRunCore>, loadWhen: paintedOnce },
  );
  const layout = createLayoutStore(workspace);
  let started: Promise<void> | null = null;
  let disposed = false;
  let lateStores: LateStores | null = null;
  const parts: LateStoreParts = { deps, graph, run, edits, ports, resolveState };
  const settle = (stores: LateStores): LateStores => {
    lateStores = stores;
    // Disposed while its code loaded: nothing of it may run on.
    if (disposed) disposeLate(stores);
    return stores;
  };
  let late: Tracked<LateStores> | null = null;
  const loadLate = (): Tracked<LateStores> => {
    if (late) return late;
    const loaded: Tracked<LateStores> = eager
      ? Promise.resolve(settle((lateBuilder as LateStoresBuilder)(parts)))
      : (lateBuilder as () => Promise<LateStoresBuilder>)().then((build) => settle(build(parts)));
    void loaded.then((stores) => Object.assign(loaded, { status: 'fulfilled', value: stores }));
    return (late = loaded);
  };
  if (eager) {
    loadLate();
    // Already built: `use()` need not wait even a microtask.
    Object.assign(late as unknown as object, { status: 'fulfilled', value: lateStores });
  }
  const needLate = (): LateStores => {
    if (!lateStores) throw new Error('The sweep and Storage stores are read before studio.late() resolved (they load after the first paint).');
    return lateStores;
  };
  return {
    workspace: workspaceStore,
    graph,
    run,
    get storage() {
      return needLate().storage;
    },
    get sweep() {
      return needLate().sweep;
    },
    late: loadLate,
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
    painted: () => {
      painted();
      deps.onPainted?.();
    },
    dispose: () => {
      disposed = true;
      if (lateStores) disposeLate(lateStores);
      run.getState().dispose();
      workspaceStore.dispose();
    },
  };
}

function disposeLate({ storage, sweep }: LateStores): void {
  storage.getState().hide();
  sweep.getState().cancel();
}
