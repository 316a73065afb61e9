/**
 * The run store: runs the active workflow in a Web Worker and holds what the canvas and the run
 * panel show — per-step status and preview, progress, the cached extracts, the kept state and the
 * run history. Vanilla zustand, so tests drive it without React (see `configureRunStore`).
 */
import { createStore } from 'zustand/vanilla';
import { useStore } from 'zustand';
import { useShallow } from 'zustand/react/shallow';
import { stepKeyOf } from '../engine';
import type { RunRecord, StepRunRecord, StepRunStatus } from '../persistence/types';
import type { ExtractSummary, FromWorker, PlannedStep, RunFlags, RunKind, SlotValue, StateSummary, StepValues, TableAt, ValueTarget, WireEvent, WireStepError } from '../worker/protocol';
import type { RunWorkerFactory, RunWorkerPort } from '../worker/client';
import { unpackValue } from '../worker/packValue';
import { workspaceStore, type WorkspaceStoreState } from './workspaceStore';
import type { CompiledWorkflow, RunSource } from './runSource';
import { describeDecision, describeReason, describeRunError, describeStepPlace, type StepPlace } from './runWords';

export type StepDisplayStatus = StepRunStatus | 'pending' | 'running' | 'idle';
export type { RunFlags, ExtractSummary, StateSummary, ValueTarget, TableAt };

/** A step's full cached values, fetched from the worker when the step is selected. */
export interface StepInspection {
  kind: 'step';
  stepKey: string;
  summary: ExtractSummary;
  input: unknown;
  output: unknown;
  /** The previous input's values of the changed fields. */
  previousFields: Record<string, unknown> | null;
  changed: string[];
}

export interface SlotInspection {
  kind: 'slot';
  name: string;
  value: unknown;
}

/** The value open in the viewer: loading, shown, absent (no cache) or failed. */
export type Inspection =
  | { target: ValueTarget; status: 'loading' }
  | { target: ValueTarget; status: 'ready'; value: StepInspection | SlotInspection }
  | { target: ValueTarget; status: 'absent' }
  | { target: ValueTarget; status: 'error'; message: string };

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

/**
 * What the last run made of one step, for its node: the editor shows `result` or `error`, and
 * prefers the preview when `stale`.
 */
export interface StepOutcome {
  status: StepDisplayStatus;
  /** The graph or a param changed since that run, so this outcome may not hold. */
  stale: boolean;
  durationMs: number | null;
  /** The step's error in words. */
  error: string | null;
  /** A one-line preview of the step's main output, e.g. "20", "table 461 × 6", "chart (bar, 12 points)". */
  result: string | null;
}

export type AlertOffer = 'make-mutable-and-rerun' | 'run-fresh';

