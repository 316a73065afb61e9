/**
 * What the next Run will do with each step, without running anything: skip it, run it, or — when
 * only the new output of a step upstream decides — maybe run it ("upstream": skipped if that output
 * turns out equal to one the step was cached with).
 *
 * It follows the run exactly: a step's input is its params and the slots it reads, which are the
 * initial state's, a skipped step's cached output (posted only where the slot is still free), or
 * unknown (written by a step that will or may run). A step reading an unknown slot is decided, for
 * each of its cache entries, as if that slot kept the value the entry saw: if it runs even so for
 * every entry, it runs whatever the value (another value only differs more); if some entry would
 * let it be skipped, it may run.
 */
import {
  passThroughOf,
  valuesEqual,
  type ModelDefinition,
  type PreviewEntry,
  type RunReason,
  type StateLike,
  type Step,
  type StepExtract,
  type Workflow,
} from '../engine';
import type { WirePreviewEntry } from './protocol';

/** A slot as the preview knows it: its value, or that a running step writes it. */
type SlotKnowledge = { known: true; value: unknown } | { known: false; certain: boolean };

export interface RunPreview {
  entries: WirePreviewEntry[];
  /** The cached output each step the run will skip posts, by step key. */
  skippedOutputs: Map<string, Record<string, unknown>>;
}

/** The entry a skip uses: the first (most recently used) whose input and model match, as the engine's rule takes it. */
function hitOf(entries: readonly StepExtract[], definition: ModelDefinition, input: Record<string, unknown>): StepExtract | undefined {
  const sameModel = (side: StepExtract['input']) => side.model === null || (side.model === definition.id && side.version === definition.version);
  return entries.find((entry) => sameModel(entry.input) && sameModel(entry.output) && valuesEqual(entry.input.value, input));
}

export function previewRun(workflow: Workflow, state: StateLike): RunPreview {
  const slots = new Map<string, SlotKnowledge>();
  const slotOf = (name: string): SlotKnowledge | undefined => slots.get(name) ?? (state.has(name) ? { known: true, value: state.extract(name) } : undefined);
  const entries: WirePreviewEntry[] = [];
  const skippedOutputs = new Map<string, Record<string, unknown>>();
  // Slots a bypassed step will not write; their readers will not run (as `Workflow.run` decides).
  const cutOff = new Set<string>();
  const bypass = (step: Step, definition: ModelDefinition | undefined, cut: string[], index: number, key: string): void => {
    const passes = cut.length ? [] : passThroughOf(step, definition).filter((pass) => !cutOff.has(pass.from) && slotOf(pass.from));
    const passedTo = new Set(passes.map((pass) => pass.to));
    for (const slot of Object.values(step.outputs)) if (!passedTo.has(slot)) cutOff.add(slot);
    for (const pass of passes) slots.set(pass.to, slotOf(pass.from) as SlotKnowledge);
    const reason: RunReason = cut.length
      ? { kind: 'upstream-bypassed', slots: cut }
      : { kind: 'bypassed', passed: passes.map(({ field, output }) => ({ field, output })) };
    entries.push({ index, key, decision: { skip: false, reason } });
  };

  workflow.steps.forEach((step, index) => {
    const key = workflow.keyOf(index);
    const willRun = (reason: RunReason, upstream?: WirePreviewEntry['upstream']): void => {
      entries.push({ index, key, decision: { skip: false, reason }, ...(upstream ? { upstream } : {}) });
      for (const slot of Object.values(step.outputs)) slots.set(slot, { known: false, certain: upstream === undefined });
    };

    const definition = step.knownDefinition();
    const cut = Object.keys(step.inputs).filter((slot) => cutOff.has(slot));
    if (step.bypassed || cut.length) return bypass(step, definition, cut, index, key);
    if (!definition) return willRun({ kind: 'unknown-model' });
    const input: Record<string, unknown> = { ...step.params };
    const unknown: [slot: string, field: string][] = [];
    let certainUpstream = false;
    for (const [slot, field] of Object.entries(step.inputs)) {
      const known = slotOf(slot);
      if (!known) return willRun({ kind: 'missing-slot', slot });
      if (known.known) input[field] = known.value;
      else {
        unknown.push([slot, field]);
        if (known.certain) certainUpstream = true;
      }
    }
    const cached = workflow.extractsOf(index);
    if (!unknown.length) {
      const decision = workflow.decide(index, definition, input);
      if (!decision.skip) return willRun(decision.reason);
      entries.push({ index, key, decision });
      const output = (hitOf(cached, definition, input)?.output.value ?? {}) as Record<string, unknown>;
      skippedOutputs.set(key, output);
      // A skipped step posts its cached output only where the slot is still free.
      for (const [outputKey, slot] of Object.entries(step.outputs)) if (!slotOf(slot)) slots.set(slot, { known: true, value: output[outputKey] });
      return;
    }
    // As if the new values equalled those of each cache entry in turn (absent from it: the input differs anyway).
    const asIf = (entry: StepExtract | undefined) => {
      const seen = entry?.input.value as Record<string, unknown> | undefined;
      const probe = { ...input };
      for (const [, field] of unknown) probe[field] = seen?.[field];
      return workflow.decide(index, definition, probe);
    };
    const decisions = cached.length ? cached.map(asIf) : [asIf(undefined)];
    if (decisions.some((decision) => decision.skip)) {
      return willRun({ kind: 'upstream', slots: unknown.map(([slot]) => slot) }, certainUpstream ? 'will-run' : 'may-run');
    }
    // Runs whatever the upstream steps give: say why as for its current entry.
    willRun((decisions[0] as Exclude<PreviewEntry['decision'], { skip: true }>).reason);
  });
  return { entries, skippedOutputs };
}
