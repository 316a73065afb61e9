/**
 * The run worker's message handler, free of Worker globals so tests drive it in-process.
 *
 * It keeps the active workflow's decoded extracts and last state between runs (asked of the page
 * once, on first need), so runs, reruns and previews send no values; the page gets summaries, and
 * a full value only when it asks for one (`get-value`). Runs, previews and summaries are handled one
 * at a time in order; the page cancels by terminating the whole worker.
 */
import {
  Runner,
  State,
  StepError,
  Workflow,
  decodeValue,
  errorMessage,
  hashValue,
  registry as defaultRegistry,
  valuesEqual,
  type CacheEntry,
  type ModelRegistry,
  type StateLike,
  type WorkflowEvent,
} from '../engine';
import type { ExtractSideRef, LastStateRefs, StoredExtractRef, ValueTexts } from '../persistence/types';
import { encodeForStore, initValueHashing } from '../persistence/values';
import { openWorkerValueStore, type WorkerValueStore } from '../persistence/workerValues';
import { isTable, type Table } from '../models';
import { packValue } from './packValue';
import { resultLine, summarizeValue } from './summarize';
import { SHOWN_ITEMS, TABLE_PAGE_ROWS } from './protocol';
import type {
  ShownPart,
  TablePart,
  GetRowsMessage,
  ExtractSummary,
  FromWorker,
  GetValueMessage,
  PlannedStep,
  PreviewMessage,
  RunFlags,
  StartRunMessage,
  StateSummary,
  StepValues,
  ToWorker,
  WireEvent,
  WireStepError,
  WorkspaceDataMessage,
} from './protocol';

export type Post = (message: FromWorker) => void;

export interface RunSession {
  handle(message: ToWorker): Promise<void>;
  /** Aborts the run in progress (the in-process stand-in for terminating the worker). */
  abort(): void;
}

/** A step's cache entry with its values decoded, and their refs in the value store. */
interface CachedExtract {
  stepKey: string;
  inputHash: string;
  input: CacheEntry;
  output: CacheEntry;
  inputRef: string;
  outputRef: string;
}

/** What the worker holds of the active workflow. */
interface WorkflowCache {
  workflowId: string;
  extracts: Map<string, CachedExtract>;
  /** Cached inputs as they were before the last run replaced them, for "what changed". */
  previousInputs: Map<string, CacheEntry>;
  lastState: { mutable: boolean; values: Record<string, unknown>; refs: Record<string, string> } | null;
  /** Where this worker stores values itself; null: new values go to the page as texts. */
  store: WorkerValueStore | null;
}

function toWireError(error: unknown): WireStepError {
  if (error instanceof StepError) {
    return { kind: error.kind, message: error.message, detail: error.detail, ...(error.subject === undefined ? {} : { subject: error.subject }) };
  }
  const message = errorMessage(error);
  return { kind: 'model-error', message, detail: message };
}

function tableColumns(fields: unknown): Record<string, string[]> {
  const columns: Record<string, string[]> = {};
  if (fields === null || typeof fields !== 'object') return columns;
  for (const [field, value] of Object.entries(fields)) if (isTable(value)) columns[field] = [...value.names];
  return columns;
}

const summaries = new WeakMap<CachedExtract, ExtractSummary>();

function summarizeExtract(entry: CachedExtract): ExtractSummary {
  let summary = summaries.get(entry);
  if (!summary) {
    const { output } = entry;
    summary = {
      stepKey: entry.stepKey,
      inputHash: entry.inputHash,
      model: output.model,
      version: output.version,
      ...(output.at === undefined ? {} : { at: output.at }),
      input: summarizeValue(entry.input.value),
      output: summarizeValue(output.value),
      outputColumns: tableColumns(output.value),
      result: resultLine(output.value),
    };
    summaries.set(entry, summary);
  }
  return summary;
}

function summarizeState(state: WorkflowCache['lastState']): StateSummary | null {
  if (!state) return null;
  return { mutable: state.mutable, slots: Object.entries(state.values).map(([name, value]) => ({ name, ...summarizeValue(value) })) };
}

/** The value-store refs the page's database holds for this workflow (so they need no new write). */
function recordedRefs(cache: WorkflowCache): Set<string> {
  const refs = new Set<string>();
  for (const entry of cache.extracts.values()) refs.add(entry.inputRef).add(entry.outputRef);
  for (const ref of Object.values(cache.lastState?.refs ?? {})) refs.add(ref);
  return refs;
}

