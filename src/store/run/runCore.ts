/**
 * What the run store does (`createRunStore.ts` is its shell, in the editor's first paint): it runs
 * the active workflow in a Web Worker and fills the store with what the canvas and the run panel
 * show — step rows, previews, progress, the cache's summaries, the kept state and the run history.
 * Attached once per store; its worker, timers and the run in flight live in its closures. The
 * browser loads this after the editor's first paint (or at the first action, whichever is first).
 */
import type { ExtractKey } from '../../persistence/types';
import { openStepKey, type RunContext, type RunDeps } from './context';
import { createInbox, type FrameScheduler } from './inbox';
import { createInspector } from './inspection';
import type { RunLifecycle } from './lifecycle';
import { createPreviewer } from './preview';
import type { RunKind } from '../../worker/protocol';
import type { RunActions } from './types';
import { isRunMessage } from './runMessages';
import { WorkerClient } from './workerClient';
import { createWorkspaceBridge, isBridgeMessage } from './workspaceBridge';
import type { RunStore } from './createRunStore';

const nextTask: FrameScheduler = (flush) => void setTimeout(flush, 0);

/** The actions the core does; the shell keeps the rest (they need no worker and answer at once). */
export type CoreActions = Omit<RunActions, 'applyCacheBudget' | 'setExtractsPerStep' | 'selectStep' | 'openRun' | 'dismissAlert' | 'refresh'>;

export interface RunCore {
  actions: CoreActions;
  /** Recomputes the preview soon (a setting changed). */
  schedulePreview(): void;
  /** The workspace dropped these cache entries (its budget): the worker forgets them too. */
  evicted(entries: ExtractKey[], workflowId: string | null): void;
  /** The shell read the workflow's run history (it opened, or a refresh): the worker's summaries and the preview follow. */
  refreshed(workflowId: string): void;
}

/** Builds the core over the shell's store and starts following the editor's graph. */
export function attachRunCore(store: RunStore, deps: RunDeps): RunCore {
  const { setState: set, getState: get } = store;
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
          set({ cache: Object.fromEntries(message.extracts.map((entry) => [entry.stepKey, entry])), lastState: message.state, summariesPending: false });
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

  let lastOpenStep: string | null = null;
  // A workflow switch (its reset and history) is the shell's; the selection and the preview are here.
  const onSourceChange = () => {
    const openStep = openStepKey(deps);
    if (openStep !== lastOpenStep) {
      lastOpenStep = openStep;
      if (openStep !== null && get().selectedSlot !== null) set({ selectedSlot: null });
      inspector.inspect();
    }
    previewer.schedule();
  };

  const actions: CoreActions = {
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
    storeFile: async (file, name, mediaType) => {
      const reply = await client.request({ type: 'store-file', file, name, mediaType, location: workspace.valueLocation ?? null });
      if (reply === 'stale') throw new Error(`the file “${name}” was not stored`);
      if (reply.type === 'file-failed') throw new Error(reply.message);
      if (reply.texts.length) workspace.keepFileTexts?.(reply.texts);
      return reply.file;
    },
    exportWorkflowParts: async (workflowId, files, includeCache, inlineBelow) => {
      const reply = await client.request({ type: 'export-workflow', workflowId, files, includeCache, inlineBelow });
      if (reply === 'stale') throw new Error('the export was not made');
      if (reply.type === 'workflow-export-failed') throw new Error(reply.message);
      return { cache: reply.cache, files: new Map(reply.files), missingFiles: reply.missingFiles };
    },
    readImport: async (source) => {
      const reply = await client.request({ type: 'read-import', source });
      if (reply === 'stale') throw new Error('the file was not read');
      if (reply.type === 'import-read-failed') throw new Error(reply.message);
      return { token: reply.token, read: reply.read };
    },
    commitImport: async (token, refs) => {
      const reply = await client.request({ type: 'commit-import', token, refs, location: workspace.valueLocation ?? null });
      if (reply === 'stale') throw new Error('the import was not stored');
      if (reply.type === 'import-commit-failed') throw new Error(reply.message);
      return reply.texts;
    },
    setFlag: (flag, value) => {
      set({ flags: { ...get().flags, [flag]: value } });
      previewer.schedule();
    },
    makeMutableAndRerun: async () => {
      set({ flags: { ...get().flags, mutable: true }, alert: null });
      await get().rerun();
    },
    selectSlot: (name) => {
      set({ selectedSlot: name });
      inspector.inspect();
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
  // `dispose` stays the shell's, which calls this one.
  const { dispose: _dispose, ...inStore } = actions;
  set(inStore);
  const unsubscribe = source.subscribe(onSourceChange);
  onSourceChange();
  return {
    refreshed: (workflowId) => {
      client.post({ type: 'summarize', workflowId });
      previewer.refresh();
    },
    actions,
    schedulePreview: () => previewer.schedule(),
    evicted: (entries, workflowId) => {
      client.post({ type: 'forget-extracts', entries });
      if (workflowId && entries.some((entry) => entry.workflowId === workflowId)) {
        client.post({ type: 'summarize', workflowId });
        previewer.schedule();
      }
    },
  };
}
