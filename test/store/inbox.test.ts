import { describe, expect, it } from 'vitest';
import { createInbox, type InboxHandlers } from '../../src/store/run/inbox';
import type { StoredExtractRef } from '../../src/persistence/types';
import type { WireEvent } from '../../src/worker/protocol';

const endEvent = (key: string): WireEvent => ({ type: 'end', index: 0, key, status: 'ran', durationMs: 1 });
const entry = (stepKey: string, inputHash: string) => ({ stepKey, inputHash }) as unknown as StoredExtractRef;

function recorder() {
  const log: string[] = [];
  const frames: (() => void)[] = [];
  const handlers: InboxHandlers = {
    events: (runId, events) => log.push(`events ${runId} ${events.map((e) => e.key).join(',')}`),
    persist: (m) => log.push(`persist ${m.extracts.map((e) => `${e.stepKey}:${e.inputHash}`).join(',')} writing ${m.writing.join(',')}`),
    stored: (m) => log.push(`stored ${m.refs.join(',')}`),
    other: (m) => log.push(m.type),
  };
  const writes: (() => void)[] = [];
  const inbox = createInbox(
    handlers,
    (flush) => frames.push(flush),
    (write) => writes.push(write),
  );
  const frame = () => frames.shift()?.();
  /** The task after the frame, where the records are written. */
  const writeTask = () => writes.shift()?.();
  return { log, inbox, frame, frames, writeTask, writes };
}

describe("When the worker's messages reach the page", () => {
  it('applies a frame of them as one update of events, one record of extracts, in order around a run’s end', () => {
    const { log, inbox, frame } = recorder();
    inbox.push({ type: 'persist-extracts', runId: 'r', workflowId: 'w', extracts: [entry('a', '1')], texts: [], writing: ['x'] });
    inbox.push({ type: 'event', runId: 'r', event: endEvent('a') });
    inbox.push({ type: 'persist-extracts', runId: 'r', workflowId: 'w', extracts: [entry('b', '2')], texts: [], writing: ['y'] });
    inbox.push({ type: 'values-stored', refs: ['x'], failed: [] });
    inbox.push({ type: 'event', runId: 'r', event: endEvent('b') });
    inbox.push({
      type: 'done',
      runId: 'r',
      outcome: 'ok',
      state: { mutable: false, slots: [] },
      persist: { mutable: false, slots: [] },
      texts: [],
      writing: [],
    });
    expect(log).toEqual([]);
    frame();
    // The run's end is a barrier: the frame's records and stored values are written before it.
    expect(log).toEqual(['events r a,b', 'persist a:1,b:2 writing x,y', 'stored x', 'done']);
  });

  it('writes a frame’s records in a task after the frame, in order, and at once when flushed', () => {
    const { log, inbox, frame, writeTask, writes } = recorder();
    inbox.push({ type: 'persist-extracts', runId: 'r', workflowId: 'w', extracts: [entry('a', '1')], texts: [], writing: ['x'] });
    inbox.push({ type: 'event', runId: 'r', event: endEvent('a') });
    inbox.push({ type: 'values-stored', refs: ['x'], failed: [] });
    frame();
    // The frame draws the step; its record waits for the next task.
    expect(log).toEqual(['events r a']);
    expect(writes).toHaveLength(1);
    inbox.push({ type: 'persist-extracts', runId: 'r', workflowId: 'w', extracts: [entry('b', '2')], texts: [], writing: [] });
    inbox.push({ type: 'event', runId: 'r', event: endEvent('b') });
    frame();
    expect(log).toEqual(['events r a', 'events r b']);
    writeTask();
    expect(log).toEqual(['events r a', 'events r b', 'persist a:1 writing x', 'stored x', 'persist b:2 writing ']);
    inbox.push({ type: 'persist-extracts', runId: 'r', workflowId: 'w', extracts: [entry('c', '3')], texts: [], writing: [] });
    inbox.flush();
    expect(log.at(-1)).toBe('persist c:3 writing ');
  });

  it('a step recorded twice in a frame keeps its later entries', () => {
    const { log, inbox, frame, writeTask } = recorder();
    inbox.push({ type: 'persist-extracts', runId: 'r', workflowId: 'w', extracts: [entry('a', '1')], texts: [], writing: [] });
    inbox.push({ type: 'persist-extracts', runId: 'r', workflowId: 'w', extracts: [entry('a', '2'), entry('a', '1')], texts: [], writing: [] });
    frame();
    writeTask();
    expect(log).toEqual(['persist a:2,a:1 writing ']);
  });

  it('takes at most 60 step ends a frame and the rest the next frame; a flush takes everything now', () => {
    const { log, inbox, frame, frames } = recorder();
    for (let i = 0; i < 130; i++) inbox.push({ type: 'event', runId: 'r', event: endEvent(`s${i}`) });
    frame();
    expect(log).toHaveLength(1);
    expect(log[0]?.split(',')).toHaveLength(60);
    expect(frames).toHaveLength(1);
    inbox.flush();
    expect(log).toHaveLength(2);
    expect(log[1]?.split(',')).toHaveLength(70);
    expect(log[1]?.endsWith('s129')).toBe(true);
  });
});
