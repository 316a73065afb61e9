/**
 * One workflow over many states, pure: which slots differ between the states, which steps depend
 * on them (the others give the same result for every state, so a sweep runs them once and shares
 * them through the cache), a slot's list of values split in words, and the schedule of a sweep:
 * the shared steps first, then every state, at most `jobs` at a time. The app (Web Workers) and
 * the `swark sweep` command (worker threads) supply how one state runs.
 */
import { valuesEqual } from './values';

/** What the dependency walk needs of a workflow: its steps' slots (a `Workflow`, or its JSON). */
interface StepsWithSlots {
  steps: readonly { inputs: Readonly<Record<string, string>>; outputs: Readonly<Record<string, string>> }[];
}

/** The names of the slots whose values are not the same in every state (a slot missing from one differs). */
export function varyingSlots(states: readonly Readonly<Record<string, unknown>>[]): string[] {
  const [first, ...rest] = states;
  if (!first) return [];
  const names = new Set(states.flatMap((state) => Object.keys(state)));
  return [...names].filter((name) => rest.some((state) => Object.hasOwn(first, name) !== Object.hasOwn(state, name) || !valuesEqual(first[name], state[name])));
}

/**
 * The indices of the steps whose input may differ when `slots` do: those that read one, and those
 * that read what such a step writes, in run order. A slot a shared step writes over is shared again.
 */
export function stepsDependingOn(workflow: StepsWithSlots, slots: Iterable<string>): Set<number> {
  const tainted = new Set(slots);
  const depending = new Set<number>();
  workflow.steps.forEach((step, index) => {
    const depends = Object.keys(step.inputs).some((slot) => tainted.has(slot));
    if (depends) depending.add(index);
    for (const slot of Object.values(step.outputs)) {
      if (depends) tainted.add(slot);
      else tainted.delete(slot);
    }
  });
  return depending;
}

/** The steps every state runs alike: those that do not depend on what varies. */
export function sharedSteps(workflow: StepsWithSlots, states: readonly Readonly<Record<string, unknown>>[]): Set<number> {
  const depending = stepsDependingOn(workflow, varyingSlots(states));
  return new Set(workflow.steps.map((_, index) => index).filter((index) => !depending.has(index)));
}

export type SplitValues = { ok: true; items: string[] } | { ok: false; problem: string };

/**
 * A slot's values as typed in a sweep (`2012, 2013, 2014`): the items between commas, trimmed,
 * at least two, none empty and none repeated. Each item is then read as the slot's kind by the caller.
 */
export function splitSweepValues(slot: string, text: string): SplitValues {
  const items = text.split(',').map((item) => item.trim());
  if (items.length === 1 && items[0] === '') return { ok: false, problem: `List the values of “${slot}” to run over, separated by commas (e.g. 2012, 2013).` };
  const empty = items.findIndex((item) => item === '');
  if (empty >= 0) return { ok: false, problem: `Value ${empty + 1} of “${slot}” is empty: separate the values by single commas.` };
  if (items.length < 2) return { ok: false, problem: `A sweep of “${slot}” needs at least two values, separated by commas; for one, use Run.` };
  const repeated = items.find((item, index) => items.indexOf(item) !== index);
  if (repeated !== undefined) return { ok: false, problem: `“${repeated}” is listed twice for “${slot}”: each value runs once.` };
  return { ok: true, items };
}

/** How many states run at once: the caller's wish, at least 1, never more than there are states. */
export function sweepJobs(wanted: number, states: number): number {
  return Math.max(1, Math.min(Math.floor(wanted) || 1, states));
}

/** One state's result: what it gave, or why it failed (or `cancelled` when it never finished). */
export type SweepOutcome<R> = { ok: true; value: R } | { ok: false; error: unknown; cancelled?: true };

export interface SweepPlan<S, R> {
  states: readonly S[];
  /** How many states may run at once (see {@link sweepJobs}). */
  jobs: number;
  /** Whether some steps do not depend on what varies (they then run once, first, when states run in parallel). */
  hasShared: boolean;
  /** Runs the shared steps for the first state, so parallel states find them cached. A failure is left to the states. */
  runShared(state: S): Promise<void>;
  /** Runs one whole state on lane `lane` (0 ≤ lane < jobs); states on one lane run one after another. */
  runState(state: S, index: number, lane: number): Promise<R>;
  signal?: AbortSignal;
}

/**
 * Runs every state: one lane runs them one after another (the cache it keeps makes the shared
 * steps skip after the first); several lanes run the shared steps once first, then the states in
 * parallel. A failing state gives its error and the others go on; after an abort no state starts.
 */
export async function runSweep<S, R>(plan: SweepPlan<S, R>): Promise<SweepOutcome<R>[]> {
  const { states, signal } = plan;
  const jobs = sweepJobs(plan.jobs, states.length);
  const outcomes: SweepOutcome<R>[] = states.map(() => ({ ok: false, error: new Error('cancelled'), cancelled: true }));
  const first = states[0];
  if (first !== undefined && jobs > 1 && plan.hasShared && !signal?.aborted) await plan.runShared(first).catch(() => undefined);
  let next = 0;
  const lane = async (number: number) => {
    while (next < states.length && !signal?.aborted) {
      const index = next++;
      try {
        outcomes[index] = { ok: true, value: await plan.runState(states[index] as S, index, number) };
      } catch (error) {
        outcomes[index] = signal?.aborted ? { ok: false, error, cancelled: true } : { ok: false, error };
      }
    }
  };
  await Promise.all(Array.from({ length: jobs }, (_, number) => lane(number)));
  return outcomes;
}
