/**
 * A worker thread of `swark sweep --jobs N`: runs the states it is sent (see `job.ts`) with the
 * same models as the command, and sends each result back. It never opens the workspace file: the
 * main thread is its only writer.
 */
import { parentPort } from 'node:worker_threads';
import '../../models';
import '../../apps';
import { errorMessage } from '../../engine';
import { loadArquero } from '../../models/table/arquero';
import { runJob, type JobResult, type SweepJob } from './job';
import { ValueWire } from './transfer';

export type ThreadRequest = { id: number; job: SweepJob };
export type ThreadReply = { id: number; result: JobResult } | { id: number; failure: string };

const port = parentPort;
if (!port) throw new Error('the sweep thread must run as a worker thread');
// Every value this thread was sent or made, by id: a later job names them by id, and so does a reply.
const wire = new ValueWire();
// The ids of the values the main thread holds: they go back by id.
const mainHolds = new Set<string>();
// The main thread gives a thread its next state before this one ends: states run here one after
// another, in the order they came (a job names by id the values an earlier one sent).
let queue = Promise.resolve();
port.on('message', (request: ThreadRequest) => {
  queue = queue.then(() =>
    runJob(request.job, wire, mainHolds).then(
      (result) => {
        port.postMessage({ id: request.id, result } satisfies ThreadReply, wire.takeMoved());
        wire.forgetOwn();
      },
      (error: unknown) => port.postMessage({ id: request.id, failure: errorMessage(error) } satisfies ThreadReply, wire.takeMoved()),
    ),
  );
});
port.postMessage('ready');
// The table models load arquero and the expression language on their first run; a thread starts
// while the main thread runs the shared steps, so it loads them meanwhile, not in its first state.
void loadArquero().catch(() => undefined);
void import('../../models/table/expression').catch(() => undefined);
