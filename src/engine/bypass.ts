/**
 * Bypass: a step marked `bypassed` does not run. Where it has a wired input and an output of the same
 * port type (`portTypeOf`), the input's value passes through to the output's slot; an output with no
 * such input is not written, and the steps that read it do not run ("not run: upstream bypassed"),
 * nor those that read theirs. The step's cache is left as it was.
 */
import type { ModelDefinition } from './model';
import { portTypeOf } from './portType';
import type { StateLike } from './state';
import type { Step } from './step';

/** One output a bypassed step writes from one of its inputs. */
export interface PassThrough {
  /** The model input field whose value is passed on, and the state slot it is read from. */
  field: string;
  from: string;
  /** The model output key and the state slot it is written to. */
  output: string;
  to: string;
}

/**
 * What a bypassed step passes through: for each output it maps, the first input field of the same
 * port type (in the model's field order) that a state slot feeds. Params do not pass through: a
 * bypass hands on what flows in, as the wire would. An unknown model passes nothing.
 */
export function passThroughOf(step: Step, definition: ModelDefinition | undefined): PassThrough[] {
  if (!definition) return [];
  const slotOfField = new Map(Object.entries(step.inputs).map(([slot, field]) => [field, slot]));
  const wired = Object.entries(definition.inputs).filter(([field]) => slotOfField.has(field));
  const passes: PassThrough[] = [];
  for (const [output, to] of Object.entries(step.outputs)) {
    const schema = definition.outputs[output];
    if (!schema) continue;
    const type = portTypeOf(schema);
    const match = wired.find(([, input]) => portTypeOf(input) === type);
    if (match) passes.push({ field: match[0], from: slotOfField.get(match[0]) as string, output, to });
  }
  return passes;
}

/**
 * Runs a bypassed step against `state`: posts each pass-through whose input slot holds a value and is
 * not itself cut off by a bypass upstream, and adds every other output slot to `cutOff`. Returns what
 * it passed on. Posts where the slot is free, or over it on a mutable state (as a step that ran would).
 */
export function applyBypass(step: Step, definition: ModelDefinition | undefined, state: StateLike, cutOff: Set<string>, index: number): PassThrough[] {
  const passed = passThroughOf(step, definition).filter((pass) => !cutOff.has(pass.from) && state.has(pass.from));
  const written = new Set(passed.map((pass) => pass.to));
  for (const slot of Object.values(step.outputs)) if (!written.has(slot)) cutOff.add(slot);
  const output: Record<string, unknown> = {};
  for (const pass of passed) output[pass.to] = state.extract(pass.from);
  step.post(state, output, index, !state.mutable);
  return passed;
}

const NONE: readonly string[] = Object.freeze([]);

/** The slots a step reads that a bypass upstream cut off (empty: it may run). Allocates nothing in a run without a bypass. */
export function cutOffInputs(step: Step, cutOff: ReadonlySet<string>): readonly string[] {
  if (!cutOff.size) return NONE;
  return Object.keys(step.inputs).filter((slot) => cutOff.has(slot));
}
