/**
 * The sweep store: one workflow over many states, in up to `jobs` run workers at once (the
 * machine's cores less one, at least one). The steps that do not depend on what varies run once,
 * first, in one worker; the other workers start meanwhile and load the cache from the workspace
 * once those values are stored, so they skip them. Every worker's cache writes go through the
 * page's one merge (`extractMerge.ts`). A failing state fails its row alone; Cancel terminates
 * every worker. When a sweep ends the studio's own worker reloads the cache it now holds.
 */
import { createStore, type StoreApi } from 'zustand/vanilla';
import { runSweep, sharedSteps, sweepJobs } from '../../engine';
import type { RunWorkerFactory } from '../../worker/client';
import type { StateValues } from '../graph/types';
import type { RunWorkspace } from '../run/context';
import type { CompiledWorkflow } from '../run/source';
import type { RunFlags } from '../../persistence/types';
import { resolveEntries, type EntrySources } from './entries';
import { ExtractMerge } from './extractMerge';
import { PendingWrites, SweepLane } from './lane';
import type { SweepData, SweepEntry, SweepRow, SweepState } from './types';

export type SweepStore = StoreApi<SweepState>;

export interface SweepDeps {
  compile(): CompiledWorkflow;
  sources(): Omit<EntrySources, 'resolveState'>;
  resolveState(ref: string): Promise<StateValues>;
  workerFactory: RunWorkerFactory;
  workspace: RunWorkspace;
  /** The run settings a sweep uses: the cache flags and entries per step. */
  runSettings(): { flags: RunFlags; extractsPerStep: number };
  /** Logical processors (navigator.hardwareConcurrency). */
  concurrency(): number;
  /** Whether a run is in progress (a sweep waits for none). */
  running(): boolean;
  /** A sweep wrote the workspace's cache: the studio's own worker must read it again. */
  onFinished(workflowId: string): void;
  /** Flushes editors' text before the graph compiles. */
  beforeRun?(): void;
}

/** How long the other workers wait for the shared steps' values to be stored before they load the cache. */
const SHARED_WRITE_WAIT_MS = 10_000;

const IDLE: Omit<SweepData, 'maxJobs'> = {
  dialog: 'closed',
  phase: 'idle',
  workflowId: null,
  outputs: [],
  rows: [],
  jobs: 1,
  workers: 0,
  shared: [],
  opened: null,
};

const waitingRow = (entry: SweepEntry): SweepRow => ({ label: entry.label, status: 'waiting', cells: {}, ran: 0, skipped: 0 });

