/**
 * A sweep over one `Workflow` in memory: the steps that do not depend on what varies run once
 * here, then the states run, here one after another (`jobs` 1, on the workflow itself, whose cache
 * makes the shared steps skip) or on `jobs` worker threads, each sent the cache as it stands. Each
 * state's entries are merged into the workflow as it ends, here, on one thread: parallel states
 * never overwrite each other's entries.
 */
import { State, runSweep, sharedSteps, valuesEqual, type StepExtract, type SweepOutcome, type Workflow } from '../../engine';
import { runLoaded, type JobResult, type SweepJob } from './job';
import type { Lane } from './lanes';
import { ExtractIds, type WireCache } from './transfer';
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

/** Puts a state's entries before the ones the workflow holds (one per input), as a run would. */
function mergeCache(workflow: Workflow, cache: WireCache, ids: ExtractIds): void {
  for (const [key, wire] of Object.entries(cache)) {
    const merged: StepExtract[] = [];
    for (const entry of [...ids.receive(wire, true), ...workflow.extractsOf(key)])
      if (!merged.some((kept) => valuesEqual(kept.input.value, entry.input.value))) merged.push(entry);
    workflow.loadExtracts(key, merged);
  }
}

/** A state for a thread, with every entry the workflow holds now; those the thread holds already by id. */
function jobOf(workflow: Workflow, state: SweepState, ids: ExtractIds, held: Set<number>, outputs: readonly string[]): SweepJob {
  const cache: WireCache = {};
  workflow.steps.forEach((_, index) => {
    const wire = ids.send(workflow.extractsOf(index), (id) => held.has(id), true);
    for (const entry of wire) held.add('known' in entry ? entry.known : (entry.id as number));
    cache[workflow.keyOf(index)] = wire;
  });
  // Steps and flags only: toJSON would encode every cache entry.
  const steps = { steps: workflow.steps.map((step) => step.toJSON()), useExtracts: workflow.useExtracts, populateExtracts: workflow.populateExtracts };
  return { workflow: steps, extractsPerStep: workflow.extractsPerStep, cache, state: state.state, outputs: [...outputs] };
}

export async function sweepWorkflow(workflow: Workflow, states: SweepState[], options: SweepOptions): Promise<SweepResult> {
  const shared = sharedSteps(
    workflow,
    states.map((state) => state.state.values),
  );
  const jobs = Math.max(1, Math.min(Math.floor(options.jobs) || 1, states.length));
  // Made now, so the threads load the models while the shared steps run here.
  const lanes = jobs > 1 ? Array.from({ length: jobs }, options.makeLane) : [];
  const ids = new ExtractIds();
  const held = lanes.map(() => new Set<number>());
  try {
    const outcomes = await runSweep<SweepState, JobResult>({
      states,
      jobs,
      hasShared: shared.size > 0,
      runShared: async (first) => void (await runLoaded(workflow, State.fromJSON(first.state), [], shared)),
      runState: async (state, _index, lane) => {
        const thread = lanes[lane];
        // A state run here runs on the workflow itself: its entries are in place when it ends.
        const result = thread
          ? await thread.run(jobOf(workflow, state, ids, held[lane] as Set<number>, options.outputs))
          : (await runLoaded(workflow, State.fromJSON(state.state), options.outputs)).result;
        if (result.cache) mergeCache(workflow, result.cache, ids);
        options.onState?.(state, result);
        return result;
      },
    });
    return { outcomes, shared, jobs };
  } finally {
    await Promise.all(lanes.map((lane) => lane.close()));
  }
}
