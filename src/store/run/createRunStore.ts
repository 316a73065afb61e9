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
import { NO_ROWS } from './rows';
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
  'fullValue',
  'tableRows',
  'storeFile',
  'setFlag',
  'makeMutableAndRerun',
  'selectSlot',
  'refresh',
  'refreshPreview',
  'reloadCache',
] as const satisfies readonly Exclude<keyof CoreActions, 'dispose'>[];

export function createRunStore(deps: RunDeps, source: RunCoreSource): RunStore {
  const { workspace } = deps;
  let core: RunCore | null = null;
  let loading: Promise<RunCore | null> | null = null;
  let disposed = false;
  const store = createStore<RunStoreState>()((set, get) => {
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
      openRun: (id) => set({ openedRunId: id }),
      dismissAlert: () => set({ alert: null }),
      dispose: () => {
        disposed = true;
        core?.actions.dispose();
      },
    };
  });
  const attach = (build: AttachRunCore): RunCore | null => {
    if (disposed) return null;
    return (core = build(store, deps));
  };
  function withCore(): Promise<RunCore | null> {
    if (core) return Promise.resolve(core);
    if ('attach' in source) return Promise.resolve(attach(source.attach));
    return (loading ??= source.load().then(attach));
  }
  if ('attach' in source) attach(source.attach);
  else void source.loadWhen.then(withCore);
  return store;
}
