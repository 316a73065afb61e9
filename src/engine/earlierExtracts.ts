/**
 * The cache entries a step keeps beyond pyswark's one (`extractsPerStep` > 1): its earlier inputs
 * with their outputs, most recently used first, so going back to an earlier input skips the step.
 * Pure bookkeeping; the Workflow decides what matches and when an entry moves.
 */
import type { CacheEntry } from './workflow';
import { valuesEqual } from './values';

/** One cache entry of a step: its model input and output, made together by one run. */
export interface StepExtract {
  input: CacheEntry;
  output: CacheEntry;
}

/** The number of entries a step keeps, checked: a whole number of at least 1. */
export function checkExtractsPerStep(value: number): number {
  if (!Number.isInteger(value) || value < 1) throw new RangeError(`extractsPerStep must be a whole number of at least 1, not ${value}`);
  return value;
}

export class EarlierExtracts {
  private readonly byKey = new Map<string, StepExtract[]>();

  /** How many earlier entries a step keeps (extractsPerStep − 1). */
  constructor(private limit: number) {}

  of(key: string): readonly StepExtract[] {
    return this.byKey.get(key) ?? [];
  }

  /** Keeps at most `limit` per step, dropping the least recently used. */
  setLimit(limit: number): void {
    this.limit = limit;
    for (const [key, list] of this.byKey) this.store(key, list);
  }

  /**
   * `replaced` stops being the step's current entry because `current` is: it goes first, and an
   * entry with the same input as `current` goes (one output per input: the newest model's).
   */
  /** False with pyswark's one entry per step: nothing is ever retired (the run need not ask). */
  get keepsAny(): boolean {
    return this.limit > 0;
  }

  retire(key: string, replaced: StepExtract | null, current: StepExtract): void {
    if (this.limit === 0) return;
    const sameInput = (entry: StepExtract) => valuesEqual(entry.input.value, current.input.value);
    const kept = this.of(key).filter((entry) => !sameInput(entry));
    this.store(key, replaced && !sameInput(replaced) ? [replaced, ...kept] : kept);
  }

  /** Takes entry `position` out (it becomes current again) and puts `replaced` first in its place. */
  promote(key: string, position: number, replaced: StepExtract | null): StepExtract {
    const list = [...this.of(key)];
    const [hit] = list.splice(position, 1);
    if (!hit) throw new RangeError(`step "${key}" has no earlier cache entry ${position}`);
    this.store(key, replaced ? [replaced, ...list] : list);
    return hit;
  }

  /** Replaces a step's earlier entries (loading a stored cache), most recent first. */
  load(key: string, entries: readonly StepExtract[]): void {
    this.store(key, [...entries]);
  }

  delete(key: string): void {
    this.byKey.delete(key);
  }

  clear(): void {
    this.byKey.clear();
  }

  private store(key: string, list: StepExtract[]): void {
    const kept = list.slice(0, this.limit);
    if (kept.length) this.byKey.set(key, kept);
    else this.byKey.delete(key);
  }
}
