/**
 * Big values (extract inputs and outputs, state slots) kept once by content hash, outside the
 * snapshot that every save rewrites. A value is its codec-encoded JSON text; its ref is a hash of
 * that text plus its length. The value store keeps each text as its UTF-8 bytes (value format 2,
 * see {@link VALUE_FORMAT}), so a backup export cuts them into pages without encoding them.
 */
import type { Database } from 'sql.js';
import { encodeValue, hashString } from '../engine';
import { getBlob, putBlob } from './db/valueBlobs';
import type { KeyValueBackend } from './keyValue';

let fastHash: ((text: string) => string) | null = null;
/** The same hash over a text's UTF-8 bytes (xxhash hashes the text's UTF-8). */
let fastHashBytes: ((bytes: Uint8Array) => string) | null = null;

/** Loads xxhash (wasm) once; until it is loaded, refs use the engine's slower pure-JS hash. */
export async function initValueHashing(): Promise<void> {
  if (fastHash) return;
  try {
    const { default: xxhash } = await import('xxhash-wasm');
    const api = await xxhash();
    fastHash = (text) => api.h64ToString(text);
    fastHashBytes = (bytes) => api.h64Raw(bytes).toString(16).padStart(16, '0');
  } catch {
    // The pure-JS hash is correct, only slower.
  }
}

/** The content ref of a value's JSON text. Refs made by either hash are both valid forever. */
export function valueRef(json: string): string {
  const hash = fastHash ? `x${fastHash(json)}` : `f${hashString(json)}`;
  return `${hash}-${json.length.toString(36)}`;
}

/** The length of the text a ref names, read from the ref itself (0 for one not made by {@link valueRef}). */
export function refBytes(ref: string): number {
  const size = parseInt(ref.slice(ref.lastIndexOf('-') + 1), 36);
  return ref.includes('-') && Number.isFinite(size) ? size : 0;
}

/**
 * Whether `ref` names `json`, by whichever hash made it; null when that hash is not loaded here
 * (xxhash failed to load), so it cannot be told.
 */
export function refNamesText(ref: string, json: string): boolean | null {
  if (!ref.endsWith(`-${json.length.toString(36)}`)) return false;
  const hash = ref.slice(1, ref.lastIndexOf('-'));
  if (ref.startsWith('f')) return hash === hashString(json);
  if (ref.startsWith('x')) return fastHash ? hash === fastHash(json) : null;
  return false;
}

/**
 * How the value store keeps a value. 1: the JSON text as a JS string. 2 (now): the text's UTF-8
 * bytes, a `Uint8Array` of their exact length — the form a backup's pages take, so an export copies
 * them without encoding (`bench/backup.bench.ts`). Readers take both forms (a store moves from 1 to
 * 2 in the background, `valueFormat.ts`); writers write only the current one.
 */
export const VALUE_FORMAT = 2;

const utf8Encoder = new TextEncoder();
const utf8Decoder = new TextDecoder();

/** A value's text in its stored form (format 2): its UTF-8 bytes, in a buffer of exactly their length. */
export function storedForm(json: string): Uint8Array<ArrayBuffer> {
  // One byte a UTF-16 unit is right for ASCII, the common case; `encodeInto` a sized buffer is
  // several times faster than `encode` in Chromium.
  const ascii = new Uint8Array(json.length);
  const first = utf8Encoder.encodeInto(json, ascii);
  if (first.read === json.length) return ascii;
  const wide = new Uint8Array(3 * json.length);
  return wide.slice(0, utf8Encoder.encodeInto(json, wide).written);
}

/** A stored value's text, whichever form it is kept in; undefined for anything else (missing). */
export function textOfStored(stored: unknown): string | undefined {
  if (typeof stored === 'string') return stored;
  if (stored instanceof Uint8Array) return utf8Decoder.decode(stored);
  return undefined;
}

/** A stored value's UTF-8 bytes, whichever form it is kept in; undefined for anything else (missing). */
function bytesOfStored(stored: unknown): Uint8Array | undefined {
  if (stored instanceof Uint8Array) return stored;
  if (typeof stored === 'string') return storedForm(stored);
  return undefined;
}

