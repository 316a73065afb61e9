/** One workflow's stacks. */
interface Stacks<T> {
  past: T[];
  future: T[];
}

/**
 * Undo/redo stacks of graph snapshots, with coalescing of rapid edits to the same thing (typing).
 * One pair of stacks per workflow (`switchTo`): switching away keeps them for when it comes back;
 * the least recently opened go beyond `keptWorkflows`.
 */
export class History<T> {
  private past: T[] = [];
  private future: T[] = [];
  private lastKey: string | null = null;
  private lastAt = 0;
  private active: string | null = null;
  /** The other workflows' stacks, least recently left first. */
  private readonly parked = new Map<string, Stacks<T>>();

  constructor(
    private readonly limit = 200,
    private readonly coalesceMs = 1000,
    private readonly keptWorkflows = 20,
  ) {}

  /** Makes `key`'s stacks the current ones (empty for a workflow not seen yet), parking the current ones. */
  switchTo(key: string): void {
    if (key === this.active) return;
    if (this.active !== null) {
      this.parked.delete(this.active);
      this.parked.set(this.active, { past: this.past, future: this.future });
      for (const oldest of this.parked.keys()) {
        if (this.parked.size <= this.keptWorkflows) break;
        this.parked.delete(oldest);
      }
    }
    const stacks = this.parked.get(key);
    this.parked.delete(key);
    this.past = stacks?.past ?? [];
    this.future = stacks?.future ?? [];
    this.active = key;
    this.lastKey = null;
  }

  /** Drops a workflow's stacks (it was deleted). */
  forget(key: string): void {
    this.parked.delete(key);
    if (key !== this.active) return;
    this.clear();
    this.active = null;
  }

  /** Records `before` as an undo point; edits with the same key close together share one point. */
  record(before: T, key?: string, now = Date.now()): void {
    if (key !== undefined && key === this.lastKey && now - this.lastAt < this.coalesceMs) {
      this.lastAt = now;
      return;
    }
    this.past.push(before);
    if (this.past.length > this.limit) this.past.shift();
    this.future = [];
    this.lastKey = key ?? null;
    this.lastAt = now;
  }

  undo(current: T): T | null {
    const previous = this.past.pop();
    if (previous === undefined) return null;
    this.future.push(current);
    this.lastKey = null;
    return previous;
  }

  redo(current: T): T | null {
    const next = this.future.pop();
    if (next === undefined) return null;
    this.past.push(current);
    this.lastKey = null;
    return next;
  }

  clear(): void {
    this.past = [];
    this.future = [];
    this.lastKey = null;
  }

  /** Every snapshot kept, in any workflow's stacks: what an undo or redo may bring back. */
  *snapshots(): IterableIterator<T> {
    yield* this.past;
    yield* this.future;
    for (const stacks of this.parked.values()) {
      yield* stacks.past;
      yield* stacks.future;
    }
  }

  get canUndo(): boolean {
    return this.past.length > 0;
  }

  get canRedo(): boolean {
    return this.future.length > 0;
  }
}
