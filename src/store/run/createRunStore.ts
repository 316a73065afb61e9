/**
 * The run store: runs the active workflow in a Web Worker and holds what the canvas and the run
 * panel show — step rows, previews, progress, the cache's summaries, the kept state and the run
 * history. One store per studio; its worker, timers and the run in flight live in its closures.
 */
import { createStore, type StoreApi } from 'zustand/vanilla';
import { DEFAULT_SETTINGS } from '../../persistence/db/settings';
import type { RunRecord } from '../../persistence/types';
import { openStepKey, type RunContext, type RunDeps } from './context';
import { createInbox, type FrameScheduler } from './inbox';
import { createInspector } from './inspection';
import type { RunLifecycle } from './lifecycle';
import { createPreviewer } from './preview';
import { NO_ROWS, rowsFromRecord } from './reducer';
import type { CompiledWorkflow } from './source';
import type { RunKind } from '../../worker/protocol';
import type { RunData, RunStoreState } from './types';
import { isRunMessage } from './runMessages';
import { WorkerClient } from './workerClient';
import { createWorkspaceBridge, isBridgeMessage } from './workspaceBridge';

export type RunStore = StoreApi<RunStoreState>;

const nextTask: FrameScheduler = (flush) => void setTimeout(flush, 0);

const INITIAL: RunData = {
  ...NO_ROWS,
  flags: { useExtracts: true, populateExtracts: true, mutable: false },
  extractsPerStep: DEFAULT_SETTINGS.extractsPerStep,
  phase: 'idle',
  workflowId: null,
  previewByStep: {},
  columnsByStep: {},
  progress: null,
  alert: null,
  cache: {},
  lastState: null,
  history: [],
  selectedSlot: null,
  inspection: null,
  valueView: 'run',
  openedRunId: null,
  runSignature: null,
  graphChanged: false,
  rowsFromHistory: false,
  cacheCleared: false,
};

/** What a workflow switch resets. */
const PER_WORKFLOW: Partial<RunData> = {
  ...NO_ROWS,
  previewByStep: {},
  columnsByStep: {},
  cache: {},
  lastState: null,
  history: [],
  alert: null,
  progress: null,
  openedRunId: null,
  selectedSlot: null,
  inspection: null,
  valueView: 'run',
  cacheCleared: false,
};

