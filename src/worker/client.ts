/**
 * How the page talks to a run worker: a real Web Worker (the same handler in-process, for tests, is
 * `inProcess.ts`: it imports the model library, which the page must not load with its first paint).
 */
import { unpack } from './outbox';
import type { FromWorker, ToWorker, WorkerPost } from './protocol';

export interface RunWorkerPort {
  post(message: ToWorker): void;
  /** Stops it at once, even inside an endless model; the port is dead afterwards. */
  terminate(): void;
}

export type RunWorkerFactory = (onMessage: (message: FromWorker) => void, onCrash: (message: string) => void) => RunWorkerPort;

export const browserWorkerFactory: RunWorkerFactory = (onMessage, onCrash) => {
  const worker = new Worker(new URL('./runWorker.ts', import.meta.url), { type: 'module' });
  worker.onmessage = (event: MessageEvent<WorkerPost>) => {
    for (const message of unpack(event.data)) onMessage(message);
  };
  worker.onerror = (event) => onCrash(event.message || 'the run worker failed to start');
  return { post: (message) => worker.postMessage(message), terminate: () => worker.terminate() };
};