/**
 * Encodes values for the value store, once per value object: a skipped step's output is the same
 * object run after run, and the kept state shares its slots with the extracts.
 */
const encodedObjects = new WeakMap<object, { ref: string; json: string }>();

function encodeOnce(value: unknown): { ref: string; json: string } {
  if (value === null || typeof value !== 'object') return encodeForStore(value);
  let encoded = encodedObjects.get(value);
  if (!encoded) {
    encoded = encodeForStore(value);
    encodedObjects.set(value, encoded);
  }
  return encoded;
}

const sideRef = (extract: CacheEntry, ref: string): ExtractSideRef => ({
  model: extract.model,
  version: extract.version,
  ...(extract.at === undefined ? {} : { at: extract.at }),
  ref,
});

/** The engine workflow from its steps, the flags and the cached extracts. */
function buildWorkflow(json: StartRunMessage['workflow'], cache: WorkflowCache, flags: RunFlags, registry: ModelRegistry): Workflow {
  const workflow = Workflow.fromJSON(
    { ...json, useExtracts: flags.useExtracts, populateExtracts: flags.populateExtracts, modelInputs: {}, modelOutputs: {} },
    registry,
  );
  for (const [key, entry] of cache.extracts) {
    workflow.modelInputs.set(key, entry.input);
    workflow.modelOutputs.set(key, entry.output);
  }
  return workflow;
}

function freshState(initial: StartRunMessage['initialState'], mutable: boolean): State {
  const values: Record<string, unknown> = {};
  for (const [name, json] of Object.entries(initial)) values[name] = decodeValue(json);
  return new State(values, { mutable });
}

function plan(workflow: Workflow, only: Set<number> | undefined): PlannedStep[] {
  return workflow.steps.map((step, index) => ({
    index,
    key: workflow.keyOf(index),
    model: step.model,
    inputs: { ...step.inputs },
    outputs: { ...step.outputs },
    included: only ? only.has(index) : true,
  }));
}

/** A table's first page of rows, its column types and row count: the grid fetches the rest by page. */
function tablePart(table: Table): TablePart {
  return {
    tablePart: true,
    names: [...table.names],
    types: table.columnTypes(),
    rowCount: table.rowCount,
    columns: table.columns.map((column) => column.slice(0, TABLE_PAGE_ROWS)),
  };
}

/**
 * What the viewer draws of a value: lists over SHOWN_ITEMS long cut to their start, tables as their
 * first page — as a field or as the value itself.
 */
function shownValue(value: unknown): unknown {
  const cut = (item: unknown) => {
    if (isTable(item)) return tablePart(item);
    return Array.isArray(item) && item.length > SHOWN_ITEMS
      ? ({ shownPart: true, items: item.slice(0, SHOWN_ITEMS), total: item.length } satisfies ShownPart)
      : item;
  };
  if (value === null || typeof value !== 'object' || Object.getPrototypeOf(value) !== Object.prototype) return cut(value);
  return Object.fromEntries(Object.entries(value).map(([field, item]) => [field, cut(item)]));
}

/** Input fields that differ between the previous cached input and the current one. */
function changedFields(previous: unknown, current: unknown): string[] {
  if (previous === current || previous === null || current === null || typeof previous !== 'object' || typeof current !== 'object') return [];
  const before = previous as Record<string, unknown>;
  const after = current as Record<string, unknown>;
  const fields = new Set([...Object.keys(before), ...Object.keys(after)]);
  return [...fields].filter((field) => !valuesEqual(before[field], after[field]));
}

