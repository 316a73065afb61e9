/**
 * A worker thread of `swark sweep --jobs N`: runs the states it is sent (see `job.ts`) with the
 * same models as the command, and sends each result back. It never opens the workspace file: the
 * main thread is its only writer.
 */
import { parentPort } from 'node:worker_threads';
import '../../models';
import '../../apps';
import { errorMessage } from '../../engine';
import { runJob, type JobResult, type SweepJob } from './job';
import { ExtractIds } from './transfer';

export type ThreadRequest = { id: number; job: SweepJob };
export type ThreadReply = { id: number; result: JobResult } | { id: number; failure: string };

const port = parentPort;
if (!port) throw new Error('the sweep thread must run as a worker thread');
// Every entry this thread was sent, by the main thread's id: a later job names them by id.
const ids = new ExtractIds();
port.on('message', (request: ThreadRequest) => {
  runJob(request.job, ids).then(
    (result) => port.postMessage({ id: request.id, result } satisfies ThreadReply),
    (error: unknown) => port.postMessage({ id: request.id, failure: errorMessage(error) } satisfies ThreadReply),
  );
});
port.postMessage('ready');
