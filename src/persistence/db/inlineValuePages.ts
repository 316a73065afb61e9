/**
 * A workspace file with its values inline, written page by page rather than through SQLite.
 *
 * Why: a backup of a workspace with 200 MB of cached values went through sql.js — each value
 * inserted into a copy of the database, then the whole file exported — which held the values
 * three times over (as text, in SQLite's file, in the export) and took several times as long as
 * reading them. Here the database's own file (whose `value_blobs` table is empty) is kept as it is,
 * each value's text is cut straight into SQLite overflow pages appended after it, and only the
 * table's and its index's b-tree pages are built at the end; the pages go into a Blob as they are
 * made, so the page holds one value at a time. The result is an ordinary SQLite file
 * (https://www.sqlite.org/fileformat2.html), which `PRAGMA integrity_check` accepts
 * (`test/persistence/inlineValuePages.test.ts`).
 */

import { LEAF_INDEX, LEAF_TABLE, putU32, u16, u32, varint, writeIndexTree, writeTableTree, type PageAllocator, type TableRow } from './btree';

/** Where the empty `value_blobs` table and its primary-key index start in the file. */
export interface ValueTableRoots {
  table: number;
  index: number;
}

interface FileLayout {
  pageSize: number;
  /** Bytes of a page SQLite uses (the page size less the reserved bytes at each page's end). */
  usable: number;
  pageCount: number;
}

/**
 * Bytes per piece handed to the Blob. Each piece costs a registration with the browser beside the
 * copy: 200 MB in 4 MB pieces took ~370 ms of Blob work in Chromium, in 16 MB pieces ~270 ms (the
 * backup export 1.31–1.42× a raw read of its values against 1.5–1.6×, `bench/backup.bench.ts`).
 */
const CHUNK_BYTES = 16 * 1024 * 1024;
/** Longer refs would spill index cells onto overflow pages, which this writer does not make (refs are ~20 characters). */
const MAX_REF_BYTES = 200;

/**
 * The file's layout, or null when this writer cannot extend it safely (an auto-vacuum file, one
 * whose page count in the header is stale, text not UTF-8, or a size that is not whole pages).
 */
function layoutOf(file: Uint8Array): FileLayout | null {
  if (file.byteLength < 100) return null;
  const raw = u16(file, 16);
  const pageSize = raw === 1 ? 65536 : raw;
  const pageCount = u32(file, 28);
  const sound = pageSize >= 512 && u32(file, 24) === u32(file, 92) && u32(file, 52) === 0 && u32(file, 56) === 1 && file.byteLength === pageSize * pageCount;
  return sound ? { pageSize, usable: pageSize - (file[20] ?? 0), pageCount } : null;
}

/** Whether page `number` of `file` is an empty b-tree leaf of `type`. */
function isEmptyLeaf(file: Uint8Array, layout: FileLayout, number: number, type: number): boolean {
  if (number < 2 || number > layout.pageCount) return false;
  const at = (number - 1) * layout.pageSize;
  return file[at] === type && u16(file, at + 3) === 0;
}

/**
 * Pages appended after the file's own, handed to a Blob a chunk at a time. One chunk buffer is
 * reused throughout: the Blob constructor copies the bytes it is given, and a fresh 4 MB buffer for
 * each chunk (50 for a 200 MB backup) cost more in allocation and first-touch page faults than the
 * copy itself.
 */
class PageSink implements PageAllocator {
  private readonly parts: Blob[] = [];
  private readonly chunk: Uint8Array;
  private readonly chunkPages: number;
  private used = 0;
  /** Whether the chunk holds bytes of pages already handed over (then each page is zeroed before use). */
  private reused = false;
  next: number;

  constructor(
    private readonly pageSize: number,
    firstPage: number,
    chunkBytes: number,
  ) {
    this.next = firstPage;
    this.chunkPages = Math.max(1, Math.floor(chunkBytes / pageSize));
    this.chunk = new Uint8Array(pageSize * this.chunkPages);
  }

  /**
   * A page to fill, and its number: zeroed from `filledUpTo` on (the caller writes every byte
   * before it; an overflow page is full but for a chain's last, so most are never zeroed).
   */
  page(filledUpTo = 0): { number: number; bytes: Uint8Array } {
    if (this.used === this.chunkPages) this.flush();
    const bytes = this.chunk.subarray(this.used * this.pageSize, (this.used + 1) * this.pageSize);
    if (this.reused && filledUpTo < this.pageSize) bytes.fill(0, filledUpTo);
    this.used += 1;
    return { number: this.next++, bytes };
  }

  private flush(): void {
    if (this.used === 0) return;
    this.parts.push(new Blob([this.chunk.subarray(0, this.used * this.pageSize) as Uint8Array<ArrayBuffer>]));
    this.used = 0;
    this.reused = true;
  }

  /** The pages handed out, in order. */
  blobParts(): Blob[] {
    this.flush();
    return this.parts;
  }
}

/** How many payload bytes a cell keeps on its own page (the rest goes to overflow pages); SQLite's rule. */
function localSize(payload: number, usable: number, tableLeaf: boolean): number {
  const max = tableLeaf ? usable - 35 : Math.floor(((usable - 12) * 64) / 255) - 23;
  if (payload <= max) return payload;
  const min = Math.floor(((usable - 12) * 32) / 255) - 23;
  const fit = min + ((payload - min) % (usable - 4));
  return fit <= max ? fit : min;
}