export function createRunSession(post: Post, registry: ModelRegistry = defaultRegistry): RunSession {
  let controller: AbortController | null = null;
  let cache: WorkflowCache | null = null;
  /** Loads asked of the page, by workflow: a switch of workflow while one is loading must not strand its waiters. */
  const loading = new Map<string, { promise: Promise<WorkflowCache>; resolve: (cache: WorkflowCache) => void }>();
  let queue: Promise<void> = Promise.resolve();

  /** The workflow's cache, asking the page for what the workspace stored the first time. */
  function ensureCache(workflowId: string): Promise<WorkflowCache> {
    if (cache?.workflowId === workflowId) return Promise.resolve(cache);
    const pending = loading.get(workflowId);
    if (pending) return pending.promise;
    let resolve!: (cache: WorkflowCache) => void;
    const promise = new Promise<WorkflowCache>((done) => (resolve = done));
    loading.set(workflowId, { promise, resolve });
    post({ type: 'need-workspace', workflowId });
    return promise;
  }

  /** Builds the workflow's cache from what the page sent: refs, read here from the value store. */
  async function receiveWorkspace(message: WorkspaceDataMessage): Promise<void> {
    const waiting = loading.get(message.workflowId);
    if (!waiting) return;
    const next: WorkflowCache = { workflowId: message.workflowId, extracts: new Map(), previousInputs: new Map(), lastState: null, store: null };
    const texts = new Map(message.texts);
    try {
      await initValueHashing();
      if (message.location) next.store = await openWorkerValueStore(message.location);
      const refs = [
        ...new Set([...message.extracts.flatMap((entry) => [entry.input.ref, entry.output.ref]), ...(message.lastState?.slots.map((slot) => slot.ref) ?? [])]),
      ].filter((ref) => !texts.has(ref));
      const found = next.store ? await next.store.getMany(refs) : [];
      refs.forEach((ref, i) => {
        const text = found[i];
        if (text !== undefined) texts.set(ref, text);
      });
    } catch (error) {
      console.warn('run worker: the stored values could not be read; steps will run again:', errorMessage(error));
    }
    const decoded = new Map<string, unknown>();
    const valueOf = (ref: string): unknown => {
      if (decoded.has(ref)) return decoded.get(ref);
      const text = texts.get(ref);
      if (text === undefined) throw new Error(`the stored value ${ref} is missing`);
      const value = decodeValue(JSON.parse(text));
      decoded.set(ref, value);
      // Numbers and strings cannot key a WeakMap (and are cheap to encode again).
      if (value !== null && typeof value === 'object') encodedObjects.set(value, { ref, json: text });
      return value;
    };
    const extractOf = (side: ExtractSideRef): CacheEntry => ({
      model: side.model,
      version: side.version,
      ...(side.at === undefined ? {} : { at: side.at }),
      value: valueOf(side.ref),
    });
    // A stored value that cannot be read leaves its step uncached: it runs again rather than failing.
    for (const entry of message.extracts) {
      try {
        next.extracts.set(entry.stepKey, {
          stepKey: entry.stepKey,
          inputHash: entry.inputHash,
          input: extractOf(entry.input),
          output: extractOf(entry.output),
          inputRef: entry.input.ref,
          outputRef: entry.output.ref,
        });
      } catch (error) {
        console.warn(`run worker: the cache of step "${entry.stepKey}" could not be read:`, errorMessage(error));
      }
    }
    if (message.lastState) {
      try {
        const values: Record<string, unknown> = {};
        const refs: Record<string, string> = {};
        for (const slot of message.lastState.slots) {
          values[slot.name] = valueOf(slot.ref);
          refs[slot.name] = slot.ref;
        }
        next.lastState = { mutable: message.lastState.mutable, values, refs };
      } catch (error) {
        console.warn('run worker: the kept state could not be read:', errorMessage(error));
      }
    }
    if (!loading.has(message.workflowId)) return;
    loading.delete(message.workflowId);
    cache = next;
    waiting.resolve(next);
  }

  /** Values the page's database does not refer to yet (taken before the cache takes the new refs). */
  function freshValues(current: WorkflowCache, encoded: { ref: string; json: string }[]): Map<string, string> {
    const recorded = recordedRefs(current);
    const fresh = new Map<string, string>();
    for (const { ref, json } of encoded) if (!recorded.has(ref)) fresh.set(ref, json);
    return fresh;
  }

  /**
   * Starts storing new values and says how the page gets them: `writing` (this worker is writing
   * them; 'values-stored' follows) or `texts` (no store here, or the write failed to start).
   */
  function storeValues(current: WorkflowCache, fresh: Map<string, string>): { texts: ValueTexts; writing: string[] } {
    const entries = [...fresh];
    if (!current.store || !entries.length) return { texts: entries, writing: [] };
    const refs = entries.map(([ref]) => ref);
    let write: Promise<void>;
    try {
      write = current.store.putMany(entries);
    } catch (error) {
      console.warn('run worker: storing values failed; the page will save them:', errorMessage(error));
      return { texts: entries, writing: [] };
    }
    write.then(
      () => post({ type: 'values-stored', refs, failed: [] }),
      (error: unknown) => {
        // The page's own save then writes them (and reports a full quota in words).
        console.warn('run worker: storing values failed; the page will save them:', errorMessage(error));
        post({ type: 'values-stored', refs, failed: entries });
      },
    );
    return { texts: [], writing: refs };
  }

  async function run(message: StartRunMessage): Promise<void> {
    const { runId } = message;
    const current = await ensureCache(message.workflowId);
    let workflow: Workflow;
    let state: StateLike;
    let only: Set<number> | undefined;
    try {
      workflow = buildWorkflow(message.workflow, current, message.flags, registry);
      if (message.kind === 'rerun') {
        if (!current.lastState) {
          post({ type: 'failed', runId, message: 'nothing to rerun yet', nothingToRerun: true });
          return;
        }
        // State holds references and a run only adds or replaces slots, so the kept values are shared, not copied.
        state = new State({ ...current.lastState.values }, { mutable: message.flags.mutable });
      } else state = freshState(message.initialState, message.flags.mutable);
      if (message.kind === 'run-to') {
        if (message.target === undefined) throw new Error('"run to here" needs a target step');
        if (workflow.indexOf(message.target) < 0) throw new Error(`"run to here": the workflow has no step "${message.target}"`);
        only = workflow.ancestorsOf(message.target);
      }
    } catch (error) {
      post({ type: 'failed', runId, message: errorMessage(error) });
      return;
    }
    post({ type: 'planned', runId, steps: plan(workflow, only) });
    current.previousInputs = new Map([...current.extracts].map(([key, entry]) => [key, entry.input]));
    controller = new AbortController();

    const onEvent = (event: WorkflowEvent) => {
      if (event.type !== 'end') return post({ type: 'event', runId, event });
      const { error, extracts, ...rest } = event;
      const wire: WireEvent = { ...rest, ...(error ? { error: toWireError(error) } : {}) };
      if (extracts) {
        const input = encodeOnce(extracts.input.value);
        const output = encodeOnce(extracts.output.value);
        const entry: CachedExtract = {
          stepKey: event.key,
          inputHash: hashValue(extracts.input.value),
          input: extracts.input,
          output: extracts.output,
          inputRef: input.ref,
          outputRef: output.ref,
        };
        wire.extract = summarizeExtract(entry);
        // Stored and announced as each step finishes, so a later cancel keeps the work already done.
        const ref: StoredExtractRef = {
          stepKey: entry.stepKey,
          inputHash: entry.inputHash,
          input: sideRef(entry.input, input.ref),
          output: sideRef(entry.output, output.ref),
        };
        const stored = storeValues(current, freshValues(current, [input, output]));
        current.extracts.set(event.key, entry);
        post({ type: 'persist-extracts', runId, workflowId: current.workflowId, extracts: [ref], ...stored });
      }
      post({ type: 'event', runId, event: wire });
    };
    // Run and rerun differ only in the state (fresh slots or the kept state) and the flags,
    // which buildWorkflow already set: exactly what Runner.rerun(flags) does to its kept pair.
    const runner = new Runner({ workflow, state });
    let outcome: 'ok' | 'error' = 'ok';
    let failure: WireStepError | undefined;
    try {
      await runner.run({ signal: controller.signal, onEvent, ...(only ? { only } : {}) });
    } catch (error) {
      outcome = 'error';
      failure = toWireError(error);
    } finally {
      controller = null;
    }
    const kept = state as State;
    const values = kept.toObject();
    const encoded = Object.entries(values).map(([name, value]) => ({ name, ...encodeOnce(value) }));
    const stored = storeValues(current, freshValues(current, encoded));
    current.lastState = { mutable: kept.mutable, values, refs: Object.fromEntries(encoded.map(({ name, ref }) => [name, ref])) };
    const persist: LastStateRefs = { mutable: kept.mutable, slots: encoded.map(({ name, ref }) => ({ name, ref })) };
    const summary = summarizeState(current.lastState) as StateSummary;
    post({ type: 'done', runId, outcome, state: summary, persist, ...stored, ...(failure ? { error: failure } : {}) });
  }

  async function preview(message: PreviewMessage): Promise<void> {
    try {
      const current = await ensureCache(message.workflowId);
      const workflow = buildWorkflow(message.workflow, current, message.flags, registry);
      post({ type: 'preview', requestId: message.requestId, entries: workflow.preview(freshState(message.initialState, message.flags.mutable)) });
    } catch (error) {
      post({ type: 'preview-failed', requestId: message.requestId, message: errorMessage(error) });
    }
  }

  async function summarize(workflowId: string): Promise<void> {
    const current = await ensureCache(workflowId);
    post({ type: 'summary', workflowId, extracts: [...current.extracts.values()].map(summarizeExtract), state: summarizeState(current.lastState) });
  }

  async function getValue(message: GetValueMessage): Promise<void> {
    try {
      const current = await ensureCache(message.workflowId);
      const { target } = message;
      const show = message.full ? (value: unknown) => value : shownValue;
      if (target.kind === 'slot') {
        const values = current.lastState?.values;
        const found = values !== undefined && Object.prototype.hasOwnProperty.call(values, target.name);
        post({
          type: 'value',
          requestId: message.requestId,
          value: found ? { kind: 'slot', name: target.name, value: packValue(show(values[target.name])) } : null,
        });
        return;
      }
      const entry = current.extracts.get(target.stepKey);
      if (!entry) {
        post({ type: 'value', requestId: message.requestId, value: null });
        return;
      }
      const previous = current.previousInputs.get(target.stepKey);
      const changed = previous ? changedFields(previous.value, entry.input.value) : [];
      const before = previous?.value as Record<string, unknown> | undefined;
      const value: StepValues = {
        kind: 'step',
        stepKey: target.stepKey,
        summary: summarizeExtract(entry),
        input: packValue(show(entry.input.value)),
        output: packValue(show(entry.output.value)),
        previousFields: changed.length && before ? packValue(show(Object.fromEntries(changed.map((field) => [field, before[field]])))) : null,
        changed,
      };
      post({ type: 'value', requestId: message.requestId, value });
    } catch (error) {
      post({ type: 'value-failed', requestId: message.requestId, message: errorMessage(error) });
    }
  }

  /** A page of rows of a table in the open step or slot. */
  async function getRows(message: GetRowsMessage): Promise<void> {
    try {
      const current = await ensureCache(message.workflowId);
      const { target, at } = message;
      let holder: unknown;
      if (target.kind === 'slot') holder = current.lastState?.values[target.name];
      else {
        const sides = {
          input: current.extracts.get(target.stepKey)?.input,
          output: current.extracts.get(target.stepKey)?.output,
          previous: current.previousInputs.get(target.stepKey),
          slot: undefined,
        };
        holder = sides[at.side]?.value;
      }
      const table = at.field === undefined ? holder : (holder as Record<string, unknown> | undefined)?.[at.field];
      if (!isTable(table)) throw new Error(`there is no table at ${at.side}${at.field === undefined ? '' : `.${at.field}`} any more`);
      const to = Math.min(table.rowCount, message.from + message.count);
      post({ type: 'rows', requestId: message.requestId, from: message.from, columns: table.columns.map((column) => column.slice(message.from, to)) });
    } catch (error) {
      post({ type: 'rows-failed', requestId: message.requestId, message: errorMessage(error) });
    }
  }

  function clearCache(workflowId: string, stepKey: string | undefined): void {
    if (cache?.workflowId !== workflowId) return;
    if (stepKey === undefined) {
      cache.extracts.clear();
      cache.previousInputs.clear();
    } else {
      cache.extracts.delete(stepKey);
      cache.previousInputs.delete(stepKey);
    }
  }

  /** Runs, previews and summaries one at a time, in order; a failure of one never blocks the next. */
  const enqueue = (work: () => Promise<void>) => {
    queue = queue.then(work).catch((error: unknown) => console.error('run worker:', error));
    return queue;
  };

  return {
    handle(message) {
      switch (message.type) {
        // Answered at once: a queued run may be waiting for exactly this.
        case 'workspace-data':
          return receiveWorkspace(message);
        case 'clear-cache':
          clearCache(message.workflowId, message.stepKey);
          return Promise.resolve();
        // Not queued behind a run, so a person can look at a value while a long run goes on.
        case 'get-value':
          return getValue(message);
        case 'get-rows':
          return getRows(message);
        case 'run':
          return enqueue(() => run(message));
        case 'preview':
          return enqueue(() => preview(message));
        case 'summarize':
          return enqueue(() => summarize(message.workflowId));
      }
    },
    abort() {
      controller?.abort();
    },
  };
}
