/**
 * Backup export: the whole workspace as one `.sqlite` file, values inline — the same format as the
 * `swark` CLI's workspace file, so either opens in the other. Reading one back is `backupImport.ts`.
 *
 * In the browser the values live outside the database, which keeps `value_blobs` empty: the file
 * is then the database's own bytes with the values cut straight into pages after them
 * (`db/inlineValuePages.ts`), read from storage a few megabytes at a time, so a 200 MB workspace
 * is never held whole (`bench/backup.bench.ts`); in the browser the pages are written in a worker
 * while the next values are read (`backupPages.ts`). Any other file goes through a copy in SQLite.
 */
import type { Database } from 'sql.js';
import { loadSqlJs } from '../engine';
import { withInlineValuesInWorker, pagesWorkerAvailable } from './backupPages';
import { withInlineValues } from './db/inlineValuePages';
import * as blobs from './db/valueBlobs';
import { textLengthOfRef, type ValueStore } from './values';

/**
 * How much value text one storage read asks for; the next read is under way while one is written.
 * Fewer, larger reads cost less per byte (8 MB reads took ~2× a single raw read of everything, 32 MB
 * ~1×, `bench/backup.bench.ts`); with two batches at the page writer (`backupPages.ts`), ~100 MB at most.
 */
const READ_BATCH_CHARS = 32 * 1024 * 1024;
/** Storage reads under way at once, so the next is queued in IndexedDB while one is deserialized. */
const READS_AHEAD = 2;

/** A complete workspace file: `db` with every value it refers to inline (the database itself is not changed). */
export async function exportBackupFile(db: Database, values: ValueStore): Promise<Blob> {
  if (values.kind === 'inline') return new Blob([db.export() as Uint8Array<ArrayBuffer>]);
  const refs = [...blobs.referencedValues(db)].sort();
  const roots = blobs.valueTableRoots(db);
  if (roots) {
    // Exported with the refs, in the same task: the file lists exactly the values read.
    const file = db.export();
    const onThisThread = () => withInlineValues(file, roots, oneByOne(inBatches(values, refs)));
    // A worker that cannot start (or fails) costs a second read here, not the backup; it gets a copy of the file.
    const streamed = pagesWorkerAvailable()
      ? await withInlineValuesInWorker(file.slice(), roots, inBatches(values, refs)).catch(onThisThread)
      : await onThisThread();
    if (streamed) return streamed;
  }
  return new Blob([(await throughSqlite(db, values, refs)) as Uint8Array<ArrayBuffer>]);
}

/**
 * The refs' UTF-8 bytes (the value store's own form), in batches of about {@link READ_BATCH_CHARS}
 * read one batch ahead.
 */
async function* inBatches(values: ValueStore, refs: readonly string[]): AsyncGenerator<(readonly [string, Uint8Array])[]> {
  const batches = readBatches(refs, textLengthOfRef);
  const reads: Promise<Uint8Array[]>[] = [];
  const readNext = () => {
    if (reads.length < batches.length) reads.push(values.getManyBytes(batches[reads.length] as string[]));
  };
  for (let i = 0; i < READS_AHEAD; i++) readNext();
  for (let i = 0; i < batches.length; i++) {
    const bytes = await (reads[i] as Promise<Uint8Array[]>);
    delete reads[i];
    readNext();
    yield (batches[i] as string[]).map((ref, j) => [ref, bytes[j] as Uint8Array] as const);
  }
}

/**
 * `refs` in read batches of about {@link READ_BATCH_CHARS}, smaller toward the end (¼, then ½): what
 * is written after the last read (the tail, when nothing overlaps) is a small batch, not a full one.
 */
export function readBatches(refs: readonly string[], lengthOf: (ref: string) => number): string[][] {
  const targets = [READ_BATCH_CHARS / 4, READ_BATCH_CHARS / 2];
  const batches: string[][] = [];
  let batch: string[] = [];
  let chars = 0;
  // Filled from the last ref back, so the tapering batches are the last ones.
  for (let i = refs.length - 1; i >= 0; i--) {
    const ref = refs[i] as string;
    const target = targets[batches.length] ?? READ_BATCH_CHARS;
    if (batch.length > 0 && chars + lengthOf(ref) > target) {
      batches.push(batch);
      batch = [];
      chars = 0;
    }
    batch.push(ref);
    chars += lengthOf(ref);
  }
  if (batch.length > 0) batches.push(batch);
  return batches.reverse().map((refsOfBatch) => refsOfBatch.reverse());
}

async function* oneByOne<T>(batches: AsyncIterable<T[]>): AsyncGenerator<T> {
  for await (const batch of batches) yield* batch;
}

/** The values inserted into a copy of the database, which is then exported. */
async function throughSqlite(db: Database, values: ValueStore, refs: readonly string[]): Promise<Uint8Array> {
  const SQL = await loadSqlJs();
  const copy = new SQL.Database(db.export());
  try {
    const texts = await values.getMany(refs);
    blobs.writeBlobs(
      copy,
      refs.map((ref, i) => [ref, texts[i] ?? ''] as const),
    );
    return copy.export();
  } finally {
    copy.close();
  }
}
