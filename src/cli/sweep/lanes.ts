/**
 * Where the states of a `swark sweep` run besides the main thread: worker threads (`--jobs N` > 1: N − 1 of them), one state at a time
 * each, every thread started once for the whole sweep. The lanes are made before the shared steps
 * run: the threads' script is bundled (`threadEntry.ts`) and they start meanwhile.
 */
import { Worker } from 'node:worker_threads';
import type { JobResult, SweepJob } from './job';
import type { ThreadReply } from './thread';
import { lastBundle, threadEntry } from './threadEntry';

export interface Lane {
  /** Runs a job; `moved` are the buffers it carries that move to the thread. */
  run(job: SweepJob, moved?: ArrayBuffer[]): Promise<JobResult>;
  close(): Promise<void>;
}

const startThread = (url: URL) => new Worker(url);

function threadLane(entry: URL | Promise<URL>): Lane {
  // Started now when the bundle is there already: the thread loads while the shared steps run here.
  const started = entry instanceof URL ? Promise.resolve(startThread(entry)) : entry.then(startThread);
  const pending = new Map<number, { resolve(result: JobResult): void; reject(error: Error): void }>();
  let nextId = 0;
  let dead: Error | null = null;
  const failAll = (error: Error) => {
    dead = error;
    for (const waiting of pending.values()) waiting.reject(error);
    pending.clear();
  };
  void started.then((worker) => {
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
  });
  return {
    async run(job, moved = []) {
      const worker = await started;
      if (dead) throw dead;
      const id = ++nextId;
      return new Promise((resolve, reject) => {
        pending.set(id, { resolve, reject });
        worker.postMessage({ id, job }, moved);
      });
    },
    async close() {
      await (await started).terminate();
    },
  };
}

/** A lane maker for one sweep: its threads share one entry script, made once. */
export function threadLanes(): () => Lane {
  let entry: URL | Promise<URL> | null = null;
  return () => threadLane((entry ??= lastBundle() ?? threadEntry()));
}
