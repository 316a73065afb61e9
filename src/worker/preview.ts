/**
 * What the next Run will do with each step, without running anything: skip it, run it, or — when
 * only the new output of a step upstream decides — maybe run it ("upstream": skipped if that output
 * turns out equal to the one the step was cached with).
 *
 * It follows the run exactly: a step's input is its params and the slots it reads, which are the
 * initial state's, a skipped step's cached output (posted only where the slot is still free), or
 * unknown (written by a step that will or may run). A step reading an unknown slot is decided as if
 * that slot kept the value the cache saw: if it runs even so, it runs whatever the value (another
 * value only differs more); if it would be skipped, it may run.
 */
import type { PreviewEntry, RunReason, StateLike, Workflow } from '../engine';
import type { WirePreviewEntry } from './protocol';

/** A slot as the preview knows it: its value, or that a running step writes it. */
type SlotKnowledge = { known: true; value: unknown } | { known: false; certain: boolean };

export function previewRun(workflow: Workflow, state: StateLike): WirePreviewEntry[] {
  const slots = new Map<string, SlotKnowledge>();
  const slotOf = (name: string): SlotKnowledge | undefined => slots.get(name) ?? (state.has(name) ? { known: true, value: state.extract(name) } : undefined);
  const entries: WirePreviewEntry[] = [];

  workflow.steps.forEach((step, index) => {
    const key = workflow.keyOf(index);
    const entry = (decision: PreviewEntry['decision'], upstream?: WirePreviewEntry['upstream']): void => {
      entries.push({ index, key, decision, ...(upstream ? { upstream } : {}) });
      if (decision.skip) {
        const cached = workflow.modelOutputs.get(key)?.value as Record<string, unknown>;
        // A skipped step posts its cached output only where the slot is still free.
        for (const [outputKey, slot] of Object.entries(step.outputs)) if (!slotOf(slot)) slots.set(slot, { known: true, value: cached[outputKey] });
        return;
      }
      for (const slot of Object.values(step.outputs)) slots.set(slot, { known: false, certain: upstream === undefined });
    };
    const run = (reason: RunReason) => entry({ skip: false, reason });

    const definition = step.knownDefinition();
    if (!definition) return run({ kind: 'unknown-model' });
    const input: Record<string, unknown> = { ...step.params };
    const unknown: string[] = [];
    let certainUpstream = false;
    const cachedInput = workflow.modelInputs.get(key)?.value as Record<string, unknown> | undefined;
    for (const [slot, field] of Object.entries(step.inputs)) {
      const known = slotOf(slot);
      if (!known) return run({ kind: 'missing-slot', slot });
      if (known.known) input[field] = known.value;
      else {
        unknown.push(slot);
        if (known.certain) certainUpstream = true;
        // As if the new value equalled the cached one (absent from the cache: the input differs anyway).
        input[field] = cachedInput?.[field];
      }
    }
    const decision = workflow.decide(index, definition, input);
    if (!decision.skip || !unknown.length) return entry(decision);
    entry({ skip: false, reason: { kind: 'upstream', slots: unknown } }, certainUpstream ? 'will-run' : 'may-run');
  });
  return entries;
}
