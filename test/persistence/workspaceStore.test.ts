import { describe, expect, it } from 'vitest';
import { memoryBackend } from '../../src/persistence/keyValue';
import { createWorkspaceStore } from '../../src/store/workspace/createWorkspaceStore';
import { memoryWorkspace } from '../helpers/studio';
import { extract, workflowRecord } from './helpers';

describe('The workspace store', () => {
  it('publishes workflows newest first and status, and saves through the workspace', async () => {
    const meta = memoryBackend();
    const values = memoryBackend();
    const workspace = memoryWorkspace({ meta, values, autosaveDelayMs: 5 });
    const store = createWorkspaceStore(workspace);
    // Before load: queued, not saved, not listed.
    workspace.saveWorkflow(workflowRecord('a', 'A'));
    expect(store.getState().workflows).toEqual([]);
    expect(store.getState().status.phase).toBe('loading');
    await store.getState().load();
    workspace.saveWorkflow(workflowRecord('b', 'B'));
    workspace.putExtracts('b', [extract('s0', { n: 1 }, { m: 2 })]);
    expect(store.getState().workflows.map((w) => w.name)).toEqual(['B', 'A']);
    expect(store.getState().unsaved).toBe(true);
    await new Promise((resolve) => setTimeout(resolve, 50));
    await store.getState().flush();
    expect(store.getState().unsaved).toBe(false);
    expect(store.getState().status).toMatchObject({ phase: 'ready', notice: null });
    expect(store.getState().status.lastSavedAt).not.toBeNull();
    expect(workspace.database.extractInputHashes('b')).toEqual({ s0: extract('s0', { n: 1 }, null).inputHash });
    store.dispose();

    // A second store over the same storage (a reload) sees it all.
    const reloaded = memoryWorkspace({ meta, values });
    const again = createWorkspaceStore(reloaded);
    await again.getState().load();
    expect(again.getState().workflows.map((w) => w.name)).toEqual(['B', 'A']);
    expect((await reloaded.getExtracts('b'))[0]?.output.value).toEqual({ m: 2 });
  });
});
