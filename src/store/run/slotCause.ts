/**
 * Why a step would run, when the root of it is an edited initial-state slot: the steps that read the
 * slot and every step after them that runs because of them say "state slot `fromYear` changed",
 * rather than "input changed" or "upstream step will run". Pure over the preview's entries.
 */
import type { PreviewEntry, StepJSON } from '../../engine';
import type { PreviewVerdict } from './types';

const quoted = (slots: readonly string[]) => slots.map((slot) => `\`${slot}\``).join(', ');

/** The preview's words for a step that will (or, after one that will, may) run because of edited slots. */
export const slotChangeWords = (verdict: PreviewVerdict, slots: readonly string[]): string =>
  `${verdict === 'may-run' ? 'may run' : 'will run'}: state slot${slots.length > 1 ? 's' : ''} ${quoted(slots)} changed`;

/** The initial-state slots whose edit makes each step run, by step key (steps that run for another reason are absent). */
export function slotChangeCauses(steps: readonly StepJSON[], entries: readonly PreviewEntry[]): Map<string, string[]> {
  const producedBy = new Map<string, string>();
  steps.forEach((step, index) => {
    for (const slot of Object.values(step.outputs)) producedBy.set(slot, step.id ?? String(index));
  });
  const causes = new Map<string, string[]>();
  for (const entry of entries) {
    const step = steps[entry.index];
    if (entry.decision.skip || !step) continue;
    const { reason } = entry.decision;
    let slots: string[] = [];
    if (reason.kind === 'input-changed') {
      const changed = new Set(reason.fields);
      slots = Object.entries(step.inputs)
        .filter(([slot, field]) => changed.has(field) && !producedBy.has(slot))
        .map(([slot]) => slot);
    } else if (reason.kind === 'upstream') {
      // Only when every upstream step that will run does so because of edited slots.
      const upstream = reason.slots.map((slot) => causes.get(producedBy.get(slot) ?? ''));
      if (upstream.every((found) => found !== undefined)) slots = [...new Set(upstream.flat())];
    }
    if (slots.length) causes.set(entry.key, slots);
  }
  return causes;
}
