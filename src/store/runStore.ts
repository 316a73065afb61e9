/**
 * The run store: runs the active workflow in a Web Worker and holds what the canvas and the run
 * panel show — per-step status and preview, progress, the cached extracts, the kept state and the
 * run history. Vanilla zustand, so tests drive it without React (see `configureRunStore`).
 */
import { createStore } from 'zustand/vanilla';
import { useStore } from 'zustand';
import { decodeValue, encodeValue, type Extract, type ExtractJSON, type StateJSON } from '../engine';
import type { RunRecord, StepRunRecord, StepRunStatus, StoredExtract } from '../persistence/types';
import type { FromWorker, PlannedStep, RunFlags, RunKind, WireEvent, WireExtract, WireStepError } from '../worker/protocol';
import type { RunWorkerFactory, RunWorkerPort } from '../worker/client';
// The model library teaches the value codec its types (the table), which extracts decode into.
import '../models';
import { workspaceStore, type WorkspaceStoreState } from './workspaceStore';
import type { CompiledWorkflow, RunSource } from './runSource';
import { describeDecision, describeReason, describeRunError } from './runWords';

export type StepDisplayStatus = StepRunStatus | 'pending' | 'running' | 'idle';
export type { RunFlags };

/** What a run would do with a step, shown on its node before a run. */
export interface StepPreview {
  willSkip: boolean;
  /** In words: "cached: will be skipped", "will run: input changed: "b"", … */
  reason: string;
}

/** One row of the run panel, in execution order. */
export interface StepRow extends PlannedStep {
  status: StepDisplayStatus;
  durationMs: number | null;
  /** Why it ran, in words. */
  reason: string | null;
  /** The input fields that changed since the cached input, when that is why it ran. */
  changedFields: string[];
  error: string | null;
}

export interface RunProgress {
  done: number;
  total: number;
  runningKey: string | null;
  /** The running model's own progress, 0..1, when it reports one. */
  modelFraction: number | null;
  modelMessage: string | null;
}

export type AlertOffer = 'make-mutable-and-rerun' | 'run-fresh';

export interface RunAlert {
  tone: 'error' | 'info';
  message: string;
  offers: AlertOffer[];
}

export interface RunStoreState {
  flags: RunFlags;
  phase: 'idle' | 'running';
  workflowId: string | null;
  steps: StepRow[];
  /** By step id (= node id). */
  statusByStep: Record<string, StepDisplayStatus>;
  previewByStep: Record<string, StepPreview>;
  progress: RunProgress | null;
  alert: RunAlert | null;
  /** The active workflow's cached extracts, by step key. */
  extracts: Record<string, StoredExtract>;
  /** Cached inputs as they were before the last run, for "what changed". */
  previousInputs: Record<string, Extract>;
  /** The state the last run left (codec-encoded). */
  lastState: StateJSON | null;
  history: RunRecord[];
  selectedStepKey: string | null;
  openedRunId: string | null;

  run(): Promise<void>;
  rerun(): Promise<void>;
  /** Runs only `stepId` and the steps it needs. */
  runTo(stepId: string): Promise<void>;
  cancel(): void;
  /** Clears the cached extracts of one step, or of the whole active workflow. */
  clearCache(stepId?: string): void;
  setFlag(flag: keyof RunFlags, value: boolean): void;
  makeMutableAndRerun(): Promise<void>;
  selectStep(key: string | null): void;
  openRun(id: string | null): void;
  dismissAlert(): void;
  /** Reloads extracts, kept state and history for the active workflow; recomputes the preview. */
  refresh(): Promise<void>;
  refreshPreview(): void;
}

interface Wiring {
  source: RunSource | null;
  workerFactory: RunWorkerFactory | null;
  workspace: () => WorkspaceStoreState;
  previewDelayMs: number;
}

const wiring: Wiring = { source: null, workerFactory: null, workspace: () => workspaceStore.getState(), previewDelayMs: 150 };
let runWorker: RunWorkerPort | null = null;
let previewWorker: RunWorkerPort | null = null;
let previewRequest = 0;
let previewTimer: ReturnType<typeof setTimeout> | null = null;
let unsubscribeSource: (() => void) | null = null;

interface ActiveRun {
  id: string;
  kind: RunKind;
  workflowId: string;
  startedAt: number;
  flags: RunFlags;
  settle: () => void;
}
let active: ActiveRun | null = null;

/** A wire copy of each stored extract, made once (encoding a large table is not free). */
const wireCopies = new WeakMap<StoredExtract, WireExtract>();

function toWire(entry: StoredExtract): WireExtract {
  let wire = wireCopies.get(entry);
  if (!wire) {
    const encode = (extract: Extract): ExtractJSON => ({ model: extract.model, version: extract.version, ...(extract.at === undefined ? {} : { at: extract.at }), value: encodeValue(extract.value) });
    wire = { stepKey: entry.stepKey, input: encode(entry.input), output: encode(entry.output) };
    wireCopies.set(entry, wire);
  }
  return wire;
}

