/**
 * A sweep over one `Workflow` in memory: the steps that do not depend on what varies run once
 * here, then the states run, here one after another (`jobs` 1, on the workflow itself, whose cache
 * makes the shared steps skip) or on `jobs` worker threads, each sent the entries its state can skip
 * on (the shared steps' among them), each value once per thread. Each
 * state's entries are merged into the workflow as it ends, here, on one thread: parallel states
 * never overwrite each other's entries.
 */
import { State, runSweep, sharedSteps, valuesEqual, type StepExtract, type SweepOutcome, type Workflow } from '../../engine';
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
 * Merges a thread's state into the workflow as the same run here would have left it: each entry
 * its runs made goes first (an older one with the same input goes), and each entry it skipped on
 * becomes its step's most recently used.
 */
function mergeResult(workflow: Workflow, result: JobResult, hits: Map<number, StepExtract>, wire: ValueWire, held: Set<string>): void {
  const first = (key: string, entry: StepExtract) =>
    workflow.loadExtracts(key, [entry, ...workflow.extractsOf(key).filter((kept) => kept !== entry && !valuesEqual(kept.input.value, entry.input.value))]);
  for (const step of result.steps) {
    const hit = hits.get(step.index);
    if (step.status === 'skipped' && hit) first(step.key, hit);
  }
  for (const [key, entries] of Object.entries(result.cache ?? {})) for (const entry of wire.receive(entries, held)) first(key, entry);
}

export async function sweepWorkflow(workflow: Workflow, states: SweepState[], options: SweepOptions): Promise<SweepResult> {
  const shared = sharedSteps(
    workflow,
    states.map((state) => state.state.values),
  );
  const jobs = Math.max(1, Math.min(Math.floor(options.jobs) || 1, states.length));
  // Made now, so the threads load the models while the shared steps run here.
  const lanes = jobs > 1 ? Array.from({ length: jobs }, options.makeLane) : [];
  const wire = new ValueWire();
  // Per thread, the ids of the values it holds.
  const held = lanes.map(() => new Set<string>());
  try {
    const outcomes = await runSweep<SweepState, JobResult>({
      states,
      jobs,
      hasShared: shared.size > 0,
      runShared: async (first) => void (await runLoaded(workflow, State.fromJSON(first.state), [], shared)),
      runState: async (state, _index, lane) => {
        const thread = lanes[lane];
        // A state run here runs on the workflow itself: its entries are in place when it ends.
        if (!thread) {
          const { result } = await runLoaded(workflow, State.fromJSON(state.state), options.outputs);
          options.onState?.(state, result);
          return result;
        }
        const hits = matchingExtracts(workflow, State.fromJSON(state.state));
        const job = jobOf(workflow, state, hits, wire, held[lane] as Set<string>, options.outputs);
        const result = await thread.run(job, wire.takeMoved());
        mergeResult(workflow, result, hits, wire, held[lane] as Set<string>);
        options.onState?.(state, result);
        return result;
      },
    });
    return { outcomes, shared, jobs };
  } finally {
    await Promise.all(lanes.map((lane) => lane.close()));
  }
}
