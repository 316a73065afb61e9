// The browser's run store: its core loads after the editor's first paint, or at the first action
// that needs it; what was asked before waits for it, in order, and a disposed store never loads it.
import { describe, expect, it } from 'vitest';
import { createRunStore, type AttachRunCore } from '../../src/store/run';
import type { RunDeps } from '../../src/store/run/context';
import type { RunCore } from '../../src/store/run/runCore';

const deps = {
  source: { activeWorkflowId: () => null, selectNode: () => undefined, subscribe: () => () => undefined },
  workspace: {},
} as unknown as RunDeps;

function fakeCore(calls: string[]): AttachRunCore {
  return (store) => {
    const actions = {
      run: async () => void calls.push('run'),
      setFlag: (flag: string) => void calls.push(`setFlag ${flag}`),
      dispose: () => void calls.push('dispose'),
    };
    store.setState(actions as never);
    calls.push('attached');
    return { actions, schedulePreview: () => calls.push('preview'), evicted: () => undefined } as unknown as RunCore;
  };
}

describe('the run store before its core', () => {
  it('loads the core at the first action that needs it and then does what was asked, in order', async () => {
    const calls: string[] = [];
    const store = createRunStore(deps, { load: async () => fakeCore(calls), loadWhen: new Promise(() => undefined) });
    expect(store.getState().phase).toBe('idle');
    store.getState().setFlag('mutable', true);
    await store.getState().run();
    expect(calls).toEqual(['attached', 'setFlag mutable', 'run']);
  });

  it('loads it unasked once `loadWhen` resolves (the first paint)', async () => {
    const calls: string[] = [];
    let paint!: () => void;
    const painted = new Promise<void>((resolve) => (paint = resolve));
    createRunStore(deps, { load: async () => fakeCore(calls), loadWhen: painted });
    await Promise.resolve();
    expect(calls).toEqual([]);
    paint();
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(calls).toEqual(['attached']);
  });

  it('answers without the core where no worker is needed, and never attaches it once disposed', async () => {
    const calls: string[] = [];
    let paint!: () => void;
    const painted = new Promise<void>((resolve) => (paint = resolve));
    const store = createRunStore(deps, { load: async () => fakeCore(calls), loadWhen: painted });
    store.getState().openRun('r1');
    expect(store.getState().openedRunId).toBe('r1');
    store.getState().dispose();
    paint();
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(calls).toEqual([]);
  });
});
