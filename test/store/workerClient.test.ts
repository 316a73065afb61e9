import { describe, expect, it } from 'vitest';
import { WorkerClient } from '../../src/store/run/workerClient';
import type { RunWorkerFactory } from '../../src/worker/client';
import type { FromWorker, ToWorker } from '../../src/worker/protocol';

/** A fake worker that records what it is sent and replies when told to. */
function fakeWorker() {
  const sent: ToWorker[] = [];
  let deliver: ((message: FromWorker) => void) | null = null;
  let crash: ((message: string) => void) | null = null;
  let made = 0;
  let terminated = 0;
  const factory: RunWorkerFactory = (onMessage, onCrash) => {
    made++;
    deliver = onMessage;
    crash = onCrash;
    return { post: (message) => sent.push(message), terminate: () => void terminated++ };
  };
  return {
    factory,
    sent,
    reply: (message: FromWorker) => deliver?.(message),
    crash: (message: string) => crash?.(message),
    get made() {
      return made;
    },
    get terminated() {
      return terminated;
    },
  };
}

const idOf = (message: ToWorker | undefined) => (message && 'requestId' in message ? message.requestId : NaN);

describe('The run worker client', () => {
  it('makes the worker on first use and answers each request with its own reply', async () => {
    const worker = fakeWorker();
    const client = new WorkerClient(worker.factory, { onPush: () => undefined, onCrash: () => undefined });
    expect(worker.made).toBe(0);
    const first = client.request({ type: 'get-rows', workflowId: 'w', target: { kind: 'slot', name: 'a' }, at: { side: 'slot' }, from: 0, count: 1 });
    const second = client.request({ type: 'get-rows', workflowId: 'w', target: { kind: 'slot', name: 'b' }, at: { side: 'slot' }, from: 0, count: 1 });
    expect(worker.made).toBe(1);
    // Replies in the other order still reach their own requests.
    worker.reply({ type: 'rows', requestId: idOf(worker.sent[1]), from: 0, columns: [['b']] });
    worker.reply({ type: 'rows', requestId: idOf(worker.sent[0]), from: 0, columns: [['a']] });
    expect(await first).toMatchObject({ columns: [['a']] });
    expect(await second).toMatchObject({ columns: [['b']] });
  });

  it('drops the reply of a request a newer one on its channel replaced', async () => {
    const worker = fakeWorker();
    const client = new WorkerClient(worker.factory, { onPush: () => undefined, onCrash: () => undefined });
    const target = { kind: 'step', stepKey: 'x' } as const;
    const older = client.request({ type: 'get-value', workflowId: 'w', target }, 'viewer');
    const newer = client.request({ type: 'get-value', workflowId: 'w', target }, 'viewer');
    expect(await older).toBe('stale');
    worker.reply({ type: 'value', requestId: idOf(worker.sent[0]), value: null });
    worker.reply({ type: 'value-failed', requestId: idOf(worker.sent[1]), message: 'gone' });
    expect(await newer).toEqual({ type: 'value-failed', requestId: idOf(worker.sent[1]), message: 'gone' });
  });

  it('passes messages that are not replies to onPush', () => {
    const worker = fakeWorker();
    const pushed: FromWorker[] = [];
    const client = new WorkerClient(worker.factory, { onPush: (message) => pushed.push(message), onCrash: () => undefined });
    client.post({ type: 'summarize', workflowId: 'w' });
    worker.reply({ type: 'need-workspace', workflowId: 'w' });
    expect(pushed).toEqual([{ type: 'need-workspace', workflowId: 'w' }]);
  });

  it('case 27: fails pending requests in words when the worker is stopped or crashes, and starts a new worker after', async () => {
    const worker = fakeWorker();
    const crashes: string[] = [];
    const client = new WorkerClient(worker.factory, { onPush: () => undefined, onCrash: (message) => crashes.push(message) });
    const pending = client.request({ type: 'get-value', workflowId: 'w', target: { kind: 'slot', name: 'a' } });
    client.terminate('the run was cancelled');
    await expect(pending).rejects.toThrow('the run was cancelled');
    expect(worker.terminated).toBe(1);
    const next = client.request({ type: 'get-value', workflowId: 'w', target: { kind: 'slot', name: 'a' } });
    expect(worker.made).toBe(2);
    worker.crash('out of memory');
    await expect(next).rejects.toThrow('the run worker stopped: out of memory');
    expect(crashes).toEqual(['out of memory']);
    expect(client.started).toBe(false);
  });
});
