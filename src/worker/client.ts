/** How the page talks to a run worker: a real Web Worker, or the same handler in-process (tests). */
import type { ModelRegistry } from '../engine';
import type { FromWorker, ToWorker } from './protocol';
import { createRunSession } from './runSession';

export interface RunWorkerPort {
  post(message: ToWorker): void;
  /** Stops it at once, even inside an endless model; the port is dead afterwards. */
  terminate(): void;
}

export type RunWorkerFactory = (onMessage: (message: FromWorker) => void, onCrash: (message: string) => void) => RunWorkerPort;

export const browserWorkerFactory: RunWorkerFactory = (onMessage, onCrash) => {
  const worker = new Worker(new URL('./runWorker.ts', import.meta.url), { type: 'module' });
  worker.onmessage = (event: MessageEvent<FromWorker>) => onMessage(event.data);
  worker.onerror = (event) => onCrash(event.message || 'the run worker failed to start');
  return { post: (message) => worker.postMessage(message), terminate: () => worker.terminate() };
};

/** The worker's handler run on this thread; messages are delivered asynchronously, as from a worker. */
export function inProcessWorkerFactory(registry?: ModelRegistry): RunWorkerFactory {
  return (onMessage) => {
    let alive = true;
    const session = createRunSession((message) => {
      const copy = structuredClone(message);
      queueMicrotask(() => {
        if (alive) onMessage(copy);
      });
    }, registry);
    return {
      post: (message) => {
        // Delivered asynchronously, as postMessage would; the session orders its own work.
        const copy = structuredClone(message);
        queueMicrotask(() => {
          if (alive) void session.handle(copy);
        });
      },
      terminate: () => {
        alive = false;
        session.abort();
      },
    };
  };
}
