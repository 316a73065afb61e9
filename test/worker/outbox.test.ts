import { describe, expect, it, vi } from 'vitest';
import { createOutbox, unpack } from '../../src/worker/outbox';
import type { FromWorker, WorkerPost } from '../../src/worker/protocol';

const end = (key: string): FromWorker => ({ type: 'event', runId: 'r', event: { type: 'end', index: 0, key, status: 'ran', durationMs: 1 } });
const start = (key: string): FromWorker => ({ type: 'event', runId: 'r', event: { type: 'start', index: 0, key, total: 3 } });

describe('When the worker posts through its outbox', () => {
  it('gathers ends into one batch on the next turn, in order', async () => {
    const sent: WorkerPost[] = [];
    const post = createOutbox((message) => sent.push(message));
    post(end('a'));
    post({ type: 'values-stored', refs: ['x'], failed: [] });
    post(end('b'));
    expect(sent).toEqual([]);
    // The outbox's next turn is a MessageChannel tick, which a busy Node may deliver after a short
    // timer: wait for it, not for a fixed time (a 5 ms wait failed under load).
    await vi.waitFor(() => expect(sent).toHaveLength(1));
    // One batch, not the first message alone and the rest later.
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(sent).toHaveLength(1);
    expect(unpack(sent[0] as WorkerPost).map((m) => m.type)).toEqual(['event', 'values-stored', 'event']);
  });

  it("sends a step's start at once with what came before it: its model may never give the thread back", () => {
    const sent: WorkerPost[] = [];
    const post = createOutbox((message) => sent.push(message));
    post(end('a'));
    post(start('b'));
    expect(sent).toHaveLength(1);
    expect(unpack(sent[0] as WorkerPost)).toEqual([end('a'), start('b')]);
    post({ type: 'event', runId: 'r', event: { type: 'progress', index: 0, key: 'b', fraction: 0.5 } });
    expect(sent).toHaveLength(2);
  });

  it('sends the end of a run and replies at once, a lone message as itself', () => {
    const sent: WorkerPost[] = [];
    const post = createOutbox((message) => sent.push(message));
    post({ type: 'failed', runId: 'r', message: 'no' });
    post({ type: 'preview-failed', requestId: 3, message: 'no' });
    expect(sent.map((m) => m.type)).toEqual(['failed', 'preview-failed']);
  });
});
