/**
 * The page's book of the values the run worker writes to the value store itself: the refs it is
 * still writing (no snapshot may refer to them before they are stored), the texts of values it
 * could not store (the page saves those), and what a worker must be told to load a workflow's cache.
 */
import type { ValueRefs } from './ports';
import type { ValueTexts } from './types';
import type { ExternalValues, ValueLocation } from './values';
import type { WorkspaceDatabase } from './workspaceDb';

/** How long a save waits for a worker's announced value writes before checking storage itself. */
export const AWAIT_VALUES_MS = 5000;
const POLL_MS = 25;

export type WorkerValueRefs = Awaited<ReturnType<ValueRefs['valueRefsFor']>>;

/** The ledger's view of the workspace: both are replaced or set as it loads. */
export interface LedgerHost {
  database(): WorkspaceDatabase | null;
  values(): ExternalValues | null;
  /** How long a save waits for announced writes (the workspace's `awaitValuesMs`). */
  waitMs(): number;
}

export class ValueLedger {
  /** Refs a worker announced as `writing` and has not reported stored yet. */
  private readonly writing = new Set<string>();

  constructor(private readonly host: LedgerHost) {}

  /** A worker's report beside new refs: `texts` it could not store, refs it is still `writing`. */
  record(texts: ValueTexts, writing: readonly string[]): void {
    this.accept(texts);
    for (const ref of writing) this.writing.add(ref);
  }

  /** A worker finished writing `refs` (those in `failed` it could not: they are saved from here). */
  stored(refs: readonly string[], failed: ValueTexts): void {
    this.accept(failed);
    for (const ref of refs) this.writing.delete(ref);
  }

  /**
   * Before a save: waits for announced value writes; those still missing after a while (the worker
   * was stopped) are looked up in storage, and what refers to a value that never arrived is dropped
   * (those steps run again) rather than saved pointing at nothing.
   */
  async settle(): Promise<void> {
    const deadline = Date.now() + this.host.waitMs();
    while (this.pending().length && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, POLL_MS));
    const pending = this.pending();
    if (!pending.length) return;
    const values = this.requireValues();
    const stored = new Set(await values.backend.keys());
    const missing = pending.filter((ref) => !stored.has(ref) && values.unsavedText(ref) === undefined);
    pending.forEach((ref) => this.writing.delete(ref));
    if (missing.length) {
      console.warn(`Workspace: ${missing.length} cached value(s) never reached storage; their steps will run again.`);
      this.host.database()?.dropValueRefs(new Set(missing));
    }
  }

  /**
   * What a worker needs to load a workflow's cache: extracts and kept state by ref, plus the texts
   * of values it cannot read from `location` (not saved yet, or not in IndexedDB).
   */
  async refsFor(db: WorkspaceDatabase, workflowId: string, location: ValueLocation | null): Promise<WorkerValueRefs> {
    const values = this.requireValues();
    const extracts = db.extractRefs(workflowId);
    const lastState = db.lastStateRefs(workflowId);
    const refs = new Set([
      ...extracts.flatMap((entry) => [entry.input.ref, entry.output.ref]),
      ...(lastState?.slots.map((slot) => slot.ref) ?? []),
      // The files its params read: a worker reads them from the store too, or gets them here.
      ...db.referencedFiles(),
    ]);
    const texts: ValueTexts = [];
    for (const ref of refs) {
      const unsaved = values.unsavedText(ref);
      if (unsaved !== undefined) texts.push([ref, unsaved]);
      else if (!location) {
        // A value gone missing leaves its step uncached, or fails the step that reads the file, in words.
        const text = await values.get(ref).catch(() => undefined);
        if (text !== undefined) texts.push([ref, text]);
      }
    }
    return { extracts, lastState, texts, location };
  }

  /** Announced refs the database still refers to (others no save needs). */
  private pending(): string[] {
    const db = this.host.database();
    if (!this.writing.size || !db) return [];
    const live = db.referencedValues();
    for (const ref of this.writing) if (!live.has(ref)) this.writing.delete(ref);
    return [...this.writing];
  }

  private accept(texts: ValueTexts): void {
    if (!texts.length) return;
    const values = this.requireValues();
    for (const [ref, json] of texts) values.put(ref, json);
  }

  private requireValues(): ExternalValues {
    const values = this.host.values();
    if (!values) throw new Error('the workspace is not loaded yet: await load() first');
    return values;
  }
}
