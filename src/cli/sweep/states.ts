/**
 * The states of a `swark sweep`: several references (`--state a --state b`), or one slot over a
 * list of values (`--set fromYear=2012,2013`) on the workflow's own state or one `--state`. Each
 * value is read as the kind of the slot's current value; a bad one is refused in words.
 */
import { splitSweepValues, type JsonValue, type StateJSON } from '../../engine';
import { CliError, UsageError } from '../errors';
import type { References } from '../../engine';
import { resolveStateTarget, type WorkflowTarget } from '../targets';

export interface SweepState {
  /** How the row is named: the reference, or `slot = value`. */
  label: string;
  state: StateJSON;
}

/** One item of `--set` read as the kind of the slot's current (encoded) value. */
function typedValue(slot: string, current: JsonValue | undefined, item: string): JsonValue {
  if (typeof current === 'number') {
    const number = Number(item);
    if (!Number.isFinite(number)) throw new CliError(`--set ${slot}: “${item}” is not a number (the slot holds ${current})`);
    return number;
  }
  if (typeof current === 'boolean') {
    if (item !== 'true' && item !== 'false') throw new CliError(`--set ${slot}: “${item}” is neither true nor false`);
    return item === 'true';
  }
  if (typeof current === 'string') return item;
  try {
    return JSON.parse(item) as JsonValue;
  } catch {
    throw new CliError(`--set ${slot}: “${item}” is not valid JSON (the slot holds ${JSON.stringify(current)})`);
  }
}

function parseSet(text: string): { slot: string; items: string[] } {
  const equals = text.indexOf('=');
  const slot = equals < 0 ? '' : text.slice(0, equals).trim();
  if (!slot) throw new UsageError(`--set takes a slot and its values, e.g. --set fromYear=2012,2013,2014; got “${text}”`);
  const split = splitSweepValues(slot, text.slice(equals + 1));
  if (!split.ok) throw new CliError(split.problem);
  return { slot, items: split.items };
}

async function stateJSON(target: WorkflowTarget, ref: string | undefined, refs: References, cwd: string): Promise<StateJSON> {
  return (ref === undefined ? await target.defaultState() : await resolveStateTarget(ref, refs, cwd)).toJSON();
}

/** The states to run, in order; throws in words when they cannot be read or the values are bad. */
export async function sweepStates(target: WorkflowTarget, options: { states: string[]; set?: string }, refs: References, cwd: string): Promise<SweepState[]> {
  if (options.set !== undefined) {
    if (options.states.length > 1) throw new UsageError('--set sweeps one state over values: give at most one --state with it');
    const { slot, items } = parseSet(options.set);
    const base = await stateJSON(target, options.states[0], refs, cwd);
    if (!Object.hasOwn(base.values, slot)) {
      const slots = Object.keys(base.values);
      throw new CliError(`--set ${slot}: the state has no slot “${slot}”${slots.length ? ` (its slots: ${slots.join(', ')})` : ''}`);
    }
    const current = base.values[slot];
    return items.map((item) => {
      const value = typedValue(slot, current, item);
      return { label: `${slot} = ${item}`, state: { ...base, values: { ...base.values, [slot]: value } } };
    });
  }
  if (options.states.length < 2) throw new UsageError('swark sweep needs two or more --state <ref>, or --set <slot>=<v1>,<v2>,…');
  const states: SweepState[] = [];
  for (const ref of options.states) states.push({ label: ref, state: await stateJSON(target, ref, refs, cwd) });
  return states;
}
