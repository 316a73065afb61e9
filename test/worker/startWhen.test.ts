import { describe, expect, it } from 'vitest';
import type { RunWorkerFactory } from '../../src/worker/client';
import type { ToWorker } from '../../src/worker/protocol';
import { startWhen } from '../../src/worker/startWhen';

function recordingFactory() {
  const made: { posted: ToWorker[]; terminated: boolean }[] = [];
  const factory: RunWorkerFactory = () => {
    const worker = { posted: [] as ToWorker[], terminated: false };
    made.push(worker);
    return { post: (message) => void worker.posted.push(message), terminate: () => void (worker.terminated = true) };
  };
  return { made, factory };
}

const gate = () => {
  let open!: () => void;
  const ready = new Promise<void>((resolve) => (open = resolve));
  return { ready, open };
};

describe('startWhen', () => {
  it('makes no worker before the gate opens, then hands over what was posted, in order', async () => {
    const { made, factory } = recordingFactory();
    const { ready, open } = gate();
    const port = startWhen(factory, ready)(
      () => undefined,
      () => undefined,
    );
    port.post({ type: 'summarize', workflowId: 'a' });
    port.post({ type: 'forget', workflowId: 'a' });
    await Promise.resolve();
    expect(made).toHaveLength(0);
    open();
    await ready;
    await Promise.resolve();
    expect(made).toHaveLength(1);
    port.post({ type: 'summarize', workflowId: 'b' });
    expect(made[0]?.posted.map((message) => [message.type, 'workflowId' in message ? message.workflowId : null])).toEqual([
      ['summarize', 'a'],
      ['forget', 'a'],
      ['summarize', 'b'],
    ]);
  });

  it('makes no worker at all when terminated before the gate opens', async () => {
    const { made, factory } = recordingFactory();
    const { ready, open } = gate();
    const port = startWhen(factory, ready)(
      () => undefined,
      () => undefined,
    );
    port.post({ type: 'summarize', workflowId: 'a' });
    port.terminate();
    open();
    await ready;
    await Promise.resolve();
    expect(made).toHaveLength(0);
  });
});
