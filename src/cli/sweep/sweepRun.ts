/**
 * A sweep over one `Workflow` in memory: the steps that do not depend on what varies run once
 * here, then the states run, here one after another (`jobs` 1, on the workflow itself, whose cache
 * makes the shared steps skip) or `jobs` at a time: one here and the others on `jobs` − 1 worker
 * threads, each state given the entries it can skip on (the shared steps' among them), each value
 * sent once per thread. Each
 * state's entries are merged into the workflow as it ends, here, on one thread: parallel states
 * never overwrite each other's entries.
 */
import { State, Workflow, runSweep, sharedSteps, valuesEqual, type StepExtract, type SweepOutcome } from '../../engine';
import { runLoaded, type JobResult, type SweepJob } from './job';
import type { Lane } from './lanes';
import { ValueWire, type WireCache } from './transfer';
import type { SweepState } from './states';

export interface SweepOptions {
  jobs: number;
  /** The slots the results show. */
  outputs: readonly string[];
  makeLane: () => Lane;
  /** Called as each state ends, after its entries are merged (e.g. to save them). */
  onState?: (state: SweepState, result: JobResult) => void;
}

export interface SweepResult {
  outcomes: SweepOutcome<JobResult>[];
  /** The indices of the steps run once for every state. */
  shared: Set<number>;
  jobs: number;
}

/**
 * The entries `state` can skip on, step by step, found as a run would find them but without running
 * anything: a step whose input is known (from the state, or from the entry an earlier step skips on)
 * and matches an entry skips on it; the slots a step that would run writes are unknown after it, so
 * the steps that read them get no entry. A thread is sent only these: the other states' entries of
 * the swept steps could only match a state whose swept steps give the same values as another's.
 */
function matchingExtracts(workflow: Workflow, state: State): Map<number, StepExtract> {
  const found = new Map<number, StepExtract>();
  const unknown = new Set<string>();
  workflow.steps.forEach((step, index) => {
    const runs = () => Object.values(step.outputs).forEach((slot) => unknown.add(slot));
    if (step.bypassed || Object.keys(step.inputs).some((slot) => unknown.has(slot))) return runs();
    let input: Record<string, unknown>;
    let decision: ReturnType<Workflow['decide']>;
    try {
      const definition = step.definition(index);
      input = step.buildInput(state, index);
      decision = workflow.decide(index, definition, input);
    } catch {
      return runs();
    }
    const hit = decision.skip ? workflow.extractsOf(index).find((entry) => valuesEqual(entry.input.value, input)) : undefined;
    if (!hit) return runs();
    found.set(index, hit);
    step.postOutput(state, hit.output.value as Record<string, unknown>, index, true);
  });
  return found;
}

/** A state for a thread, with the entries it can skip on; the values the thread holds already go by id. */
function jobOf(
  workflow: Workflow,
  state: SweepState,
  hits: Map<number, StepExtract>,
  wire: ValueWire,
  held: Set<string>,
  outputs: readonly string[],
): SweepJob {
  const cache: WireCache = {};
  for (const [index, extract] of hits) cache[workflow.keyOf(index)] = wire.send([extract], held);
  // Steps and flags only: toJSON would encode every cache entry.
  const steps = { steps: workflow.steps.map((step) => step.toJSON()), useExtracts: workflow.useExtracts, populateExtracts: workflow.populateExtracts };
  return { workflow: steps, extractsPerStep: workflow.extractsPerStep, cache, state: state.state, outputs: [...outputs] };
}

/**
 * Merges a lane's state into the workflow as the same run here would have left it: each entry its
 * run made goes first (an older one with the same input goes), and each entry it skipped on becomes
 * its step's most recently used.
 */
function mergeEntries(workflow: Workflow, steps: JobResult['steps'], hits: Map<number, StepExtract>, made: Iterable<[string, StepExtract]>): void {
  const first = (key: string, entry: StepExtract) =>
    workflow.loadExtracts(key, [entry, ...workflow.extractsOf(key).filter((kept) => kept !== entry && !valuesEqual(kept.input.value, entry.input.value))]);
  for (const step of steps) {
    const hit = hits.get(step.index);
    if (step.status === 'skipped' && hit) first(step.key, hit);
  }
  for (const [key, entry] of made) first(key, entry);
}

