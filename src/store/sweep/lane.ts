/**
 * One run worker of a sweep, on the page's side: it runs the states it is given one after another
 * (its cache, loaded from the workspace at its first need, grows with each), answers the worker's
 * questions about the workspace, and records what it stores through the sweep's one merge.
 */
import type { JsonValue, WorkflowJSON } from '../../engine';
import type { RunFlags } from '../../persistence/types';
import type { RunWorkerFactory } from '../../worker/client';
import type { FromWorker, SweepCellValue } from '../../worker/protocol';
import type { RunWorkspace } from '../run/context';
import { WorkerClient } from '../run/workerClient';
import type { ExtractMerge } from './extractMerge';

/** Refs a sweep's workers are still writing: the shared steps' values must be readable before other workers load them. */
export class PendingWrites {
  private readonly refs = new Set<string>();
  private waiters: (() => void)[] = [];

  add(refs: readonly string[]): void {
    for (const ref of refs) this.refs.add(ref);
  }

  done(refs: readonly string[]): void {
    for (const ref of refs) this.refs.delete(ref);
    if (this.refs.size) return;
    const waiting = this.waiters;
    this.waiters = [];
    for (const resolve of waiting) resolve();
  }

  /**
   * Resolves when nothing is being written, after `timeoutMs` (a worker then reads what the page
   * has), or at once on an abort (terminated workers announce nothing more).
   */
  settled(timeoutMs: number, signal: AbortSignal): Promise<void> {
    if (!this.refs.size || signal.aborted) return Promise.resolve();
    return new Promise((resolve) => {
      const done = () => {
        clearTimeout(timer);
        signal.removeEventListener('abort', done);
        resolve();
      };
      const timer = setTimeout(done, timeoutMs);
      signal.addEventListener('abort', done);
      this.waiters.push(done);
    });
  }
}

export interface LaneDeps {
  factory: RunWorkerFactory;
  workspace: RunWorkspace;
  workflowId: string;
  merge: ExtractMerge;
  writes: PendingWrites;
}

export interface LaneRun {
  workflow: WorkflowJSON;
  initialState: Record<string, JsonValue>;
  flags: RunFlags;
  extractsPerStep: number;
  /** Only these steps (the shared ones). */
  only?: string[];
}

export interface StateOutcome {
  ok: boolean;
  error?: string;
  ran: number;
  skipped: number;
}

interface Current {
  runId: string;
  ran: number;
  skipped: number;
  resolve(outcome: StateOutcome): void;
  reject(error: Error): void;
}

export class SweepLane {
  private readonly client: WorkerClient;
  private current: Current | null = null;
  /** Numbers this lane's runs, so a reply is matched to the run that asked (each lane has its own worker). */
  private runs = 0;

  constructor(private readonly deps: LaneDeps) {
    this.client = new WorkerClient(deps.factory, {
      onPush: (message) => this.receive(message),
      onCrash: (message) => this.fail(new Error(`the run worker stopped: ${message}`)),
    });
  }

  /** Starts the worker now, so it loads the models while others run. */
  warm(): void {
    this.client.post({ type: 'forget', workflowId: this.deps.workflowId });
  }

  run(run: LaneRun): Promise<StateOutcome> {
    const runId = `sweep-${++this.runs}`;
    const outcome = new Promise<StateOutcome>((resolve, reject) => (this.current = { runId, ran: 0, skipped: 0, resolve, reject }));
    this.client.post({
      type: 'run',
      runId,
      kind: 'run',
      workflowId: this.deps.workflowId,
      workflow: { ...run.workflow, modelInputs: {}, modelOutputs: {} },
      initialState: run.initialState,
      flags: run.flags,
      extractsPerStep: run.extractsPerStep,
      ...(run.only ? { only: run.only } : {}),
    });
    return outcome;
  }

  async cells(slots: string[]): Promise<Record<string, SweepCellValue>> {
    const answer = await this.client.request({ type: 'sweep-cells', workflowId: this.deps.workflowId, slots });
    if (answer === 'stale' || answer.type === 'sweep-cells-failed') throw new Error(answer === 'stale' ? 'the results were not read' : answer.message);
    return answer.cells;
  }

  /** Terminates the worker at once (even inside an endless model); a state in progress fails with `reason`. */
  stop(reason: string): void {
    this.client.terminate(reason);
    this.fail(new Error(reason));
  }

  private fail(error: Error): void {
    const current = this.current;
    this.current = null;
    current?.reject(error);
  }

  private receive(message: Exclude<FromWorker, { requestId: number }>): void {
    const { workspace, workflowId } = this.deps;
    switch (message.type) {
      case 'need-workspace':
        return void workspace.valueRefsFor(message.workflowId).then(
          ({ extracts, lastState, texts, location }) =>
            this.client.post({ type: 'workspace-data', workflowId: message.workflowId, extracts, lastState, texts, location }),
          (error: unknown) =>
            this.client.post({ type: 'workspace-data', workflowId, extracts: [], lastState: null, texts: [], location: null, error: String(error) }),
        );
      case 'persist-extracts':
        this.deps.writes.add(message.writing);
        return workspace.putExtractRefs(message.workflowId, this.deps.merge.merge(message.extracts), message.texts, message.writing);
      case 'values-stored':
        workspace.valuesStored(message.refs, message.failed);
        return this.deps.writes.done([...message.refs, ...message.failed.map(([ref]) => ref)]);
      case 'event': {
        const current = this.current;
        if (!current || message.runId !== current.runId || message.event.type !== 'end') return;
        if (message.event.status === 'ran') current.ran++;
        if (message.event.status === 'skipped') current.skipped++;
        return;
      }
      case 'done':
      case 'failed': {
        const current = this.current;
        if (!current || message.runId !== current.runId) return;
        this.current = null;
        const error = message.type === 'failed' ? message.message : message.error?.message;
        current.resolve({ ok: message.type === 'done' && message.outcome === 'ok', ran: current.ran, skipped: current.skipped, ...(error ? { error } : {}) });
        return;
      }
      default:
        return;
    }
  }
}
