/**
 * One run in the worker: builds the engine's workflow and state, forwards its events, stores each
 * step's new extract as it finishes (so a cancel keeps the work done), then keeps the state it left.
 */
import { Runner, State, errorMessage, hashValue, type ModelRegistry, type StateLike, type Workflow, type WorkflowEvent } from '../engine';
import type { ExtractSideRef, LastStateRefs, StoredExtractRef } from '../persistence/types';
import type { CacheEntry } from '../engine';
import { buildWorkflow, freshState, plan } from './build';
import type { FromWorker, StartRunMessage, StateSummary, WireEvent, WireStepError } from './protocol';
import { encodeOnce, freshValues, storeValues, type Encoded } from './storing';
import { summarizeExtract, summarizeState, summarizeStep, toWireError } from './wire';
import { entriesOf, setStepEntries, type CachedExtract, type WorkflowCache } from './workflowCache';

export interface RunDeps {
  post: (message: FromWorker) => void;
  registry: ModelRegistry;
  /** The run's signal, so the session can abort it (in-process tests; a real worker is terminated). */
  signal: AbortSignal;
  /** Where models read stored files from. */
  readFile: (ref: string) => Promise<string>;
}

const IN_CACHE = { inCache: true } as const;

const sideRef = (extract: CacheEntry, ref: string): ExtractSideRef => ({
  model: extract.model,
  version: extract.version,
  ...(extract.at === undefined ? {} : { at: extract.at }),
  ...(extract.origin === undefined ? {} : { origin: extract.origin }),
  ref,
});

/** The workflow, its state and the steps to run; null when the run cannot start (said to the page). */
function prepare(
  message: StartRunMessage,
  cache: WorkflowCache,
  { post, registry }: RunDeps,
): { workflow: Workflow; state: StateLike; only: Set<number> | undefined } | null {
  const { runId } = message;
  try {
    const workflow = buildWorkflow(message.workflow, cache, message.flags, registry, message.extractsPerStep);
    let state: StateLike;
    if (message.kind === 'rerun') {
      if (!cache.lastState) {
        post({ type: 'failed', runId, message: 'nothing to rerun yet', nothingToRerun: true });
        return null;
      }
      // State holds references and a run only adds or replaces slots, so the kept values are shared, not copied.
      state = new State({ ...cache.lastState.values }, { mutable: message.flags.mutable });
    } else state = freshState(message.initialState, message.flags.mutable);
    let only: Set<number> | undefined;
    if (message.kind === 'run-to') {
      if (message.target === undefined) throw new Error('"run to here" needs a target step');
      if (workflow.indexOf(message.target) < 0) throw new Error(`"run to here": the workflow has no step "${message.target}"`);
      only = workflow.ancestorsOf(message.target);
    }
    if (message.only) {
      const missing = message.only.filter((key) => workflow.indexOf(key) < 0);
      if (missing.length) throw new Error(`the workflow has no step ${missing.map((key) => `"${key}"`).join(', ')}`);
      only = new Set(message.only.map((key) => workflow.indexOf(key)));
    }
    return { workflow, state, only };
  } catch (error) {
    post({ type: 'failed', runId, message: errorMessage(error) });
    return null;
  }
}

/**
 * A step's engine entries as the worker keeps them: those it had already are reused (their refs are
 * recorded), a new one is encoded for the value store (`encoded`: the values to store).
 */
function stepEntries(
  cache: WorkflowCache,
  stepKey: string,
  extracts: readonly { input: CacheEntry; output: CacheEntry }[],
): { entries: CachedExtract[]; encoded: Encoded[] } {
  const known = new Map(entriesOf(cache, stepKey).map((entry) => [entry.input, entry]));
  const encoded: Encoded[] = [];
  const entries = extracts.map((extract) => {
    const kept = known.get(extract.input);
    if (kept && kept.output === extract.output) return kept;
    const input = encodeOnce(extract.input.value);
    const output = encodeOnce(extract.output.value);
    encoded.push(input, output);
    return { stepKey, inputHash: hashValue(extract.input.value), input: extract.input, output: extract.output, inputRef: input.ref, outputRef: output.ref };
  });
  return { entries, encoded };
}

