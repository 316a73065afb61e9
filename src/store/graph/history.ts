/** Undo/redo stacks of graph snapshots, with coalescing of rapid edits to the same thing (typing). */
export class History<T> {
  private past: T[] = [];
  private future: T[] = [];
  private lastKey: string | null = null;
  private lastAt = 0;

  constructor(
    private readonly limit = 200,
    private readonly coalesceMs = 1000,
  ) {}

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

  get canUndo(): boolean {
    return this.past.length > 0;
  }

  get canRedo(): boolean {
    return this.future.length > 0;
  }
}
