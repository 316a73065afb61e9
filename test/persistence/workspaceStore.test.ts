import { describe, expect, it } from 'vitest';
import { replaceWorkspaceForTests, workspaceStore } from '../../src/store/workspaceStore';
import { memoryBackend } from '../../src/persistence/keyValue';
import { extract, workflowRecord } from './helpers';

describe('The workspace store', () => {
  it('publishes workflows newest first and status, and saves through the workspace', async () => {
    const meta = memoryBackend();
    const values = memoryBackend();
    replaceWorkspaceForTests({ meta, values, storage: null, autosaveDelayMs: 5 });
    const store = workspaceStore.getState();
    // Before load: queued, not saved, not listed.
    store.saveWorkflow(workflowRecord('a', 'A'));
    expect(workspaceStore.getState().workflows).toEqual([]);
    expect(workspaceStore.getState().status.phase).toBe('loading');
    await store.load();
    store.saveWorkflow(workflowRecord('b', 'B'));
    store.putExtracts('b', [extract('s0', { n: 1 }, { m: 2 })]);
    expect(workspaceStore.getState().workflows.map((w) => w.name)).toEqual(['B', 'A']);
    expect(workspaceStore.getState().unsaved).toBe(true);
    await new Promise((resolve) => setTimeout(resolve, 50));
    await store.flush();
    expect(workspaceStore.getState().unsaved).toBe(false);
    expect(workspaceStore.getState().status).toMatchObject({ phase: 'ready', notice: null });
    expect(workspaceStore.getState().status.lastSavedAt).not.toBeNull();
    expect(store.getExtractInputHashes('b')).toEqual({ s0: extract('s0', { n: 1 }, null).inputHash });

    // A second store over the same storage (a reload) sees it all.
    replaceWorkspaceForTests({ meta, values, storage: null });
    await workspaceStore.getState().load();
    expect(workspaceStore.getState().workflows.map((w) => w.name)).toEqual(['B', 'A']);
    expect((await workspaceStore.getState().getExtracts('b'))[0]?.output.value).toEqual({ m: 2 });
  });
});