/** `entries` of texts by ref in their stored form. */
export const inStoredForm = (entries: readonly (readonly [string, string])[]): [string, Uint8Array][] => entries.map(([ref, json]) => [ref, storedForm(json)]);

/**
 * As {@link refNamesText} for a text given as its UTF-8 `bytes` that SQLite counts `chars`
 * characters long: an ASCII text (one byte a character) is checked on its bytes, any other decoded.
 */
export function refNamesBytes(ref: string, bytes: Uint8Array, chars: number): boolean | null {
  if (bytes.byteLength === chars && ref.startsWith('x') && fastHashBytes) {
    return ref.endsWith(`-${chars.toString(36)}`) && ref.slice(1, ref.lastIndexOf('-')) === fastHashBytes(bytes);
  }
  return refNamesText(ref, utf8Decoder.decode(bytes));
}

/** A value as the store keeps it: its codec-encoded JSON text and that text's ref. */
export function encodeForStore(value: unknown): { ref: string; json: string } {
  const json = JSON.stringify(encodeValue(value));
  return { ref: valueRef(json), json };
}

/**
 * The IndexedDB database and object store of the browser's value store: a worker opens the same
 * store to write and read values by ref itself (see `workerValues.ts`).
 */
export interface ValueLocation {
  dbName: string;
  storeName: string;
}

export const BROWSER_VALUES: ValueLocation = { dbName: 'swark-workspace-values', storeName: 'values' };

/** Where the JSON texts of values live. */
export interface ValueStore {
  readonly kind: 'inline' | 'external';
  put(ref: string, json: string): void;
  get(ref: string): Promise<string>;
  /** Several at once (one storage transaction), in the order asked. */
  getMany(refs: readonly string[]): Promise<string[]>;
  /** Several texts as UTF-8 bytes (their stored form: no decoding), in the order asked. */
  getManyBytes(refs: readonly string[]): Promise<Uint8Array[]>;
}

/** The length of the text a ref names (it ends in `-<length in base 36>`), to size reads before making them. */
export function textLengthOfRef(ref: string): number {
  const length = parseInt(ref.slice(ref.lastIndexOf('-') + 1), 36);
  return Number.isFinite(length) ? length : 0;
}

/** `refs` in order, in batches of at most `maxChars` of text each (a bigger value alone), by the lengths their refs name. */
export function* refsInBatches(refs: readonly string[], maxChars: number): Generator<string[]> {
  let batch: string[] = [];
  let chars = 0;
  for (const ref of refs) {
    if (batch.length && chars + textLengthOfRef(ref) > maxChars) {
      yield batch;
      batch = [];
      chars = 0;
    }
    batch.push(ref);
    chars += textLengthOfRef(ref);
  }
  if (batch.length) yield batch;
}

class MissingValueError extends Error {
  constructor(ref: string, where: string) {
    super(`the stored value ${ref} is missing from ${where}; clear this step's cache and run it again`);
    this.name = 'MissingValueError';
  }
}

/** Values in the database file itself (a backup, or the CLI's workspace file). */
export class InlineValues implements ValueStore {
  readonly kind = 'inline';
  constructor(private readonly db: () => Database) {}

  put(ref: string, json: string): void {
    putBlob(this.db(), ref, json);
  }

  async get(ref: string): Promise<string> {
    const json = getBlob(this.db(), ref);
    if (json === undefined) throw new MissingValueError(ref, 'the workspace file');
    return json;
  }

  async getMany(refs: readonly string[]): Promise<string[]> {
    return Promise.all(refs.map((ref) => this.get(ref)));
  }

  async getManyBytes(refs: readonly string[]): Promise<Uint8Array[]> {
    return (await this.getMany(refs)).map(storedForm);
  }
}

/**
 * Values in their own key-value store (IndexedDB in the browser), loaded when first needed.
 * New values wait in `unsaved` until a save writes them, before the snapshot that refers to them.
 */
export class ExternalValues implements ValueStore {
  readonly kind = 'external';
  private readonly unsaved = new Map<string, string>();
  /** Values written straight to the backend ahead of the database that will refer to them (a backup's). */
  private readonly arriving = new Set<string>();
  private storing = false;
  /**
   * Values of a backup under review, written as they were checked: kept from garbage collection
   * until a backup is taken in (then they are {@link arriving}) or the page closes.
   */
  private readonly staged = new Set<string>();

