/**
 * What the workspace keeps in Web Storage, outside IndexedDB: the edit journal and the marker that a
 * workspace was saved in this browser. The one module allowed Web Storage (eslint.config.js).
 *
 * The journal: each journaled edit is written here synchronously, before the debounced autosave, so
 * an edit made a moment before the tab closes is not lost; the next load replays the entries its
 * snapshot lacks. An entry records the snapshot it was made on top of (`base`); a save records its
 * cut (which entries its snapshot holds once it lands, and its `savedAt`, the save's identity) before
 * it writes, and prunes them once confirmed. A tab killed between a save landing and its
 * confirmation leaves the cut behind, so the next load still knows which entries that snapshot holds.
 * Entries set whole records or delete them, so replaying one the snapshot already holds changes
 * nothing: a replay is idempotent.
 *
 * The journal only ever adds a way back: when it cannot be written (Web Storage full, refused) it
 * says so in words and the IndexedDB save goes on as before.
 */
import { isQuotaError } from './faults';

/** The synchronous key-value store this module writes (localStorage in the browser; injected in tests). */
export interface WebStorageArea {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
  removeItem(key: string): void;
}

/** The page's localStorage, or null where there is none or it is refused (Node, a sandboxed frame, blocked cookies). */
export function browserWebStorage(): WebStorageArea | null {
  try {
    return typeof localStorage === 'undefined' ? null : localStorage;
  } catch {
    return null;
  }
}

const EXISTED_KEY = 'swark-workspace-existed';

/** Records that a workspace has been saved in this browser. Best effort: a full or refused storage only loses the marker. */
export function markWorkspaceExists(storage: WebStorageArea | null = browserWebStorage()): void {
  try {
    if (storage && storage.getItem(EXISTED_KEY) === null) storage.setItem(EXISTED_KEY, new Date().toISOString());
  } catch {
    // Nothing to do: the marker only improves a message.
  }
}

/** True when {@link markWorkspaceExists} ran in this browser before (and the browser kept Web Storage). */
export function workspaceExisted(storage: WebStorageArea | null = browserWebStorage()): boolean {
  try {
    return storage?.getItem(EXISTED_KEY) != null;
  } catch {
    return false;
  }
}

// ------------------------------------------------------------ the edit journal

const JOURNAL_KEY = 'swark-edit-journal';
const JOURNAL_FORMAT = 1;
/** Past this the journal is not written (each edit rewrites it whole, and Web Storage holds ~5 MB per site). */
const MAX_JOURNAL_CHARS = 1_500_000;

interface JournalEntry<Op> {
  /** Increasing within the journal: a cut names the entries up to one. */
  n: number;
  /** The snapshot (seq) the edit was made on top of; null: none was saved yet. */
  base: number | null;
  op: Op;
}

/** A save under way: once it lands as the snapshot saved at `savedAt`, that snapshot holds the entries up to `through`. */
export interface SaveCut {
  savedAt: number;
  base: number | null;
  through: number;
}

interface JournalFile<Op> {
  format: typeof JOURNAL_FORMAT;
  entries: JournalEntry<Op>[];
  cuts: SaveCut[];
}

/** Which snapshot a load read: its seq and `savedAt` (see `SnapshotEntry`). */
export interface SnapshotIdentity {
  seq: number;
  savedAt: number;
}

/** What the journal must know of the edits it keeps. */
export interface JournalRules<Op> {
  /** A shape check: the journal may come from another version, or be damaged. */
  isOp(value: unknown): value is Op;
  /** True when `later` makes `earlier` redundant (it sets or deletes the record `earlier` set). */
  supersedes(later: Op, earlier: Op): boolean;
}

export const JOURNAL_NOTICES = {
  full: 'Recent edits could not be written to the quick-save journal (the browser’s small storage for it is full): they are still saved with the workspace a moment later, but an edit made just before the tab closes may be lost.',
  unavailable:
    'Recent edits could not be written to the quick-save journal (the browser refused its storage): they are still saved with the workspace a moment later, but an edit made just before the tab closes may be lost.',
  newer:
    'The quick-save journal was written by a newer version of Swark Studio, so this tab leaves it alone: edits are saved with the workspace a moment later, without it.',
} as const;

function unreadableJournalNotice(reason: string): string {
  return `The edits journaled just before the tab last closed could not be read (${reason}); the saved workspace is unchanged.`;
}

function unappliedJournalNotice(count: number, reason: string): string {
  return `${count} edit(s) journaled just before the tab last closed could not be applied (${reason}); the rest were restored.`;
}

const emptyFile = <Op>(): JournalFile<Op> => ({ format: JOURNAL_FORMAT, entries: [], cuts: [] });

export class EditJournal<Op> {
  private file: JournalFile<Op> = emptyFile();
  private nextN = 1;
  /** Why the last write failed, in words; null when it succeeded. */
  private writeProblem: string | null = null;
  /** Why what the last writer left could not all be replayed; kept until a save is confirmed. */
  private readProblem: string | null = null;
  /** Set when this tab must not write the journal at all (a newer version's format). */
  private leftAlone = false;

  constructor(
    private readonly storage: WebStorageArea | null,
    private readonly rules: JournalRules<Op>,
  ) {}

  get notice(): string | null {
    return this.writeProblem ?? this.readProblem;
  }

  /** Says that some replayed edits could not be applied (kept until a save is confirmed). */
  reportUnapplied(count: number, reason: string): void {
    this.readProblem = unappliedJournalNotice(count, reason);
  }