export interface RunAlert {
  tone: 'error' | 'info';
  message: string;
  offers: AlertOffer[];
  /** The step the alert is about (a failure or a cancel), so it goes when that step is deleted. */
  stepKey?: string;
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
  /** What the active workflow's cache holds, by step key: sizes, previews, input hashes (the values stay in the worker). */
  cache: Record<string, ExtractSummary>;
  /** The state the last run left, summarised. */
  lastState: StateSummary | null;
  history: RunRecord[];
  selectedStepKey: string | null;
  /** A state slot opened in the viewer (a selected step takes over from it). */
  selectedSlot: string | null;
  /** The full value of the selected step or slot, fetched from the worker. */
  inspection: Inspection | null;
  openedRunId: string | null;
  /** The compiled graph and initial state the shown rows were run with (null: unknown, e.g. rows from history). */
  runSignature: string | null;
  /** True when the compiled graph or initial state differs from `runSignature`'s. */
  graphChanged: boolean;
  /** The rows come from the run history (after a reload), not from a run in this page. */
  rowsFromHistory: boolean;

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
  selectSlot(name: string | null): void;
  /**
   * The whole value of a field of the open step (or the open slot), for an export: the viewer
   * holds only the first items of long lists.
   */
  fullValue(side: 'input' | 'output' | 'previous' | 'slot', field?: string): Promise<unknown>;
  /**
   * Rows `from`..`from + count` of a table in the open step or slot (shown as a `TablePart`), one
   * array per column: the grid fetches pages as a person scrolls instead of the whole table.
   */
  tableRows(at: TableAt, from: number, count: number): Promise<unknown[][]>;
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
/** One worker holds the active workflow's values and does runs, previews and value requests. */
let worker: RunWorkerPort | null = null;
let previewRequest = 0;
let valueRequest = 0;
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

const newId = () => (globalThis.crypto?.randomUUID ? globalThis.crypto.randomUUID() : `run-${Date.now()}-${Math.random().toString(36).slice(2)}`);

/**
 * Wires the store: where graphs come from, how workers are made, and (tests) the workspace.
 * Call again to rewire; the default worker factory is the browser's (set by `runGraphLink`).
 */
export function configureRunStore(options: { source?: RunSource | null; workerFactory?: RunWorkerFactory; workspace?: () => WorkspaceStoreState; previewDelayMs?: number }): void {
  if (options.workerFactory) {
    worker?.terminate();
    worker = null;
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
  if (workflowId !== state.workflowId) {
    runStore.setState({ workflowId, steps: [], statusByStep: {}, previewByStep: {}, cache: {}, lastState: null, history: [], alert: null, progress: null, openedRunId: null, selectedSlot: null, inspection: null, selectedStepKey: null });
    void state.refresh();
  }
  const selected = source?.selectedNodeId() ?? null;
  if (selected !== runStore.getState().selectedStepKey) {
    runStore.setState({ selectedStepKey: selected, ...(selected ? { selectedSlot: null } : {}) });
    inspectSelection();
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

function getWorker(): RunWorkerPort | null {
  if (worker) return worker;
  if (!wiring.workerFactory) return null;
  const port = wiring.workerFactory(onWorkerMessage, (message) => {
    runStore.setState({ alert: { tone: 'error', message: `The run worker stopped: ${message}`, offers: [] } });
    if (worker === port) worker = null;
    if (active) finishRun('error', null, message);
  });
  worker = port;
  return port;
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

/** What a run depends on of the graph: its steps and initial slots (not the layout or names). */
const signatureOf = (compiled: CompiledWorkflow): string => JSON.stringify([compiled.workflow.steps, compiled.state]);

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
  const port = getWorker();
  if (!port) {
    runStore.setState({ alert: { tone: 'error', message: 'The run store has no worker: call configureRunStore first.', offers: [] } });
    return;
  }
  const { flags } = store;
  const id = newId();
  const done = new Promise<void>((resolve) => {
    active = { id, kind, workflowId: compiled.workflowId, startedAt: Date.now(), flags: { ...flags }, settle: resolve };
  });
  runStore.setState({
    phase: 'running',
    workflowId: compiled.workflowId,
    alert: null,
    progress: { done: 0, total: compiled.workflow.steps.length, runningKey: null, modelFraction: null, modelMessage: null },
    previewByStep: {},
    runSignature: signatureOf(compiled),
    graphChanged: false,
    rowsFromHistory: false,
  });
  setRows(() => []);
  port.post({
    type: 'run',
    runId: id,
    kind,
    workflowId: compiled.workflowId,
    workflow: { ...compiled.workflow, modelInputs: {}, modelOutputs: {} },
    initialState: compiled.state,
    flags,
    ...(target === undefined ? {} : { target }),
  });
  await done;
}

function onWorkerMessage(message: FromWorker): void {
  switch (message.type) {
    case 'need-workspace':
      return void answerWorkspace(message.workflowId);
    case 'summary':
      if (message.workflowId !== runStore.getState().workflowId) return;
      setCache(Object.fromEntries(message.extracts.map((entry) => [entry.stepKey, entry])));
      runStore.setState({ lastState: message.state });
      return;
    case 'preview':
    case 'preview-failed':
      return onPreviewMessage(message);
    case 'value':
    case 'value-failed':
      return onValueMessage(message);
    case 'rows':
    case 'rows-failed': {
      const waiting = rowRequests.get(message.requestId);
      rowRequests.delete(message.requestId);
      if (message.type === 'rows') waiting?.resolve(message.columns);
      else waiting?.reject(new Error(message.message));
      return;
    }
    case 'persist-extracts':
      // Recorded whether or not the run is still the active one: the worker's cache already holds
      // them. Only refs (and, without a value store the worker reaches, the texts): no value here.
      wiring.workspace().putExtractRefs(message.workflowId, message.extracts, message.texts, message.writing);
      return;
    case 'values-stored':
      wiring.workspace().valuesStored(message.refs, message.failed);
      return;
    case 'ready':
      return;
    default:
      return onRunMessage(message);
  }
}

/** Gives a (new) worker what the workspace stored for the workflow, once: refs, which it reads itself. */
async function answerWorkspace(workflowId: string): Promise<void> {
  const workspace = wiring.workspace();
  try {
    const { extracts, lastState, texts, location } = await workspace.valueRefsFor(workflowId);
    worker?.post({ type: 'workspace-data', workflowId, extracts, lastState, texts, location });
  } catch (error) {
    runStore.setState({ alert: { tone: 'error', message: `The cached results could not be read: ${(error as Error).message}. Steps will run again.`, offers: [] } });
    worker?.post({ type: 'workspace-data', workflowId, extracts: [], lastState: null, texts: [], location: null, error: String((error as Error).message) });
  }
}

function setCache(cache: Record<string, ExtractSummary>): void {
  runStore.setState({ cache });
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
    case 'done': {
      if (message.outcome === 'error' && message.error) markFailure(message.error);
      wiring.workspace().putLastStateRefs(active.workflowId, message.persist, message.texts, message.writing);
      runStore.setState({ lastState: message.state });
      return finishRun(message.outcome, message.state, message.error ? describeRunError(message.error, failedPlace()) : undefined);
    }
    case 'failed':
      if (message.nothingToRerun) {
        runStore.setState({ alert: { tone: 'info', message: 'Nothing to rerun yet: Run the workflow once first, then Rerun replays it against the state it left.', offers: ['run-fresh'] } });
        return finishRun(null, null);
      }
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
  if (event.extract) {
    setCache({ ...runStore.getState().cache, [event.key]: event.extract });
    // The open step's cache changed: show the new values.
    if (runStore.getState().selectedStepKey === event.key) inspectSelection();
  }
}

/** The failed step's place in the run, for words (steps a "run to here" leaves out do not count). */
function failedPlace(): StepPlace | undefined {
  const rows = runStore.getState().steps.filter((row) => row.included);
  const position = rows.findIndex((row) => row.status === 'error');
  const row = rows[position];
  return row ? { key: row.key, index: position, total: rows.length } : undefined;
}

function markFailure(error: WireStepError): void {
  const place = failedPlace();
  runStore.setState({
    alert: { tone: 'error', message: describeRunError(error, place), offers: error.kind === 'immutable-post' ? ['make-mutable-and-rerun', 'run-fresh'] : [], ...(place ? { stepKey: place.key } : {}) },
  });
}

/** The rows of a recorded run, for steps the compiled graph still has (its mappings are the graph's now). */
export function rowsFromRecord(record: RunRecord, compiled: CompiledWorkflow): StepRow[] {
  const byKey = new Map(compiled.workflow.steps.map((step, index) => [stepKeyOf(step, index), step]));
  const rows: StepRow[] = [];
  for (const step of record.steps) {
    const now = byKey.get(step.key);
    if (!now) continue;
    rows.push({
      index: step.index,
      key: step.key,
      model: step.model,
      inputs: { ...(now.inputs ?? {}) },
      outputs: { ...(now.outputs ?? {}) },
      included: true,
      status: step.status,
      durationMs: step.durationMs,
      reason: step.reason ?? null,
      changedFields: [],
      error: step.error ?? null,
    });
  }
  return rows;
}

/** Rows and an alert about steps the graph no longer has go: a deleted node leaves no trace in the panel. */
function dropRemovedSteps(compiled: CompiledWorkflow): void {
  const keys = new Set(compiled.workflow.steps.map(stepKeyOf));
  const { steps, alert } = runStore.getState();
  if (steps.some((row) => !keys.has(row.key))) setRows((rows) => rows.filter((row) => keys.has(row.key)));
  if (alert?.stepKey !== undefined && !keys.has(alert.stepKey)) runStore.setState({ alert: null });
}

/** Ends the active run; an outcome of null means it never started (nothing recorded). */
function finishRun(outcome: RunRecord['outcome'] | null, state: StateSummary | null, error?: string): void {
  const run = active;
  if (!run) return;
  active = null;
  if (outcome === null) {
    runStore.setState({ phase: 'idle', progress: null });
    run.settle();
    schedulePreview();
    return;
  }
  // Whatever did not get to run says so.
  setRows((rows) => rows.map((row) => (row.status === 'pending' || row.status === 'running' ? { ...row, status: row.status === 'running' && outcome === 'cancelled' ? 'cancelled' : 'not-run' } : row)));
  const workspace = wiring.workspace();
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
  if (runStore.getState().selectedSlot !== null) inspectSelection();
  schedulePreview();
}

/** Asks the worker for the full value of the selected step or slot. */
function inspectSelection(): void {
  const { selectedStepKey, selectedSlot, workflowId } = runStore.getState();
  const target: ValueTarget | null = selectedSlot !== null ? { kind: 'slot', name: selectedSlot } : selectedStepKey !== null ? { kind: 'step', stepKey: selectedStepKey } : null;
  const port = target && workflowId ? getWorker() : null;
  if (!target || !workflowId || !port) {
    runStore.setState({ inspection: null });
    return;
  }
  const requestId = ++valueRequest;
  const current = runStore.getState().inspection;
  // Keep showing the old value of the same target while its new value comes (no flash of "loading").
  const same = current && JSON.stringify(current.target) === JSON.stringify(target);
  if (!same) runStore.setState({ inspection: { target, status: 'loading' } });
  port.post({ type: 'get-value', requestId, workflowId, target });
}

/** Page-of-rows requests of the table grid, answered by request id. */
let rowRequestCount = 0;
const rowRequests = new Map<number, { resolve: (columns: unknown[][]) => void; reject: (error: Error) => void }>();

/** Export requests for whole values, answered by request id. */
let fullValueRequestCount = 0;
const fullValueRequests = new Map<number, { resolve: (value: StepInspection | SlotInspection | null) => void; reject: (error: Error) => void }>();

function onValueMessage(message: Extract<FromWorker, { type: 'value' | 'value-failed' }>): void {
  const waiting = fullValueRequests.get(message.requestId);
  if (waiting) {
    fullValueRequests.delete(message.requestId);
    if (message.type === 'value-failed') waiting.reject(new Error(message.message));
    else waiting.resolve(message.value ? unpackInspection(message.value) : null);
    return;
  }
  if (message.requestId !== valueRequest) return;
  const inspection = runStore.getState().inspection;
  const target = inspection?.target;
  if (!target) return;
  if (message.type === 'value-failed') {
    runStore.setState({ inspection: { target, status: 'error', message: message.message } });
    return;
  }
  if (!message.value) {
    runStore.setState({ inspection: { target, status: 'absent' } });
    return;
  }
  runStore.setState({ inspection: { target, status: 'ready', value: unpackInspection(message.value) } });
}

function unpackInspection(value: StepValues | SlotValue): StepInspection | SlotInspection {
  if (value.kind === 'slot') return { kind: 'slot', name: value.name, value: unpackValue(value.value) };
  return {
    kind: 'step',
    stepKey: value.stepKey,
    summary: value.summary,
    input: unpackValue(value.input),
    output: unpackValue(value.output),
    previousFields: value.previousFields ? (unpackValue(value.previousFields) as Record<string, unknown>) : null,
    changed: value.changed,
  };
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
  cache: {},
  lastState: null,
  history: [],
  selectedStepKey: null,
  selectedSlot: null,
  inspection: null,
  openedRunId: null,
  runSignature: null,
  graphChanged: false,
  rowsFromHistory: false,

  run: () => start('run'),
  rerun: () => start('rerun'),
  runTo: (stepId) => start('run-to', stepId),
  cancel: () => {
    const run = active;
    if (!run) return;
    // An endless model cannot hear a message: only terminating the worker stops it. The next
    // worker reads the cache back from the workspace, where each finished step was persisted.
    worker?.terminate();
    worker = null;
    const included = get().steps.filter((row) => row.included);
    const position = included.findIndex((row) => row.status === 'running');
    const running = included[position];
    const place = running ? describeStepPlace({ key: running.key, index: position, total: included.length }) : null;
    set({ alert: { tone: 'info', message: place ? `Run cancelled during ${place}: its state and cache are as they were.` : 'Run cancelled.', offers: [], ...(running ? { stepKey: running.key } : {}) } });
    finishRun('cancelled', null, 'cancelled');
  },
  clearCache: (stepId) => {
    const workflowId = get().workflowId ?? wiring.source?.activeWorkflowId() ?? null;
    if (!workflowId) return;
    wiring.workspace().clearExtracts(workflowId, stepId);
    worker?.post({ type: 'clear-cache', workflowId, ...(stepId === undefined ? {} : { stepKey: stepId }) });
    if (stepId === undefined) setCache({});
    else {
      const { [stepId]: _removed, ...rest } = get().cache;
      setCache(rest);
    }
    if (get().selectedStepKey !== null && (stepId === undefined || stepId === get().selectedStepKey)) inspectSelection();
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
    set({ selectedStepKey: key, ...(key !== null ? { selectedSlot: null } : {}) });
    inspectSelection();
    wiring.source?.selectNode(key);
  },
  selectSlot: (name) => {
    set({ selectedSlot: name });
    inspectSelection();
  },
  fullValue: async (side, field) => {
    const { inspection, workflowId } = get();
    const port = getWorker();
    if (!inspection || !workflowId || !port) throw new Error('no step or slot is open');
    // Negative ids keep exports apart from the viewer's own requests.
    const requestId = -++fullValueRequestCount;
    const answer = new Promise<StepInspection | SlotInspection | null>((resolve, reject) => fullValueRequests.set(requestId, { resolve, reject }));
    port.post({ type: 'get-value', requestId, workflowId, target: inspection.target, full: true });
    const value = await answer;
    if (!value) throw new Error('the value is no longer cached');
    const whole = value.kind === 'slot' ? value.value : side === 'input' ? value.input : side === 'previous' ? value.previousFields : value.output;
    return field === undefined ? whole : (whole as Record<string, unknown>)[field];
  },
  tableRows: (at, from, count) => {
    const { inspection, workflowId } = get();
    const port = getWorker();
    if (!inspection || !workflowId || !port) return Promise.reject(new Error('no step or slot is open'));
    const requestId = ++rowRequestCount;
    const answer = new Promise<unknown[][]>((resolve, reject) => rowRequests.set(requestId, { resolve, reject }));
    port.post({ type: 'get-rows', requestId, workflowId, target: inspection.target, at, from, count });
    return answer;
  },
  openRun: (id) => set({ openedRunId: id }),
  dismissAlert: () => set({ alert: null }),
  refresh: async () => {
    const workflowId = wiring.source?.activeWorkflowId() ?? null;
    if (!workflowId) return;
    const workspace = wiring.workspace();
    // Only the run records here: the cache and kept state load in the worker, on its first need.
    await workspace.load();
    if (wiring.source?.activeWorkflowId() !== workflowId) return;
    const history = workspace.listRuns(workflowId);
    set({ history });
    showLastRecordedRun(history[0]);
    getWorker()?.post({ type: 'summarize', workflowId });
    get().refreshPreview();
  },
  refreshPreview: () => {
    if (get().phase === 'running' || !wiring.source) return;
    let compiled: CompiledWorkflow;
    try {
      compiled = wiring.source.compile();
    } catch {
      set({ previewByStep: {} });
      return;
    }
    dropRemovedSteps(compiled);
    const { runSignature } = get();
    const graphChanged = runSignature !== null && runSignature !== signatureOf(compiled);
    if (graphChanged !== get().graphChanged) set({ graphChanged });
    const port = getWorker();
    if (!port) return;
    const requestId = ++previewRequest;
    const { flags } = get();
    port.post({ type: 'preview', requestId, workflowId: compiled.workflowId, workflow: { ...compiled.workflow, modelInputs: {}, modelOutputs: {} }, initialState: compiled.state, flags });
  },
}));

/** After a reload the panel shows the last recorded run's rows (marked as from history) rather than "No run yet". */
function showLastRecordedRun(record: RunRecord | undefined): void {
  const state = runStore.getState();
  if (!record || state.phase === 'running' || state.steps.length || !wiring.source) return;
  let compiled: CompiledWorkflow;
  try {
    compiled = wiring.source.compile();
  } catch {
    return;
  }
  if (compiled.workflowId !== record.workflowId) return;
  setRows(() => rowsFromRecord(record, compiled));
  runStore.setState({ rowsFromHistory: true, runSignature: null, graphChanged: false });
}

function onPreviewMessage(message: Extract<FromWorker, { type: 'preview' | 'preview-failed' }>): void {
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

const SHOWS_RESULT: ReadonlySet<StepDisplayStatus> = new Set(['ran', 'skipped', 'idle']);

/** A step's outcome from the store's state (pure, so tests read it without React). */
export function stepOutcome(state: RunStoreState, stepId: string): StepOutcome | null {
  const row = state.steps.find((entry) => entry.key === stepId);
  const cached = state.cache[stepId];
  if (!row && !cached) return null;
  const status = row?.status ?? idle;
  const preview = state.previewByStep[stepId];
  // Rows from history have no signature to compare: the preview says whether the step would run now.
  const stale = row !== undefined && (state.graphChanged || (state.rowsFromHistory && preview !== undefined && !preview.willSkip)) && !(preview?.willSkip ?? false);
  return {
    status,
    stale,
    durationMs: row?.durationMs ?? null,
    error: status === 'error' ? (row?.error ?? 'failed') : null,
    result: cached && SHOWS_RESULT.has(status) ? cached.result : null,
  };
}

/** What the last run made of one step (null when it never ran and has no cache). */
export function useStepOutcome(stepId: string): StepOutcome | null {
  const outcome = useStore(
    runStore,
    useShallow((state: RunStoreState) => stepOutcome(state, stepId) ?? NO_OUTCOME),
  );
  return outcome === NO_OUTCOME ? null : outcome;
}

const NO_OUTCOME = { none: true } as unknown as StepOutcome;

export function useRunStore<T>(selector: (state: RunStoreState) => T): T {
  return useStore(runStore, selector);
}
