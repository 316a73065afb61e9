/**
 * One run from start to finish: compile, post to the worker, fold its planned/event/done messages
 * into the rows, record the run in the history. The run in flight lives in this closure.
 */
import type { RunRecord } from '../../persistence/types';
import type { RunKind, StateSummary, WireEvent } from '../../worker/protocol';
import { openStepKey, type RunContext } from './context';
import type { Inspector } from './inspection';
import type { Previewer } from './preview';
import { NO_ROWS, applyEvents, failedPlace, finishedRows, plannedRows, recordedSteps, runningPlace, signatureOf, uncachedLost } from './reducer';
import type { CompiledWorkflow } from './source';
import type { RunData } from './types';
import type { RunMessage } from './runMessages';
import { describeRunError, describeStepPlace } from './words';

interface ActiveRun {
  id: string;
  kind: RunKind;
  workflowId: string;
  startedAt: number;
  flags: RunData['flags'];
  settle: () => void;
}

export interface RunLifecycle {
  start(kind: RunKind, target?: string): Promise<void>;
  onMessage(message: RunMessage): void;
  /** A batch of the run's engine events (those of one frame), applied as one update. */
  onEvents(runId: string, events: readonly WireEvent[]): void;
  /** Stops the run in flight (terminating the worker) and records it as cancelled. */
  cancel(): void;
  /** The worker died: the run in flight ends in an error. */
  crashed(message: string): void;
}

/** A task of its own, after what is queued (the page's frames among them). */
const nextTask = (work: () => void) => void setTimeout(work, 0);

const newRunId = () => (globalThis.crypto?.randomUUID ? globalThis.crypto.randomUUID() : `run-${Date.now()}-${Math.random().toString(36).slice(2)}`);

