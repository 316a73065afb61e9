/**
 * Text a person has typed that has not reached the graph yet: big fields (code, SQL, CSV) commit
 * on a pause, so a keystroke costs no save or compile. A run flushes them first, so it always
 * runs what is on the screen.
 */
export class PendingEdits {
  private readonly flushes = new Set<() => void>();

  /** Registers an editor's flush while it holds uncommitted text; returns the release. */
  hold(flush: () => void): () => void {
    this.flushes.add(flush);
    return () => this.flushes.delete(flush);
  }

  /** Commits every held text now. */
  flush(): void {
    for (const flush of [...this.flushes]) flush();
  }
}