  /** `location`: where a worker can reach the same stored values (null when they are not in IndexedDB). */
  constructor(
    readonly backend: KeyValueBackend,
    readonly location: ValueLocation | null = null,
  ) {}

  put(ref: string, json: string): void {
    this.unsaved.set(ref, json);
  }

  /** The text of a value not written to the backend yet, if it is one. */
  unsavedText(ref: string): string | undefined {
    return this.unsaved.get(ref);
  }

  async get(ref: string): Promise<string> {
    const pending = this.unsaved.get(ref);
    if (pending !== undefined) return pending;
    const text = textOfStored(await this.backend.get<unknown>(ref));
    if (text === undefined) throw new MissingValueError(ref, 'browser storage');
    return text;
  }

  getMany(refs: readonly string[]): Promise<string[]> {
    return this.read(refs, (json) => json, textOfStored);
  }

  getManyBytes(refs: readonly string[]): Promise<Uint8Array[]> {
    return this.read(refs, storedForm, bytesOfStored);
  }

  /** `refs` in one read of the backend (those not saved yet from memory), each in the form asked. */
  private async read<T>(refs: readonly string[], fromText: (json: string) => T, fromStored: (stored: unknown) => T | undefined): Promise<T[]> {
    const toRead = refs.filter((ref) => !this.unsaved.has(ref));
    const read = toRead.length > 0 ? await this.backend.getMany<unknown>(toRead) : [];
    const stored = new Map(toRead.map((ref, i) => [ref, read[i]]));
    return refs.map((ref) => {
      const pending = this.unsaved.get(ref);
      const value = pending !== undefined ? fromText(pending) : fromStored(stored.get(ref));
      if (value === undefined) throw new MissingValueError(ref, 'browser storage');
      return value;
    });
  }

  /** The values a save must write first (those still referenced by the database). */
  pendingWrites(live: ReadonlySet<string>): [string, string][] {
    for (const ref of this.unsaved.keys()) if (!live.has(ref)) this.unsaved.delete(ref);
    return [...this.unsaved];
  }

  markWritten(refs: Iterable<string>): void {
    for (const ref of refs) this.unsaved.delete(ref);
    // A save landed after the values arrived: its snapshot refers to them, garbage collection sees that.
    if (!this.storing) this.arriving.clear();
  }

  /**
   * Writes `batches` to the backend at once, one batch at a time (none is kept in memory), for a
   * database about to refer to them; until a save of it lands, garbage collection keeps them
   * (see {@link keepArriving}).
   */
  async storeArriving(batches: Iterable<[string, string][]>): Promise<void> {
    this.storing = true;
    try {
      for (const batch of batches) {
        for (const [ref] of batch) this.arriving.add(ref);
        await this.backend.setMany(inStoredForm(batch));
      }
    } finally {
      this.storing = false;
    }
  }

  /** Writes a reviewed backup's checked values (their UTF-8 bytes) to the backend at once (all or none), kept until {@link takeStaged}. */
  async stage(batch: [string, Uint8Array][]): Promise<void> {
    for (const [ref] of batch) this.staged.add(ref);
    await this.backend.setMany(batch);
  }

  /** Throws, naming one, if any of `refs` is not stored (e.g. another tab's garbage collection took a staged value). */
  async assertStored(refs: ReadonlySet<string>): Promise<void> {
    const stored = new Set(await this.backend.keys());
    const gone = [...refs].filter((ref) => !stored.has(ref));
    if (gone.length) throw new MissingValueError(gone[0] as string, 'browser storage (the backup’s values were removed meanwhile; choose the file again)');
  }

  /** The staged values become arriving: the database about to refer to them is in place (synchronously with this). */
  takeStaged(): void {
    for (const ref of this.staged) this.arriving.add(ref);
    this.staged.clear();
  }

  /** `live` with the values still arriving or staged (a collection must not take them). */
  keepArriving(live: Set<string>): Set<string> {
    for (const ref of this.arriving) live.add(ref);
    for (const ref of this.staged) live.add(ref);
    return live;
  }

  get pendingCount(): number {
    return this.unsaved.size;
  }
}