function fromWire(stepKey: string, wire: { input: ExtractJSON; output: ExtractJSON; inputHash: string }): StoredExtract {
  const decode = (json: ExtractJSON): Extract => ({ model: json.model, version: json.version, ...(json.at === undefined ? {} : { at: json.at }), value: decodeValue(json.value) });
  const stored: StoredExtract = { stepKey, input: decode(wire.input), output: decode(wire.output), inputHash: wire.inputHash };
  wireCopies.set(stored, { stepKey, input: wire.input, output: wire.output });
  return stored;
}

const newId = () => (globalThis.crypto?.randomUUID ? globalThis.crypto.randomUUID() : `run-${Date.now()}-${Math.random().toString(36).slice(2)}`);

/**
 * Wires the store: where graphs come from, how workers are made, and (tests) the workspace.
 * Call again to rewire; the default worker factory is the browser's (set by `runGraphLink`).
 */
export function configureRunStore(options: { source?: RunSource | null; workerFactory?: RunWorkerFactory; workspace?: () => WorkspaceStoreState; previewDelayMs?: number }): void {
  if (options.workerFactory) {
    runWorker?.terminate();
    previewWorker?.terminate();
    runWorker = previewWorker = null;
    wiring.workerFactory = options.workerFactory;
  }
  if (options.workspace) wiring.workspace = options.workspace;
  if (options.previewDelayMs !== undefined) wiring.previewDelayMs = options.previewDelayMs;
  if (options.source !== undefined) {
    unsubscribeSource?.();
    unsubscribeSource = null;
    wiring.source = options.source;
    if (options.source) unsubscribeSource = options.source.subscribe(onSourceChange);
    onSourceChange();
  }
}

function onSourceChange(): void {
  const source = wiring.source;
  const workflowId = source?.activeWorkflowId() ?? null;
  const state = runStore.getState();
  const selected = source?.selectedNodeId() ?? null;
  if (selected !== state.selectedStepKey) runStore.setState({ selectedStepKey: selected });
  if (workflowId !== state.workflowId) {
    runStore.setState({ workflowId, steps: [], statusByStep: {}, previewByStep: {}, extracts: {}, previousInputs: {}, lastState: null, history: [], alert: null, progress: null, openedRunId: null });
    void state.refresh();
    return;
  }
  schedulePreview();
}

function schedulePreview(): void {
  if (previewTimer !== null) clearTimeout(previewTimer);
  previewTimer = setTimeout(() => {
    previewTimer = null;
    runStore.getState().refreshPreview();
  }, wiring.previewDelayMs);
}

function makeWorker(onMessage: (message: FromWorker) => void): RunWorkerPort {
  if (!wiring.workerFactory) throw new Error('the run store has no worker factory: call configureRunStore first');
  return wiring.workerFactory(onMessage, (message) => {
    runStore.setState({ alert: { tone: 'error', message: `The run worker stopped: ${message}`, offers: [] } });
    if (active) finishRun('error', null, message);
  });
}

function getRunWorker(): RunWorkerPort {
  runWorker ??= makeWorker(onRunMessage);
  return runWorker;
}

function compile(): CompiledWorkflow | null {
  const source = wiring.source;
  if (!source) {
    runStore.setState({ alert: { tone: 'error', message: 'There is no workflow to run: open or create one first.', offers: [] } });
    return null;
  }
  try {
    return source.compile();
  } catch (error) {
    runStore.setState({ alert: { tone: 'error', message: `The graph cannot run yet: ${(error as Error).message}`, offers: [] } });
    return null;
  }
}

function setRows(update: (rows: StepRow[]) => StepRow[]): void {
  const steps = update(runStore.getState().steps);
  const statusByStep: Record<string, StepDisplayStatus> = {};
  for (const row of steps) statusByStep[row.key] = row.status;
  runStore.setState({ steps, statusByStep });
}

const patchRow = (key: string, patch: Partial<StepRow>) => setRows((rows) => rows.map((row) => (row.key === key ? { ...row, ...patch } : row)));

