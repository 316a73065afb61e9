import { describe, expect, it } from 'vitest';
import type { StoredExtractRef } from '../../src/persistence/types';
import { createCacheHolder } from '../../src/worker/workflowCache';
import type { FromWorker, WorkspaceDataMessage } from '../../src/worker/protocol';

/** The workspace's answer for workflow `w`, holding one cached entry for each of `steps`. */
function workspaceData(steps: string[]): WorkspaceDataMessage {
  const texts: [string, string][] = [
    ['t:in', '{"a":1}'],
    ['t:out', '{"b":2}'],
  ];
  const extracts: StoredExtractRef[] = steps.map((stepKey) => ({
    stepKey,
    inputHash: `h-${stepKey}`,
    input: { model: 'math.add', version: '1', ref: 't:in' },
    output: { model: 'math.add', version: '1', ref: 't:out' },
  }));
  return { type: 'workspace-data', workflowId: 'w', extracts, lastState: null, texts, location: null };
}

describe('Clear cache while the worker is still loading that workflow’s cache (after a reload)', () => {
  it('the loaded cache leaves out what was cleared, though the load carried it', async () => {
    const posted: FromWorker[] = [];
    const holder = createCacheHolder((message) => posted.push(message));
    const loaded = holder.ensure('w');
    expect(posted.map((message) => message.type)).toEqual(['need-workspace']);
    holder.clear('w', 'a');
    await holder.receive(workspaceData(['a', 'b']));
    const cache = await loaded;
    expect([...cache.extracts.keys()]).toEqual(['b']);
  });

  it('a clear of every step empties it, and a later load of the same workflow keeps what it brings', async () => {
    const holder = createCacheHolder(() => undefined);
    const first = holder.ensure('w');
    holder.clear('w', undefined);
    await holder.receive(workspaceData(['a', 'b']));
    expect((await first).extracts.size).toBe(0);
    holder.drop('w');
    const second = holder.ensure('w');
    await holder.receive(workspaceData(['a']));
    expect([...(await second).extracts.keys()]).toEqual(['a']);
  });
});
