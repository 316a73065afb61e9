/**
 * The run store's shell: the state the canvas and the run panel read, and the actions that need
 * no worker. What runs the workflow (the worker client, the previews, the inspection, the reading
 * of the run history; `runCore.ts`) is attached given at once (tests, benchmarks) or loaded by
 * {@link RunCoreSource} (the browser: after the editor's first paint, or at the first action
 * that needs it); actions called before it is there wait for it, in order.
 */
import { createStore, type StoreApi } from 'zustand/vanilla';
import { DEFAULT_SETTINGS } from '../../persistence/db/settings';
import type { RunDeps } from './context';
import type { RunRecord } from '../../persistence/types';
import { NO_ROWS, rowsFromRecord } from './rows';
import type { CompiledWorkflow } from './source';
import type { RunCore, attachRunCore, CoreActions } from './runCore';
import type { RunData, RunStoreState } from './types';

export type RunStore = StoreApi<RunStoreState>;

export type AttachRunCore = typeof attachRunCore;

/** The core now (tests), or its loader and the moment to load it unasked (the browser's first paint). */
export type RunCoreSource = { attach: AttachRunCore } | { load: () => Promise<AttachRunCore>; loadWhen: Promise<void> };

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
  summariesPending: false,
  cacheCleared: false,
};

/** What a workflow switch resets. */
const PER_WORKFLOW: Partial<RunData> = {
  ...NO_ROWS,
  summariesPending: false,
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

/** Every core action before the core is there: waits for it, then calls the core's own (it replaced this in the store). */
const CORE_ACTIONS = [
  'run',
  'rerun',
  'runTo',
  'cancel',
  'clearCache',
  'clearCacheOf',
  'showValues',
  'exportValue',
  'tableRows',
  'storeFile',
  'exportWorkflowParts',
  'readImport',
  'commitImport',
  'setFlag',
  'makeMutableAndRerun',
  'selectSlot',
  'refreshPreview',
  'reloadCache',
] as const satisfies readonly Exclude<keyof CoreActions, 'dispose'>[];

export function createRunStore(deps: RunDeps, source: RunCoreSource): RunStore {
  const { workspace } = deps;
  let core: RunCore | null = null;
  let loading: Promise<RunCore | null> | null = null;
  let disposed = false;
  /** The workflow whose history the last refresh read (the core, once there, asks the worker for the rest). */
  let refreshedFor: string | null = null;
  const store = createStore<RunStoreState>()((set, get) => {
    /** After a reload the panel and the nodes show the last recorded run's rows (marked as from history) rather than "No run yet". */
    const showLastRecordedRun = (record: RunRecord | undefined) => {
      if (!record || get().phase === 'running' || get().steps.length) return;
      let compiled: CompiledWorkflow;
      try {
        compiled = deps.source.compile();
      } catch {
        return;
      }
      if (compiled.workflowId !== record.workflowId) return;
      // Their results come with the worker's summaries of the cache, asked for once the core is there.
      set({ ...rowsFromRecord(record, compiled), rowsFromHistory: true, summariesPending: true, runSignature: null, graphChanged: false });
    };
    const waiting = Object.fromEntries(
      CORE_ACTIONS.map((name) => [
        name,
        (...args: unknown[]) => withCore().then((loaded) => (loaded ? (get()[name] as (...a: unknown[]) => unknown)(...args) : undefined)),
      ]),
    ) as unknown as Pick<CoreActions, (typeof CORE_ACTIONS)[number]>;
    return {
      ...INITIAL,
      ...waiting,
      applyCacheBudget: () => {
        if (get().phase === 'running' || !workspace.keepCacheWithinBudget) return 0;
        const workflowId = get().workflowId ?? deps.source.activeWorkflowId();
        const evicted = workspace.keepCacheWithinBudget(workflowId);
        if (!evicted.length) return 0;
        void withCore().then((loaded) => loaded?.evicted(evicted, workflowId));
        return evicted.length;
      },
      setExtractsPerStep: (count) => {
        const problem = workspace.changeSettings ? workspace.changeSettings({ extractsPerStep: count }) : 'Settings cannot be saved here.';
        if (problem) return problem;
        set({ extractsPerStep: count });
        // Without the core yet, its first preview reads the new setting.
        core?.schedulePreview();
        return null;
      },
      selectStep: (key) => {
        if (key !== null) set({ selectedSlot: null });
        deps.source.selectNode(key);
      },
      // Here, not in the core: the history a reload shows is on the nodes at the editor's first paint.
      refresh: async () => {
        const workflowId = deps.source.activeWorkflowId();
        if (!workflowId) return;
        // Only the run records here: the cache and kept state load in the worker, on its first need.
        await workspace.load();
        if (workspace.settings) set({ extractsPerStep: workspace.settings().extractsPerStep });
        if (deps.source.activeWorkflowId() !== workflowId) return;
        const history = workspace.listRuns(workflowId);
        set({ history });
        showLastRecordedRun(history[0]);
        refreshedFor = workflowId;
        core?.refreshed(workflowId);
      },
      openRun: (id) => set({ openedRunId: id }),
      dismissAlert: () => set({ alert: null }),
      dispose: () => {
        disposed = true;
        unsubscribe();
        core?.actions.dispose();
      },
    };
  });
  const attach = (build: AttachRunCore): RunCore | null => {
    if (disposed) return null;
    core = build(store, deps);
    // Read before the core was there: the worker's summaries and the preview now.
    if (refreshedFor !== null && refreshedFor === deps.source.activeWorkflowId()) core.refreshed(refreshedFor);
    return core;
  };
  function withCore(): Promise<RunCore | null> {
    if (core) return Promise.resolve(core);
    if ('attach' in source) return Promise.resolve(attach(source.attach));
    return (loading ??= source.load().then(attach));
  }
  const onSourceChange = () => {
    const workflowId = deps.source.activeWorkflowId();
    if (workflowId === store.getState().workflowId) return;
    store.setState({ ...PER_WORKFLOW, workflowId });
    void store.getState().refresh();
  };
  const unsubscribe = deps.source.subscribe(onSourceChange);
  onSourceChange();
  if ('attach' in source) attach(source.attach);
  else void source.loadWhen.then(withCore);
  return store;
}
