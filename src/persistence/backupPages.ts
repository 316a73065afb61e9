/**
 * A backup export's pages written in a Web Worker (`backupPagesWorker.ts`) where there is one.
 *
 * Why: the export's own work beside reading the values from IndexedDB is copying their bytes into
 * SQLite pages and the Blob (the Blob constructor copies what it is given). On one thread that
 * comes after each read's deserialization; here the page deserializes batch n+1 while the worker
 * copies batch n (`bench/backup.bench.ts`). The values' buffers are transferred, so nothing is
 * copied twice, and at most {@link IN_FLIGHT} batches are on their way (the memory stays bounded).
 */
import type { ValueTableRoots } from './db/inlineValuePages';

export type PagesRequest =
  | { kind: 'start'; file: Uint8Array; roots: ValueTableRoots }
  | { kind: 'values'; values: (readonly [string, Uint8Array])[] }
  | { kind: 'end' };

export type PagesReply = { kind: 'taken' } | { kind: 'done'; blob: Blob | null } | { kind: 'failed'; message: string };

/** Batches sent and not yet written, at most. */
const IN_FLIGHT = 2;

/** Whether this page can start the worker (not in Node, where the tests and the CLI run). */
export const pagesWorkerAvailable = (): boolean => typeof Worker !== 'undefined' && typeof Blob !== 'undefined';

/** A buffer of exactly `bytes` (a view into a larger one is copied), to transfer. */
const own = (bytes: Uint8Array): Uint8Array => (bytes.byteOffset === 0 && bytes.byteLength === bytes.buffer.byteLength ? bytes : bytes.slice());

/**
 * As `withInlineValues`, in the worker: `batches` yields the values (in ref order) a batch at a
 * time; their bytes are handed over and unusable here afterwards. `file` is handed over too.
 */
export async function withInlineValuesInWorker(
  file: Uint8Array,
  roots: ValueTableRoots,
  batches: AsyncIterable<(readonly [string, Uint8Array])[]>,
): Promise<Blob | null> {
  const worker = new Worker(new URL('./backupPagesWorker.ts', import.meta.url), { type: 'module' });
  let taken: () => void = () => {};
  let inFlight = 0;
  let finished = false;
  const result = new Promise<Blob | null>((resolve, reject) => {
    worker.onmessage = (event: MessageEvent<PagesReply>) => {
      const reply = event.data;
      if (reply.kind === 'taken') {
        inFlight -= 1;
        taken();
      } else if (reply.kind === 'done') resolve(reply.blob);
      else reject(new Error(`writing the backup's pages failed: ${reply.message}`));
    };
    worker.onerror = (event) => reject(new Error(event.message || 'the backup worker failed to start'));
  });
  // Seen at once should the worker fail, or stop early (a file it cannot extend), while values are still being read.
  const over = result.then(
    () => void (finished = true),
    () => void (finished = true),
  );
  try {
    const whole = own(file);
    worker.postMessage({ kind: 'start', file: whole, roots } satisfies PagesRequest, [whole.buffer as ArrayBuffer]);
    for await (const batch of batches) {
      while (inFlight >= IN_FLIGHT && !finished) await Promise.race([new Promise<void>((resolve) => (taken = resolve)), over]);
      if (finished) break;
      const values = batch.map(([ref, bytes]) => [ref, own(bytes)] as const);
      inFlight += 1;
      worker.postMessage(
        { kind: 'values', values } satisfies PagesRequest,
        values.map(([, bytes]) => bytes.buffer as ArrayBuffer),
      );
    }
    worker.postMessage({ kind: 'end' } satisfies PagesRequest);
    return await result;
  } finally {
    worker.terminate();
  }
}