export function createRunLifecycle({ set, get, deps, client }: RunContext, inspector: Inspector, previewer: Previewer): RunLifecycle {
  const { source, workspace } = deps;
  let active: ActiveRun | null = null;

  const compile = (): CompiledWorkflow | null => {
    try {
      return source.compile();
    } catch (error) {
      set({ alert: { tone: 'error', message: `The graph cannot run yet: ${(error as Error).message}`, offers: [] } });
      return null;
    }
  };

  /**
   * The history with the run just recorded: the one shown and this run at its head, cut to the runs
   * the workspace keeps, rather than every kept run read and parsed again (a run's end at 2,000
   * steps). Read again when the one shown is not this workflow's, or empty (not read yet).
   */
  const historyWith = (shown: readonly RunRecord[], record: RunRecord): RunRecord[] => {
    const keep = workspace.settings?.().runsPerWorkflow;
    if (keep === undefined || !shown.length || shown.some((past) => past.workflowId !== record.workflowId || past.startedAt > record.startedAt))
      return workspace.listRuns(record.workflowId);
    return [record, ...shown.filter((past) => past.id !== record.id)].slice(0, keep);
  };

  /**
   * Ends the active run; an outcome of null means it never started (nothing recorded). A run that
   * did is ended over three tasks, so no one task holds the page's thread for all of a big run's
   * end (2,000 steps: its rows drawn, its record written, the cache budget checked): the final rows
   * now, the record and "idle" next, the budget last; the run's promise settles after all three.
   * Nothing can interleave that changes the run: it is no longer active (a cancel or a crash finds
   * none) and the phase stays "running" until it is recorded (no new run starts).
   */
  const finish = (outcome: RunRecord['outcome'] | null, state: StateSummary | null, error?: string) => {
    const run = active;
    if (!run) return;
    active = null;
    if (outcome === null) {
      set({ phase: 'idle', progress: null });
      run.settle();
      previewer.schedule();
      return;
    }
    const rows = finishedRows(get(), outcome);
    const record: RunRecord = {
      id: run.id,
      workflowId: run.workflowId,
      kind: run.kind,
      startedAt: run.startedAt,
      endedAt: Date.now(),
      flags: run.flags,
      outcome,
      steps: recordedSteps(rows),
      ...(error ? { error } : {}),
    };
    set({ ...rows, ...(state ? { lastState: state } : {}) });
    nextTask(() => {
      workspace.addRun(record);
      set({ phase: 'idle', progress: null, history: historyWith(get().history, record) });
      nextTask(() => {
        // After the record: the entries this run used are its last run's, which the budget keeps.
        get().applyCacheBudget();
        if (get().selectedSlot !== null) inspector.inspect();
        run.settle();
        previewer.schedule();
      });
    });
  };

  const onDone = (run: ActiveRun, message: Extract<RunMessage, { type: 'done' }>) => {
    const place = failedPlace(get());
    const error = message.error;
    if (message.outcome === 'error' && error) {
      const offers = error.kind === 'immutable-post' ? (['make-mutable-and-rerun', 'run-fresh'] as const) : [];
      set({ alert: { tone: 'error', message: describeRunError(error, place), offers: [...offers], ...(place ? { stepKey: place.key } : {}) } });
    }
    workspace.putLastStateRefs(run.workflowId, message.persist, message.texts, message.writing);
    set({ lastState: message.state });
    finish(message.outcome, message.state, error ? describeRunError(error, place) : undefined);
  };

  return {
    start: async (kind, target) => {
      if (get().phase === 'running') return;
      const blocked = deps.runBlocked?.();
      if (blocked) return void set({ alert: { tone: 'info', message: blocked, offers: [] } });
      deps.beforeRun?.();
      const compiled = compile();
      if (!compiled) return;
      const { flags } = get();
      const id = newRunId();
      const done = new Promise<void>((resolve) => {
        active = { id, kind, workflowId: compiled.workflowId, startedAt: Date.now(), flags: { ...flags }, settle: resolve };
      });
      previewer.cancel();
      set({
        ...NO_ROWS,
        phase: 'running',
        workflowId: compiled.workflowId,
        alert: null,
        progress: { done: 0, total: compiled.workflow.steps.length, runningKey: null, modelFraction: null, modelMessage: null },
        previewByStep: {},
        runSignature: signatureOf(compiled),
        graphChanged: false,
        rowsFromHistory: false,
        summariesPending: false,
        cacheCleared: false,
        valueView: 'run',
      });
      client.post({
        type: 'run',
        runId: id,
        kind,
        workflowId: compiled.workflowId,
        workflow: { ...compiled.workflow, modelInputs: {}, modelOutputs: {} },
        initialState: compiled.state,
        flags,
        extractsPerStep: get().extractsPerStep,
        ...(target === undefined ? {} : { target }),
      });
      await done;
    },

    onMessage: (message) => {
      const run = active;
      if (!run || message.runId !== run.id) return;
      switch (message.type) {
        case 'planned': {
          const progress = get().progress;
          const included = message.steps.filter((step) => step.included).length;
          return set({ ...plannedRows(message.steps), progress: progress && { ...progress, total: included } });
        }
        case 'done':
          return onDone(run, message);
        case 'failed':
          if (message.nothingToRerun) {
            set({
              alert: {
                tone: 'info',
                message: 'Nothing to rerun yet: Run the workflow once first, then Rerun replays it against the state it left.',
                offers: ['run-fresh'],
              },
            });
            return finish(null, null);
          }
          set({ alert: { tone: 'error', message: `The run could not start: ${message.message}`, offers: [] } });
          return finish('error', null, message.message);
      }
    },

    onEvents: (runId, events) => {
      if (!active || runId !== active.id) return;
      const state = get();
      const { rows, progress, extracts } = applyEvents(state, state.progress, events);
      const wrote = Object.keys(extracts).length > 0;
      set({ ...rows, progress, ...(wrote ? { cache: { ...state.cache, ...extracts } } : {}) });
      // The open step has this run's values now: show them.
      const open = openStepKey(deps);
      if (open !== null && events.some((event) => event.type === 'end' && event.key === open)) inspector.inspect();
    },

    cancel: () => {
      if (!active) return;
      // An endless model cannot hear a message: only terminating the worker stops it. The next
      // worker reads the cache back from the workspace, where each finished step was persisted.
      const place = runningPlace(get());
      client.terminate('the run was cancelled');
      // The worker held the values the cache did not take; they went with it.
      set(uncachedLost(get()));
      set({
        alert: {
          tone: 'info',
          message: place ? `Run cancelled during ${describeStepPlace(place)}: its state and cache are as they were.` : 'Run cancelled.',
          offers: [],
          ...(place ? { stepKey: place.key } : {}),
        },
      });
      finish('cancelled', null, 'cancelled');
      inspector.inspect();
    },

    crashed: (message) => {
      set({ ...uncachedLost(get()), alert: { tone: 'error', message: `The run worker stopped: ${message}`, offers: [] } });
      if (active) finish('error', null, message);
    },
  };
}
