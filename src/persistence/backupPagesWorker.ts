/// <reference lib="webworker" />
/**
 * The thread a backup export's pages are written in (`backupPages.ts` starts it): the page reads
 * the values from IndexedDB and hands their bytes over (transferred, not copied); here they are
 * cut into SQLite pages and copied into the Blob, in parallel with the page's next reads.
 */
import { withInlineValues, type ValueTableRoots } from './db/inlineValuePages';
import type { PagesReply, PagesRequest } from './backupPages';

const scope = self as unknown as DedicatedWorkerGlobalScope;

const queue: (readonly [string, Uint8Array])[] = [];
/** The last value of each batch not yet written, in order. */
const lastOfBatch: (readonly [string, Uint8Array])[] = [];
let ended = false;
let wake: (() => void) | null = null;

async function* arriving(): AsyncGenerator<readonly [string, Uint8Array]> {
  for (;;) {
    const next = queue.shift();
    if (next) {
      yield next;
      // The batch this value closed is written: the page may send another.
      if (next === lastOfBatch.at(0)) {
        lastOfBatch.shift();
        scope.postMessage({ kind: 'taken' } satisfies PagesReply);
      }
    } else if (ended) return;
    else await new Promise<void>((resolve) => (wake = resolve));
  }
}

function start(file: Uint8Array, roots: ValueTableRoots): void {
  withInlineValues(file, roots, arriving()).then(
    (blob) => scope.postMessage({ kind: 'done', blob } satisfies PagesReply),
    (error: unknown) => scope.postMessage({ kind: 'failed', message: error instanceof Error ? error.message : String(error) } satisfies PagesReply),
  );
}

scope.onmessage = (event: MessageEvent<PagesRequest>) => {
  const request = event.data;
  if (request.kind === 'start') start(request.file, request.roots);
  else if (request.kind === 'values') {
    queue.push(...request.values);
    const last = request.values.at(-1);
    if (last) lastOfBatch.push(last);
    else scope.postMessage({ kind: 'taken' } satisfies PagesReply);
  } else ended = true;
  wake?.();
  wake = null;
};