/** A thread's entries, each value that crossed before taken by id (`transfer.ts`). */
function* receivedEntries(result: JobResult, wire: ValueWire, held: Set<string>): Iterable<[string, StepExtract]> {
  for (const [key, entries] of Object.entries(result.cache ?? {})) for (const entry of wire.receive(entries, held)) yield [key, entry];
}

/**
 * A state run on this thread beside the worker threads: on a workflow of its own with the entries
 * it can skip on (the shared workflow may take a thread's entries while this run awaits a model),
 * its entries then merged as a thread's are, but nothing crosses.
 */
async function runHere(workflow: Workflow, state: SweepState, outputs: readonly string[]): Promise<JobResult> {
  const hits = matchingExtracts(workflow, State.fromJSON(state.state));
  const own = Workflow.fromJSON({
    steps: workflow.steps.map((step) => step.toJSON()),
    useExtracts: workflow.useExtracts,
    populateExtracts: workflow.populateExtracts,
    modelInputs: {},
    modelOutputs: {},
  });
  own.extractsPerStep = workflow.extractsPerStep;
  for (const [index, extract] of hits) own.loadExtracts(workflow.keyOf(index), [extract]);
  const { result, created } = await runLoaded(own, State.fromJSON(state.state), outputs);
  mergeEntries(workflow, result.steps, hits, created);
  return result;
}

/** How many states a worker thread is given at a time (the next waits in the thread). */
const IN_FLIGHT = 2;

export async function sweepWorkflow(workflow: Workflow, states: SweepState[], options: SweepOptions): Promise<SweepResult> {
  const shared = sharedSteps(
    workflow,
    states.map((state) => state.state.values),
  );
  const jobs = Math.max(1, Math.min(Math.floor(options.jobs) || 1, states.length));
  // This thread is lane 0 (it has the models loaded and warm from the shared steps, and its states'
  // values need not cross); the others are worker threads, made now, so they load the models while
  // the shared steps run here.
  const threads = jobs > 1 ? Array.from({ length: jobs - 1 }, options.makeLane) : [];
  // Each thread has IN_FLIGHT states at a time, queued in the thread: while this thread runs a state
  // of its own (a run here never yields to a thread's reply) or takes in a thread's entries, that
  // thread goes on with the next state it was given rather than wait. Lanes 1… are these slots.
  const slots = threads.length * IN_FLIGHT;
  // The threads' tables are made into arrays here only when read (most are only kept, for the workspace).
  const wire = new ValueWire(undefined, true);
  // Per thread, the ids of the values it holds.
  const held = threads.map(() => new Set<string>());
  try {
    const outcomes = await runSweep<SweepState, JobResult>({
      states,
      jobs: jobs > 1 ? 1 + slots : 1,
      hasShared: shared.size > 0,
      runShared: async (first) => void (await runLoaded(workflow, State.fromJSON(first.state), [], shared)),
      runState: async (state, _index, lane) => {
        const threadIndex = lane > 0 ? (lane - 1) % threads.length : -1;
        const thread = threads[threadIndex];
        if (!thread) {
          // Alone, a state runs on the workflow itself: its entries are in place when it ends.
          const result =
            jobs > 1 ? await runHere(workflow, state, options.outputs) : (await runLoaded(workflow, State.fromJSON(state.state), options.outputs)).result;
          options.onState?.(state, result);
          return result;
        }
        const hits = matchingExtracts(workflow, State.fromJSON(state.state));
        const threadHolds = held[threadIndex] as Set<string>;
        const job = jobOf(workflow, state, hits, wire, threadHolds, options.outputs);
        const result = await thread.run(job, wire.takeMoved());
        mergeEntries(workflow, result.steps, hits, receivedEntries(result, wire, threadHolds));
        // The thread keeps only the values sent to it (`thread.ts`).
        wire.peerForgot(threadHolds);
        options.onState?.(state, result);
        return result;
      },
    });
    return { outcomes, shared, jobs };
  } finally {
    await Promise.all(threads.map((thread) => thread.close()));
  }
}
