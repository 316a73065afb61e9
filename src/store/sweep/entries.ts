/**
 * The states a sweep request names, resolved and checked in words before anything runs: saved
 * and application states as they are, or the base state with one slot set to each listed value
 * (each read as the slot's kind, as the State panel reads a typed value).
 */
import { splitSweepValues, stepsDependingOn, varyingSlots, type WorkflowJSON } from '../../engine';
import { kindOf, parseSlotText } from '../graph/slots';
import type { RunStateChoice, StateValues } from '../graph/types';
import type { SweepEntry, SweepRequest } from './types';

export interface EntrySources {
  /** The workflow's own initial state. */
  initialState: StateValues;
  savedStates: Record<string, StateValues>;
  /** The state Run starts from: the base of a sweep over values. */
  runState: StateValues;
  /** Reads a state named by reference (an application's). */
  resolveState(ref: string): Promise<StateValues>;
}

export type Resolved = { ok: true; entries: SweepEntry[] } | { ok: false; problem: string };

/** `fromYear = 2012, 2013` as states over `base`, or why not. */
export function valueEntries(base: StateValues, slot: string, text: string): Resolved {
  if (!Object.hasOwn(base, slot)) return { ok: false, problem: `The state has no slot “${slot}”: choose one of ${Object.keys(base).join(', ') || 'none'}.` };
  const split = splitSweepValues(slot, text);
  if (!split.ok) return split;
  const kind = kindOf(base[slot] as StateValues[string]);
  const entries: SweepEntry[] = [];
  for (const item of split.items) {
    const parsed = parseSlotText(slot, kind, item);
    if (!parsed.ok) return { ok: false, problem: parsed.problem };
    entries.push({ label: `${slot} = ${item}`, values: { ...base, [slot]: parsed.value } });
  }
  return { ok: true, entries };
}

async function choiceValues(choice: RunStateChoice, sources: EntrySources): Promise<StateValues> {
  if (choice.kind === 'own') return sources.initialState;
  if (choice.kind === 'saved') {
    const values = sources.savedStates[choice.name];
    if (!values) throw new Error(`The saved state “${choice.name}” is gone.`);
    return values;
  }
  try {
    return await sources.resolveState(choice.ref);
  } catch (error) {
    throw new Error(`${choice.ref} cannot be read: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
  }
}

const choiceLabel = (choice: RunStateChoice) => (choice.kind === 'saved' ? choice.name : choice.kind === 'own' ? 'this workflow’s slots' : choice.ref);

export async function resolveEntries(request: SweepRequest, sources: EntrySources): Promise<Resolved> {
  if (request.kind === 'values') return valueEntries(sources.runState, request.slot, request.text);
  if (request.states.length < 2) return { ok: false, problem: 'Choose two or more states to run over.' };
  try {
    const entries = await Promise.all(request.states.map(async (choice) => ({ label: choiceLabel(choice), values: await choiceValues(choice, sources) })));
    return { ok: true, entries };
  } catch (error) {
    return { ok: false, problem: error instanceof Error ? error.message : String(error) };
  }
}

/** Every slot a step writes, in step order. */
export const writtenSlots = (workflow: Pick<WorkflowJSON, 'steps'>): string[] => [...new Set(workflow.steps.flatMap((step) => Object.values(step.outputs)))];

/** The outputs shown by default: what the steps that depend on what varies write (else the last step's). */
export function defaultOutputs(workflow: Pick<WorkflowJSON, 'steps'>, states: readonly StateValues[]): string[] {
  const depending = [...stepsDependingOn(workflow, varyingSlots(states))];
  const steps = depending.length ? depending : workflow.steps.length ? [workflow.steps.length - 1] : [];
  return [...new Set(steps.flatMap((index) => Object.values(workflow.steps[index]?.outputs ?? {})))];
}