export function createSweepStore(deps: SweepDeps): SweepStore {
  let lanes: SweepLane[] = [];
  let controller: AbortController | null = null;

  return createStore<SweepState>()((set, get) => {
    const patchRow = (index: number, patch: Partial<SweepRow>) => set({ rows: get().rows.map((row, at) => (at === index ? { ...row, ...patch } : row)) });

    const stopLanes = (reason: string) => {
      for (const lane of lanes) lane.stop(reason);
      lanes = [];
      set({ workers: 0 });
    };

    /** What a sweep needs before it runs: its workers are made (and start loading) at once. */
    interface Prepared {
      compiled: CompiledWorkflow;
      entries: SweepEntry[];
      shared: string[];
      merge: ExtractMerge;
      writes: PendingWrites;
    }

    const prepare = (compiled: CompiledWorkflow, entries: SweepEntry[]): Prepared => {
      const { workflowId, workflow } = compiled;
      const jobs = sweepJobs(deps.concurrency() - 1, entries.length);
      const indices = sharedSteps(
        workflow,
        entries.map((entry) => entry.values),
      );
      const shared = [...indices].map((index) => workflow.steps[index]?.id ?? String(index));
      const merge = new ExtractMerge(deps.runSettings().extractsPerStep);
      const writes = new PendingWrites();
      lanes = Array.from({ length: jobs }, () => new SweepLane({ factory: deps.workerFactory, workspace: deps.workspace, workflowId, merge, writes }));
      for (const lane of lanes) lane.warm();
      set({ jobs, workers: lanes.length, shared });
      return { compiled, entries, shared, merge, writes };
    };

    const sweep = async ({ compiled, entries, shared, merge, writes }: Prepared, signal: AbortSignal) => {
      const { workflowId, workflow } = compiled;
      const { flags, extractsPerStep } = deps.runSettings();
      merge.load((await deps.workspace.valueRefsFor(workflowId)).extracts);
      const outputs = get().outputs;
      const base = { workflow, flags: { ...flags, mutable: false }, extractsPerStep };
      const outcomes = await runSweep({
        states: entries,
        jobs: get().jobs,
        hasShared: shared.length > 0,
        signal,
        runShared: async (first) => {
          await (lanes[0] as SweepLane).run({ ...base, initialState: first.values, only: shared });
          await writes.settled(SHARED_WRITE_WAIT_MS, signal);
        },
        runState: async (entry, index, laneNumber) => {
          const lane = lanes[laneNumber] as SweepLane;
          patchRow(index, { status: 'running' });
          const outcome = await lane.run({ ...base, initialState: entry.values });
          const cells = await lane.cells(outputs);
          patchRow(index, {
            status: outcome.ok ? 'done' : 'failed',
            cells,
            ran: outcome.ran,
            skipped: outcome.skipped,
            ...(outcome.error ? { error: outcome.error } : {}),
          });
        },
      });
      outcomes.forEach((outcome, index) => {
        if (outcome.ok) return;
        if (outcome.cancelled) patchRow(index, { status: 'cancelled' });
        else patchRow(index, { status: 'failed', error: outcome.error instanceof Error ? outcome.error.message : String(outcome.error) });
      });
    };

    return {
      ...IDLE,
      maxJobs: sweepJobs(deps.concurrency() - 1, Number.POSITIVE_INFINITY),
      openSetup: () => set({ dialog: get().phase === 'running' || get().rows.length ? 'results' : 'setup' }),
      close: () => set({ dialog: 'closed', opened: null }),
      newSweep: () => {
        if (get().phase === 'running') return;
        set({ ...IDLE, dialog: 'setup' });
      },
      openCell: (opened) => set({ opened }),

      start: async (request) => {
        if (get().phase === 'running') return 'A sweep is already running.';
        if (deps.running()) return 'A run is in progress: wait for it to end, or cancel it.';
        deps.beforeRun?.();
        let compiled: CompiledWorkflow;
        try {
          compiled = deps.compile();
        } catch (error) {
          return `The graph cannot run yet: ${(error as Error).message}`;
        }
        if (!request.outputs.length) return 'Choose at least one output to show.';
        const resolved = await resolveEntries(request, { ...deps.sources(), resolveState: deps.resolveState });
        if (!resolved.ok) return resolved.problem;
        const { entries } = resolved;
        const own = new AbortController();
        controller = own;
        set({ ...IDLE, dialog: 'results', phase: 'running', workflowId: compiled.workflowId, outputs: request.outputs, rows: entries.map(waitingRow) });
        void sweep(prepare(compiled, entries), own.signal)
          .catch((error: unknown) => {
            // The sweep itself failed (the workspace could not be read): every unfinished row says so.
            const message = error instanceof Error ? error.message : String(error);
            set({ rows: get().rows.map((row) => (row.status === 'waiting' || row.status === 'running' ? { ...row, status: 'failed', error: message } : row)) });
          })
          .finally(() => {
            if (controller !== own) return;
            controller = null;
            stopLanes('the sweep ended');
            if (get().phase === 'running') set({ phase: 'finished' });
            deps.onFinished(compiled.workflowId);
          });
        return null;
      },

      cancel: () => {
        if (get().phase !== 'running' || !controller) return;
        controller.abort();
        set({ phase: 'cancelled' });
        // A model in an endless loop hears no message: only terminating its worker stops it.
        stopLanes('the sweep was cancelled');
      },
    };
  });
}
