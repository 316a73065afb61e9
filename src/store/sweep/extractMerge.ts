/**
 * The page serialises a sweep's cache writes. Each run worker announces a step's entries as it
 * sees them (its own copy of the cache, loaded when it started), and the workspace replaces a
 * step's rows with what it is given: two workers finishing the same step would each drop the
 * other's new entry. So the page keeps each step's entries as the workspace holds them and hands
 * the workspace the merge: the worker's entries first (most recently used), then those it did not
 * know, one per input, at most `limit`.
 */
import type { StoredExtractRef } from '../../persistence/types';

export class ExtractMerge {
  private readonly byStep = new Map<string, StoredExtractRef[]>();

  constructor(private readonly limit: number) {}

  /** `stored`: the workflow's entries as the workspace holds them, most recent first per step (read before any worker runs). */
  load(stored: readonly StoredExtractRef[]): void {
    this.byStep.clear();
    for (const entry of stored) this.byStep.set(entry.stepKey, [...(this.byStep.get(entry.stepKey) ?? []), entry]);
  }

  /** The rows to put for the steps a worker announced, merged with what the others wrote. */
  merge(announced: readonly StoredExtractRef[]): StoredExtractRef[] {
    const steps = [...new Set(announced.map((entry) => entry.stepKey))];
    return steps.flatMap((step) => {
      const merged: StoredExtractRef[] = [];
      for (const entry of [...announced.filter((item) => item.stepKey === step), ...(this.byStep.get(step) ?? [])])
        if (!merged.some((kept) => kept.inputHash === entry.inputHash)) merged.push(entry);
      const kept = merged.slice(0, this.limit);
      this.byStep.set(step, kept);
      return kept;
    });
  }
}