async function start(kind: RunKind, target?: string): Promise<void> {
  const store = runStore.getState();
  if (store.phase === 'running') return;
  const compiled = compile();
  if (!compiled) return;
  const workspace = wiring.workspace();
  const { flags } = store;
  let stateValues = compiled.state;
  if (kind === 'rerun') {
    const kept = await workspace.getLastState(compiled.workflowId);
    if (!kept) {
      runStore.setState({ alert: { tone: 'info', message: 'Nothing to rerun yet: Run the workflow once first, then Rerun replays it against the state it left.', offers: ['run-fresh'] } });
      return;
    }
    stateValues = kept.values;
  }
  const stored = await workspace.getExtracts(compiled.workflowId);
  const extracts: Record<string, StoredExtract> = {};
  for (const entry of stored) extracts[entry.stepKey] = entry;
  const previousInputs: Record<string, Extract> = {};
  for (const entry of stored) previousInputs[entry.stepKey] = entry.input;

  const id = newId();
  const done = new Promise<void>((resolve) => {
    active = { id, kind, workflowId: compiled.workflowId, startedAt: Date.now(), flags: { ...flags }, settle: resolve };
  });
  runStore.setState({
    phase: 'running',
    workflowId: compiled.workflowId,
    extracts,
    previousInputs,
    alert: null,
    progress: { done: 0, total: compiled.workflow.steps.length, runningKey: null, modelFraction: null, modelMessage: null },
    previewByStep: {},
  });
  setRows(() => []);
  getRunWorker().post({
    type: 'run',
    runId: id,
    kind,
    workflow: { ...compiled.workflow, modelInputs: {}, modelOutputs: {} },
    extracts: stored.map(toWire),
    state: { mutable: flags.mutable, values: stateValues },
    flags,
    ...(target === undefined ? {} : { target }),
  });
  await done;
}

function onRunMessage(message: FromWorker): void {
  if (!active || !('runId' in message) || message.runId !== active.id) return;
  switch (message.type) {
    case 'planned': {
      const included = message.steps.filter((step) => step.included).length;
      setRows(() => message.steps.map((step) => ({ ...step, status: step.included ? 'pending' : 'not-run', durationMs: null, reason: step.included ? null : 'not needed for this step', changedFields: [], error: null })));
      const progress = runStore.getState().progress;
      if (progress) runStore.setState({ progress: { ...progress, total: included } });
      return;
    }
    case 'event':
      return onEvent(message.event);
    case 'done':
      if (message.outcome === 'error' && message.error) markFailure(message.error);
      return finishRun(message.outcome, message.state, message.error ? describeRunError(message.error) : undefined);
    case 'failed':
      runStore.setState({ alert: { tone: 'error', message: `The run could not start: ${message.message}`, offers: [] } });
      return finishRun('error', null, message.message);
  }
}

function onEvent(event: WireEvent): void {
  const progress = runStore.getState().progress;
  if (event.type === 'start') {
    patchRow(event.key, { status: 'running' });
    if (progress) runStore.setState({ progress: { ...progress, runningKey: event.key, modelFraction: null, modelMessage: null } });
    return;
  }
  if (event.type === 'progress') {
    if (progress) runStore.setState({ progress: { ...progress, modelFraction: event.fraction, modelMessage: event.message ?? null } });
    return;
  }
  const reason = event.reason ? describeReason(event.reason) : event.status === 'skipped' ? 'cached' : null;
  const changedFields = event.reason && (event.reason.kind === 'input-changed' || event.reason.kind === 'param-changed') ? event.reason.fields : [];
  patchRow(event.key, { status: event.status, durationMs: event.durationMs, reason, changedFields, error: event.error?.detail ?? null });
  if (progress) runStore.setState({ progress: { ...progress, done: progress.done + 1, runningKey: null, modelFraction: null, modelMessage: null } });
  if (event.extracts && active) {
    // Persisted as each step finishes, so a later cancel keeps the work already done.
    const stored = fromWire(event.key, event.extracts);
    wiring.workspace().putExtracts(active.workflowId, [stored]);
    runStore.setState({ extracts: { ...runStore.getState().extracts, [event.key]: stored } });
  }
}

function markFailure(error: WireStepError): void {
  runStore.setState({
    alert: { tone: 'error', message: describeRunError(error), offers: error.kind === 'immutable-post' ? ['make-mutable-and-rerun', 'run-fresh'] : [] },
  });
}

function finishRun(outcome: RunRecord['outcome'], state: StateJSON | null, error?: string): void {
  const run = active;
  if (!run) return;
  active = null;
  // Whatever did not get to run says so.
  setRows((rows) => rows.map((row) => (row.status === 'pending' || row.status === 'running' ? { ...row, status: row.status === 'running' && outcome === 'cancelled' ? 'cancelled' : 'not-run' } : row)));
  const workspace = wiring.workspace();
  if (state) workspace.putLastState(run.workflowId, state);
  const steps: StepRunRecord[] = runStore.getState().steps.map((row) => ({
    index: row.index,
    key: row.key,
    model: row.model,
    status: row.status === 'pending' || row.status === 'running' || row.status === 'idle' ? 'not-run' : row.status,
    durationMs: row.durationMs,
    ...(row.error ? { error: row.error } : {}),
    ...(row.reason ? { reason: row.reason } : {}),
  }));
  const record: RunRecord = { id: run.id, workflowId: run.workflowId, kind: run.kind, startedAt: run.startedAt, endedAt: Date.now(), flags: run.flags, outcome, steps, ...(error ? { error } : {}) };
  workspace.addRun(record);
  runStore.setState({ phase: 'idle', progress: null, history: workspace.listRuns(run.workflowId), ...(state ? { lastState: state } : {}) });
  run.settle();
  schedulePreview();
}

