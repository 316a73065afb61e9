/**
 * Where the states of a `swark sweep` run: worker threads (`--jobs N` > 1), one state at a time
 * each. A thread takes a moment to start under tsx, so lanes are made before the shared steps
 * run, and start meanwhile.
 */
import { Worker } from 'node:worker_threads';
import type { JobResult, SweepJob } from './job';
import type { ThreadReply } from './thread';

export interface Lane {
  run(job: SweepJob): Promise<JobResult>;
  close(): Promise<void>;
}

export function threadLane(): Lane {
  const worker = new Worker(new URL('../../../bin/swark-thread.mjs', import.meta.url));
  const pending = new Map<number, { resolve(result: JobResult): void; reject(error: Error): void }>();
  let nextId = 0;
  let dead: Error | null = null;
  const failAll = (error: Error) => {
    dead = error;
    for (const waiting of pending.values()) waiting.reject(error);
    pending.clear();
  };
  worker.on('message', (reply: ThreadReply | 'ready') => {
    if (reply === 'ready') return;
    const waiting = pending.get(reply.id);
    if (!waiting) return;
    pending.delete(reply.id);
    if ('result' in reply) waiting.resolve(reply.result);
    else waiting.reject(new Error(reply.failure));
  });
  worker.on('error', (error) => failAll(new Error(`a sweep thread stopped: ${error.message}`)));
  worker.on('exit', (code) => failAll(new Error(`a sweep thread exited (code ${code})`)));
  return {
    run(job) {
      if (dead) return Promise.reject(dead);
      const id = ++nextId;
      return new Promise((resolve, reject) => {
        pending.set(id, { resolve, reject });
        worker.postMessage({ id, job });
      });
    },
    async close() {
      await worker.terminate();
    },
  };
}
