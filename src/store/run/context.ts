/** What the run store's parts share: zustand's set/get, its dependencies and the worker client. */
import type { StoreApi } from 'zustand/vanilla';
import type { RunHistory, ValueRefs } from '../../persistence/ports';
import type { ExtractKey, ValueTexts, WorkspaceSettings } from '../../persistence/types';
import type { ValueLocation } from '../../persistence/values';
import type { RunWorkerFactory } from '../../worker/client';
import type { FrameScheduler } from './inbox';
import type { RunSource } from './source';
import type { RunStoreState } from './types';
import type { WorkerClient } from './workerClient';

/** The workspace as the run store sees it: run records and values by ref. */
export interface RunWorkspace extends RunHistory, ValueRefs {
  /** Resolves once the workspace is loaded (run records readable). */
  load(): Promise<void>;
  /** The workspace's settings (cache entries per step); without them, the app's defaults. */
  settings?(): WorkspaceSettings;
  /** Null when stored, else why not in words. */
  changeSettings?(change: Partial<WorkspaceSettings>): string | null;
  /** Drops cache entries beyond the budget, never those the open workflow's last run used; returns them. */
  keepCacheWithinBudget?(openWorkflowId: string | null): ExtractKey[];
  /** Where the run worker stores a loaded file itself; absent or null: it sends the text back. */
  readonly valueLocation?: ValueLocation | null;
  /** Keeps the texts of files the worker could not store, for the next save. */
  keepFileTexts?(texts: ValueTexts): void;
}

export interface RunDeps {
  /** The editor's compiled graph and node selection. */
  source: RunSource;
  workerFactory: RunWorkerFactory;
  workspace: RunWorkspace;
  /** Delay before a preview after a change, so typing does not send one per key (ms). */
  previewDelayMs?: number;
  /** When the worker's gathered messages are applied (the browser: the next frame); default: the next task. */
  scheduleFrame?: FrameScheduler;
  /** Called before each run compiles the graph: editors commit the text they still hold. */
  beforeRun?: () => void;
  /** Why a run may not start now (a sweep is writing the cache), or null. */
  runBlocked?: () => string | null;
}

export interface RunContext {
  set: StoreApi<RunStoreState>['setState'];
  get: () => RunStoreState;
  deps: RunDeps;
  client: WorkerClient;
}

/** The step open in the viewer: the graph's one selected node. */
export const openStepKey = (deps: RunDeps): string | null => deps.source.selectedNodeId();