  /** How many edits are journaled and not yet confirmed saved. */
  get size(): number {
    return this.file.entries.length;
  }

  /**
   * Reads the journal the last writer left and returns the edits `loaded` lacks, in order. They stay
   * journaled, now on top of `loaded`, until a save that holds them is confirmed.
   */
  takeOver(loaded: SnapshotIdentity | null): Op[] {
    this.file = this.read();
    const landed = loaded ? this.file.cuts.filter((cut) => cut.savedAt === loaded.savedAt && (cut.base === null || loaded.seq > cut.base)) : [];
    // Equal `savedAt`s cannot be told apart: assume the smallest cut, and replay the rest (idempotent).
    const held = landed.length > 0 ? Math.min(...landed.map((cut) => cut.through)) : 0;
    const base = loaded?.seq ?? null;
    const lacking = this.file.entries.filter((entry) => entry.n > held).map((entry) => ({ ...entry, base }));
    this.file = { format: JOURNAL_FORMAT, entries: lacking, cuts: [] };
    this.nextN = Math.max(0, ...lacking.map((entry) => entry.n)) + 1;
    this.write();
    return lacking.map((entry) => entry.op);
  }

  /** Journals an edit just applied on top of snapshot `base`; an earlier entry it makes redundant goes. */
  append(op: Op, base: number | null): void {
    const entries = this.file.entries.filter((entry) => !this.rules.supersedes(op, entry.op));
    entries.push({ n: this.nextN++, base, op });
    this.file = { ...this.file, entries };
    this.write();
  }

  /** A save of every edit journaled so far begins (null: nothing journaled). */
  cut(base: number | null, savedAt: number): SaveCut | null {
    const last = this.file.entries.at(-1);
    if (!last) return null;
    const cut: SaveCut = { savedAt, base, through: last.n };
    this.file = { ...this.file, cuts: [...this.file.cuts, cut] };
    this.write();
    return cut;
  }

  /** The save of `cut` landed as snapshot `seq`: its entries go, the later ones are now on top of `seq`. */
  confirm(cut: SaveCut | null, seq: number): void {
    const through = cut?.through ?? 0;
    const entries = this.file.entries.filter((entry) => entry.n > through).map((entry) => ({ ...entry, base: seq }));
    this.file = { format: JOURNAL_FORMAT, entries, cuts: [] };
    this.readProblem = null;
    this.write();
  }

  /** The save of `cut` failed before anything could land: its cut goes, its entries stay. */
  forget(cut: SaveCut | null): void {
    if (!cut) return;
    this.file = { ...this.file, cuts: this.file.cuts.filter((other) => other !== cut) };
    this.write();
  }

  private read(): JournalFile<Op> {
    let text: string | null;
    try {
      text = this.storage?.getItem(JOURNAL_KEY) ?? null;
    } catch {
      this.readProblem = JOURNAL_NOTICES.unavailable;
      return emptyFile();
    }
    if (text === null) return emptyFile();
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch (error) {
      this.readProblem = unreadableJournalNotice(`not valid JSON: ${error instanceof Error ? error.message : String(error)}`);
      return emptyFile();
    }
    const format = (parsed as { format?: unknown } | null)?.format;
    if (typeof format === 'number' && format > JOURNAL_FORMAT) {
      this.leftAlone = true;
      this.readProblem = JOURNAL_NOTICES.newer;
      return emptyFile();
    }
    const file = this.checked(parsed);
    if (!file) this.readProblem = unreadableJournalNotice('it is not a journal this version wrote');
    return file ?? emptyFile();
  }

  /** The journal if it has the shape this version writes; entries whose edit is not one are dropped. */
  private checked(value: unknown): JournalFile<Op> | null {
    if (typeof value !== 'object' || value === null) return null;
    const { format, entries, cuts } = value as Partial<Record<keyof JournalFile<Op>, unknown>>;
    if (format !== JOURNAL_FORMAT || !Array.isArray(entries) || !Array.isArray(cuts)) return null;
    const isSeq = (v: unknown) => v === null || (typeof v === 'number' && Number.isFinite(v));
    const goodEntries = entries.filter(
      (e): e is JournalEntry<Op> => typeof e === 'object' && e !== null && Number.isInteger(e.n) && isSeq(e.base) && this.rules.isOp(e.op),
    );
    const goodCuts = cuts.filter(
      (c): c is SaveCut => typeof c === 'object' && c !== null && Number.isFinite(c.savedAt) && isSeq(c.base) && Number.isInteger(c.through),
    );
    if (goodEntries.length < entries.length) {
      this.readProblem = unreadableJournalNotice(`${entries.length - goodEntries.length} of its ${entries.length} entries are not edits this version knows`);
    }
    return { format, entries: goodEntries, cuts: goodCuts };
  }

  private write(): void {
    if (!this.storage || this.leftAlone) return;
    try {
      if (this.file.entries.length === 0 && this.file.cuts.length === 0) {
        this.storage.removeItem(JOURNAL_KEY);
      } else {
        const text = JSON.stringify(this.file);
        if (text.length > MAX_JOURNAL_CHARS) throw new DOMException(`the journal is ${text.length} characters, over its quota`, 'QuotaExceededError');
        this.storage.setItem(JOURNAL_KEY, text);
      }
      this.writeProblem = null;
    } catch (error) {
      // What is stored stays as it was: an older, consistent journal (a prefix of the edits).
      this.writeProblem = isQuotaError(error) ? JOURNAL_NOTICES.full : JOURNAL_NOTICES.unavailable;
    }
  }
}
