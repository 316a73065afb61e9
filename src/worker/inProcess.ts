/** The run worker's handler on this thread, for tests: the same messages, delivered asynchronously. */
import type { ModelRegistry } from '../engine';
import type { RunWorkerFactory } from './client';
import { createOutbox, unpack } from './outbox';
import { createRunSession } from './runSession';

/** The worker's handler run on this thread; messages are delivered asynchronously, as from a worker. */
export function inProcessWorkerFactory(registry?: ModelRegistry): RunWorkerFactory {
  return (onMessage) => {
    let alive = true;
    // Batched as the real worker batches (outbox.ts), so tests see what the page sees.
    const outbox = createOutbox((wire) => {
      const copy = structuredClone(wire);
      queueMicrotask(() => {
        for (const message of unpack(copy)) if (alive) onMessage(message);
      });
    });
    const session = createRunSession(outbox, registry);
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
