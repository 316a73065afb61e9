import { describe, expect, it, vi } from 'vitest';
import { makeStudio } from '../helpers/studio';

// The layout worker failing (it could not start, or dagre threw): Layout must say so and move nothing.
vi.mock('../../src/worker/layout/client', () => ({
  layeredLayoutOffThread: () => Promise.reject(new Error('the layout worker stopped: it could not start')),
}));

describe('When Layout fails', () => {
  it('leaves every node where it was and says why in words', async () => {
    const studio = makeStudio();
    const store = () => studio.graph.getState();
    store().createWorkflow('layout fails', 'arithmetic');
    const before = store().nodes.map((node) => ({ id: node.id, ...node.position }));
    await store().autoLayout();
    expect(store().nodes.map((node) => ({ id: node.id, ...node.position }))).toEqual(before);
    expect(store().notice).toMatchObject({
      kind: 'error',
      title: 'Layout failed: the layout worker stopped: it could not start. The nodes were left where they were.',
    });
  });
});