export const runStore = createStore<RunStoreState>()((set, get) => ({
  flags: { useExtracts: true, populateExtracts: true, mutable: false },
  phase: 'idle',
  workflowId: null,
  steps: [],
  statusByStep: {},
  previewByStep: {},
  progress: null,
  alert: null,
  extracts: {},
  previousInputs: {},
  lastState: null,
  history: [],
  selectedStepKey: null,
  openedRunId: null,

  run: () => start('run'),
  rerun: () => start('rerun'),
  runTo: (stepId) => start('run-to', stepId),
  cancel: () => {
    const run = active;
    if (!run) return;
    // An endless model cannot hear a message: only terminating the worker stops it.
    runWorker?.terminate();
    runWorker = null;
    const running = get().steps.find((row) => row.status === 'running');
    set({ alert: { tone: 'info', message: running ? `Run cancelled during step ${running.index} "${running.key}": its state and cache are as they were.` : 'Run cancelled.', offers: [] } });
    finishRun('cancelled', null, 'cancelled');
  },
  clearCache: (stepId) => {
    const workflowId = get().workflowId ?? wiring.source?.activeWorkflowId() ?? null;
    if (!workflowId) return;
    wiring.workspace().clearExtracts(workflowId, stepId);
    if (stepId === undefined) set({ extracts: {} });
    else {
      const { [stepId]: _removed, ...rest } = get().extracts;
      set({ extracts: rest });
    }
    schedulePreview();
  },
  setFlag: (flag, value) => {
    set({ flags: { ...get().flags, [flag]: value } });
    schedulePreview();
  },
  makeMutableAndRerun: async () => {
    set({ flags: { ...get().flags, mutable: true }, alert: null });
    await get().rerun();
  },
  selectStep: (key) => {
    set({ selectedStepKey: key });
    wiring.source?.selectNode(key);
  },
  openRun: (id) => set({ openedRunId: id }),
  dismissAlert: () => set({ alert: null }),
  refresh: async () => {
    const workflowId = wiring.source?.activeWorkflowId() ?? null;
    if (!workflowId) return;
    const workspace = wiring.workspace();
    const [stored, lastState] = await Promise.all([workspace.getExtracts(workflowId), workspace.getLastState(workflowId)]);
    if (wiring.source?.activeWorkflowId() !== workflowId) return;
    const extracts: Record<string, StoredExtract> = {};
    for (const entry of stored) extracts[entry.stepKey] = entry;
    set({ extracts, lastState, history: workspace.listRuns(workflowId) });
    get().refreshPreview();
  },
  refreshPreview: () => {
    if (get().phase === 'running' || !wiring.source || !wiring.workerFactory) return;
    let compiled: CompiledWorkflow;
    try {
      compiled = wiring.source.compile();
    } catch {
      set({ previewByStep: {} });
      return;
    }
    const requestId = ++previewRequest;
    const { flags, extracts } = get();
    previewWorker ??= makeWorker(onPreviewMessage);
    previewWorker.post({
      type: 'preview',
      requestId,
      workflow: { ...compiled.workflow, modelInputs: {}, modelOutputs: {} },
      extracts: Object.values(extracts).map(toWire),
      state: { mutable: flags.mutable, values: compiled.state },
      flags,
    });
  },
}));

function onPreviewMessage(message: FromWorker): void {
  if (message.type !== 'preview' && message.type !== 'preview-failed') return;
  if (message.requestId !== previewRequest || runStore.getState().phase === 'running') return;
  if (message.type === 'preview-failed') {
    runStore.setState({ previewByStep: {} });
    return;
  }
  const previewByStep: Record<string, StepPreview> = {};
  for (const entry of message.entries) previewByStep[entry.key] = { willSkip: entry.decision.skip, reason: describeDecision(entry.decision) };
  runStore.setState({ previewByStep });
}

const idle: StepDisplayStatus = 'idle';

/** The display status of one step, for its node on the canvas. */
export function useStepStatus(stepId: string): StepDisplayStatus {
  return useStore(runStore, (state) => state.statusByStep[stepId] ?? idle);
}

/** What a run would do with one step (null until a preview is computed). */
export function useStepPreview(stepId: string): StepPreview | null {
  return useStore(runStore, (state) => state.previewByStep[stepId] ?? null);
}

export function useRunStore<T>(selector: (state: RunStoreState) => T): T {
  return useStore(runStore, selector);
}
