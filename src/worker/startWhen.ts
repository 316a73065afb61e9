/**
 * A run worker made only once `ready` resolves (the browser: once the editor has painted and the
 * page is idle, or at the first key or pointer press). Until then the port keeps what is posted, in
 * order, and hands it over when the worker exists: the worker's 120 kB of code then never competes
 * with the editor's first paint, and nothing sent before is lost.
 */
import type { RunWorkerFactory, RunWorkerPort } from './client';
import type { ToWorker } from './protocol';

export function startWhen(factory: RunWorkerFactory, ready: Promise<void>): RunWorkerFactory {
  return (onMessage, onCrash) => {
    let port: RunWorkerPort | null = null;
    let waiting: ToWorker[] = [];
    let stopped = false;
    void ready.then(() => {
      if (stopped) return;
      port = factory(onMessage, onCrash);
      for (const message of waiting) port.post(message);
      waiting = [];
    });
    return {
      post: (message) => (port ? port.post(message) : void waiting.push(message)),
      terminate: () => {
        stopped = true;
        waiting = [];
        port?.terminate();
      },
    };
  };
}
