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
  const inbox = createInbox(handlers, (flush) => frames.push(flush));
  const frame = () => frames.shift()?.();
  return { log, inbox, frame, frames };
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
    expect(log).toEqual(['persist a:1,b:2 writing x,y', 'events r a,b', 'stored x', 'done']);
  });

  it('a step recorded twice in a frame keeps its later entries', () => {
    const { log, inbox, frame } = recorder();
    inbox.push({ type: 'persist-extracts', runId: 'r', workflowId: 'w', extracts: [entry('a', '1')], texts: [], writing: [] });
    inbox.push({ type: 'persist-extracts', runId: 'r', workflowId: 'w', extracts: [entry('a', '2'), entry('a', '1')], texts: [], writing: [] });
    frame();
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