/** A cell's payload is a record: a small head (record header and ref) then the value's text. */
function copyPayload(head: Uint8Array, body: Uint8Array, from: number, to: Uint8Array, at: number, length: number): void {
  let written = 0;
  if (from < head.byteLength) {
    const part = head.subarray(from, Math.min(head.byteLength, from + length));
    to.set(part, at);
    written = part.byteLength;
  }
  if (written < length) {
    const start = Math.max(0, from - head.byteLength);
    to.set(body.subarray(start, start + length - written), at + written);
  }
}

const textSerial = (bytes: number) => 2 * bytes + 13;
const intSerial = (value: number) => (value === 0 ? 8 : value === 1 ? 9 : value < 0x80 ? 1 : value < 0x8000 ? 2 : value < 0x800000 ? 3 : 4);
const intBytes = [0, 1, 2, 3, 4, 6, 8, 0, 0, 0];

/** A record's header and leading columns: header length, serial types, then `leading` bytes. */
function recordHead(serials: number[], leading: number[]): Uint8Array {
  const types = serials.flatMap(varint);
  return Uint8Array.from([...varint(types.length + 1), ...types, ...leading]);
}

function intBody(value: number): number[] {
  const size = intBytes[intSerial(value)] ?? 0;
  const out: number[] = [];
  for (let i = size - 1; i >= 0; i--) out.push(Math.floor(value / 2 ** (8 * i)) & 0xff);
  return out;
}

const encoder = new TextEncoder();
/** Reused for each value's UTF-8 when it comes as text (`encodeInto` a kept buffer is several times faster than `encode` in Chromium). */
let scratch = new Uint8Array(0);

/** `text` as UTF-8, valid until the next call (bytes, a value's stored form, as they are). */
function utf8(text: string | Uint8Array): Uint8Array {
  if (typeof text !== 'string') return text;
  if (scratch.byteLength < text.length) scratch = new Uint8Array(Math.max(text.length, 2 * scratch.byteLength));
  const first = encoder.encodeInto(text, scratch);
  if (first.read === text.length) return scratch.subarray(0, first.written);
  // Beyond ASCII: up to three bytes a UTF-16 unit.
  scratch = new Uint8Array(3 * text.length);
  return scratch.subarray(0, encoder.encodeInto(text, scratch).written);
}

/**
 * `file` (a workspace database whose `value_blobs` is empty, rooted at `roots`) with `values`
 * inline, as a Blob; null when the file is not one this writer can extend (the caller then goes
 * through SQLite). `values` yields each ref's text (or its UTF-8 bytes, as the value store keeps
 * them), in ref order; it is read once, one value kept
 * at a time. `file` is changed in place (its two root pages and the page count). `chunkBytes`: the
 * size of the Blob's pieces (the tests make it one page, so every page reuses a dirty buffer).
 */
export async function withInlineValues(
  file: Uint8Array,
  roots: ValueTableRoots,
  values: AsyncIterable<readonly [ref: string, json: string | Uint8Array]>,
  chunkBytes = CHUNK_BYTES,
): Promise<Blob | null> {
  const layout = layoutOf(file);
  if (!layout || !isEmptyLeaf(file, layout, roots.table, LEAF_TABLE) || !isEmptyLeaf(file, layout, roots.index, LEAF_INDEX)) return null;
  const { pageSize, usable } = layout;
  const sink = new PageSink(pageSize, layout.pageCount + 1, chunkBytes);
  const rows: TableRow[] = [];
  const entries: Uint8Array[] = [];
  let rowid = 0;
  let previousRef: string | null = null;
  for await (const [ref, json] of values) {
    if (previousRef !== null && ref <= previousRef) throw new Error('values must come in ref order, each once');
    previousRef = ref;
    rowid += 1;
    // Refs are short ASCII, whose order as JavaScript strings is SQLite's (byte) order.
    if (!/^[\x20-\x7e]+$/.test(ref) || ref.length > MAX_REF_BYTES) return null;
    const refBytes = encoder.encode(ref);
    const body = utf8(json);
    const head = recordHead([textSerial(refBytes.byteLength), textSerial(body.byteLength)], [...refBytes]);
    const payload = head.byteLength + body.byteLength;
    const local = localSize(payload, usable, true);
    const prefix = [...varint(payload), ...varint(rowid)];
    const cell = new Uint8Array(prefix.length + local + (local < payload ? 4 : 0));
    cell.set(prefix);
    copyPayload(head, body, 0, cell, prefix.length, local);
    if (local < payload) {
      // The rest of the record on a chain of overflow pages, each led by the next one's number.
      putU32(cell, cell.byteLength - 4, sink.next);
      for (let from = local; from < payload; from += usable - 4) {
        const length = Math.min(usable - 4, payload - from);
        const { number, bytes } = sink.page(4 + length);
        putU32(bytes, 0, from + length < payload ? number + 1 : 0);
        copyPayload(head, body, from, bytes, 4, length);
      }
    }
    rows.push({ rowid, bytes: cell });
    entries.push(recordHead([textSerial(refBytes.byteLength), intSerial(rowid)], [...refBytes, ...intBody(rowid)]));
  }
  const page = (number: number) => file.subarray((number - 1) * pageSize, number * pageSize);
  page(roots.table).fill(0);
  page(roots.index).fill(0);
  writeTableTree(rows, page(roots.table), sink, usable);
  writeIndexTree(entries, page(roots.index), sink, usable);
  const appended = sink.blobParts();
  putU32(file, 28, sink.next - 1);
  return new Blob([file as Uint8Array<ArrayBuffer>, ...appended]);
}