export async function runWorkflow(message: StartRunMessage, cache: WorkflowCache, deps: RunDeps): Promise<void> {
  const { runId } = message;
  const { post } = deps;
  const prepared = prepare(message, cache, deps);
  if (!prepared) return;
  const { workflow, state, only } = prepared;
  post({ type: 'planned', runId, steps: plan(workflow, only) });
  cache.previousInputs = new Map([...cache.extracts].map(([key, entry]) => [key, entry.input]));
  cache.lastRun.clear();

  const onEvent = (event: WorkflowEvent) => {
    if (event.type !== 'end') return post({ type: 'event', runId, event });
    const { error, extracts, values, ...rest } = event;
    const wire: WireEvent = { ...rest, ...(error ? { error: toWireError(error) } : {}) };
    if (event.status === 'skipped') cache.lastRun.set(event.key, IN_CACHE);
    else if (event.status !== 'ran') cache.lastRun.delete(event.key);
    if (values) {
      // This run's values, kept apart from the cache, which still holds the entry it had.
      const extract = { stepKey: event.key, inputHash: hashValue(values.input.value), input: values.input, output: values.output };
      cache.lastRun.set(event.key, { inCache: false, extract, ...(event.uncached === undefined ? {} : { why: event.uncached }) });
      wire.uncachedValues = summarizeExtract(extract);
    }
    if (extracts) {
      // The step's entries now (a new one first, or an earlier one it was skipped on, with those it keeps).
      const { entries, encoded } = stepEntries(cache, event.key, workflow.extractsOf(event.index));
      const stored = storeValues(post, cache, freshValues(cache, encoded));
      const [current, ...earlier] = entries as [CachedExtract, ...CachedExtract[]];
      setStepEntries(cache, event.key, current, earlier);
      cache.lastRun.set(event.key, IN_CACHE);
      wire.extract = summarizeStep(cache, event.key);
      // Stored and announced as each step finishes, so a later cancel keeps the work already done.
      const refs = entries.map(
        (entry): StoredExtractRef => ({
          stepKey: entry.stepKey,
          inputHash: entry.inputHash,
          input: sideRef(entry.input, entry.inputRef),
          output: sideRef(entry.output, entry.outputRef),
        }),
      );
      post({ type: 'persist-extracts', runId, workflowId: cache.workflowId, extracts: refs, ...stored });
    }
    post({ type: 'event', runId, event: wire });
  };
  // Run and rerun differ only in the state (fresh slots or the kept state) and the flags,
  // which buildWorkflow already set: exactly what Runner.rerun(flags) does to its kept pair.
  const runner = new Runner({ workflow, state });
  let outcome: 'ok' | 'error' = 'ok';
  let failure: WireStepError | undefined;
  try {
    await runner.run({ signal: deps.signal, onEvent, readFile: deps.readFile, ...(only ? { only } : {}) });
  } catch (error) {
    outcome = 'error';
    failure = toWireError(error);
  }
  const kept = state as State;
  const values = kept.toObject();
  const encoded = Object.entries(values).map(([name, value]) => ({ name, ...encodeOnce(value) }));
  const stored = storeValues(post, cache, freshValues(cache, encoded));
  cache.lastState = { mutable: kept.mutable, values, refs: Object.fromEntries(encoded.map(({ name, ref }) => [name, ref])) };
  // The kept slots' refs changed: counted again when next needed (once per run).
  delete cache.recordedRefs;
  const persist: LastStateRefs = { mutable: kept.mutable, slots: encoded.map(({ name, ref }) => ({ name, ref })) };
  const summary = summarizeState(cache.lastState) as StateSummary;
  post({ type: 'done', runId, outcome, state: summary, persist, ...stored, ...(failure ? { error: failure } : {}) });
}