export function createRunStore(deps: RunDeps): RunStore {
  let connect: () => void = () => undefined;
  const store = createStore<RunStoreState>()((set, get) => {
    const { source, workspace } = deps;
    // The lifecycle (and the reducer of the worker's run messages) loads with the first run, not
    // before the editor's first paint; once loaded, each call reaches it synchronously. Calls made
    // while it loads keep their order. Run messages only follow a run's start, so it is there by then.
    let lifecycle: RunLifecycle | null = null;
    let loading: Promise<RunLifecycle> | null = null;
    const withLifecycle = <T>(use: (loaded: RunLifecycle) => T): T | Promise<T> => {
      if (lifecycle) return use(lifecycle);
      loading ??= import('./lifecycle').then(({ createRunLifecycle }) => (lifecycle = createRunLifecycle(context, inspector, previewer)));
      return loading.then(use);
    };
    // The worker's messages are applied once per frame (a run's events as one update).
    const inbox = createInbox(
      {
        events: (runId, events) => lifecycle?.onEvents(runId, events),
        persist: (message) => bridge(message),
        stored: (message) => bridge(message),
        other: (message) => {
          if (isBridgeMessage(message)) return bridge(message);
          if (isRunMessage(message)) return lifecycle?.onMessage(message);
          if (message.type === 'summary' && message.workflowId === get().workflowId) {
            set({ cache: Object.fromEntries(message.extracts.map((entry) => [entry.stepKey, entry])), lastState: message.state });
          }
        },
      },
      deps.scheduleFrame ?? nextTask,
    );
    const client = new WorkerClient(deps.workerFactory, {
      onPush: (message) => inbox.push(message),
      onCrash: (message) => {
        inbox.flush();
        void withLifecycle((loaded) => loaded.crashed(message));
      },
    });
    const context: RunContext = { set, get, deps, client };
    const inspector = createInspector(context);
    const previewer = createPreviewer(context);
    const bridge = createWorkspaceBridge(context);
    const run = {
      start: async (kind: RunKind, target?: string) => withLifecycle((loaded) => loaded.start(kind, target)),
      // Nothing runs before the lifecycle is loaded: a cancel then has nothing to stop, unless a start is loading.
      cancel: () => void (lifecycle || loading ? withLifecycle((loaded) => loaded.cancel()) : undefined),
    };

    /** After a reload the panel shows the last recorded run's rows (marked as from history) rather than "No run yet". */
    const showLastRecordedRun = (record: RunRecord | undefined) => {
      if (!record || get().phase === 'running' || get().steps.length) return;
      let compiled: CompiledWorkflow;
      try {
        compiled = source.compile();
      } catch {
        return;
      }
      if (compiled.workflowId !== record.workflowId) return;
      set({ ...rowsFromRecord(record, compiled), rowsFromHistory: true, runSignature: null, graphChanged: false });
    };

    let lastOpenStep: string | null = null;
    const onSourceChange = () => {
      const workflowId = source.activeWorkflowId();
      if (workflowId !== get().workflowId) {
        set({ ...PER_WORKFLOW, workflowId });
        void get().refresh();
      }
      const openStep = openStepKey(deps);
      if (openStep !== lastOpenStep) {
        lastOpenStep = openStep;
        if (openStep !== null && get().selectedSlot !== null) set({ selectedSlot: null });
        inspector.inspect();
      }
      previewer.schedule();
    };
    let unsubscribe: () => void = () => undefined;
    connect = () => {
      unsubscribe = source.subscribe(onSourceChange);
      onSourceChange();
    };

    return {
      ...INITIAL,
      ...inspector.actions,
      run: () => run.start('run'),
      rerun: () => run.start('rerun'),
      runTo: (stepId) => run.start('run-to', stepId),
      cancel: () => {
        // What the worker already said (steps that finished, the running one) counts.
        inbox.flush();
        run.cancel();
      },
      clearCache: (stepId) => {
        const workflowId = get().workflowId ?? source.activeWorkflowId();
        if (workflowId) get().clearCacheOf(workflowId, stepId);
      },
      clearCacheOf: (workflowId, stepId) => {
        workspace.clearExtracts(workflowId, stepId);
        client.post({ type: 'clear-cache', workflowId, ...(stepId === undefined ? {} : { stepKey: stepId }) });
        if (workflowId !== (get().workflowId ?? source.activeWorkflowId())) return;
        set({ cacheCleared: true });
        if (stepId === undefined) set({ cache: {} });
        else {
          const { [stepId]: _removed, ...rest } = get().cache;
          set({ cache: rest });
        }
        const open = openStepKey(deps);
        if (open !== null && (stepId === undefined || stepId === open)) inspector.inspect();
        previewer.schedule();
      },
      applyCacheBudget: () => {
        if (get().phase === 'running' || !workspace.keepCacheWithinBudget) return 0;
        const workflowId = get().workflowId ?? source.activeWorkflowId();
        const evicted = workspace.keepCacheWithinBudget(workflowId);
        if (!evicted.length) return 0;
        client.post({ type: 'forget-extracts', entries: evicted });
        if (workflowId && evicted.some((entry) => entry.workflowId === workflowId)) {
          client.post({ type: 'summarize', workflowId });
          previewer.schedule();
        }
        return evicted.length;
      },
      storeFile: async (file, name, mediaType) => {
        const reply = await client.request({ type: 'store-file', file, name, mediaType, location: workspace.valueLocation ?? null });
        if (reply === 'stale') throw new Error(`the file “${name}” was not stored`);
        if (reply.type === 'file-failed') throw new Error(reply.message);
        if (reply.texts.length) workspace.keepFileTexts?.(reply.texts);
        return reply.file;
      },
      setFlag: (flag, value) => {
        set({ flags: { ...get().flags, [flag]: value } });
        previewer.schedule();
      },
      setExtractsPerStep: (count) => {
        const problem = workspace.changeSettings ? workspace.changeSettings({ extractsPerStep: count }) : 'Settings cannot be saved here.';
        if (problem) return problem;
        set({ extractsPerStep: count });
        previewer.schedule();
        return null;
      },
      makeMutableAndRerun: async () => {
        set({ flags: { ...get().flags, mutable: true }, alert: null });
        await get().rerun();
      },
      selectStep: (key) => {
        if (key !== null) set({ selectedSlot: null });
        source.selectNode(key);
      },
      selectSlot: (name) => {
        set({ selectedSlot: name });
        inspector.inspect();
      },
      openRun: (id) => set({ openedRunId: id }),
      dismissAlert: () => set({ alert: null }),
      refresh: async () => {
        const workflowId = source.activeWorkflowId();
        if (!workflowId) return;
        // Only the run records here: the cache and kept state load in the worker, on its first need.
        await workspace.load();
        if (workspace.settings) set({ extractsPerStep: workspace.settings().extractsPerStep });
        if (source.activeWorkflowId() !== workflowId) return;
        const history = workspace.listRuns(workflowId);
        set({ history });
        showLastRecordedRun(history[0]);
        client.post({ type: 'summarize', workflowId });
        previewer.refresh();
      },
      refreshPreview: () => previewer.refresh(),
      reloadCache: (workflowId) => {
        if (!client.started) return;
        client.post({ type: 'forget', workflowId });
        if (workflowId === get().workflowId) {
          client.post({ type: 'summarize', workflowId });
          previewer.refresh();
        }
      },
      dispose: () => {
        unsubscribe();
        previewer.cancel();
        client.terminate();
      },
    };
  });
  connect();
  return store;
}
