import { describe, expect, it } from 'vitest';
import type { StorageInfo } from '../../src/persistence/storageInfo';
import { keptText } from '../../src/persistence/storageInfo';
import { captureWarnings, storage, workflowRecord, workspaceOpener } from './helpers';

const warnings = captureWarnings();
const open = workspaceOpener();

/** A `navigator.storage` that answers `grant` when asked, and counts how often it was asked. */
function browserStorage(grant: boolean) {
  let kept = false;
  const asked: number[] = [];
  const info: StorageInfo = {
    persist: async () => {
      asked.push(Date.now());
      kept = grant;
      return grant;
    },
    persisted: async () => kept,
    estimate: async () => ({ usage: 1234, quota: 1_000_000 }),
  };
  return { info, asked };
}

describe('Persistent storage', () => {
  it('is not asked at load: the footer shows what the browser says without asking', async () => {
    const { info, asked } = browserStorage(true);
    const ws = await open(storage(), { storage: info, personInteracted: () => true });
    await expect.poll(() => ws.status.usageBytes).toBe(1234);
    expect(ws.status.persisted).toBe(false);
    expect(asked).toHaveLength(0);
  });

  it('is asked once, after the first edit the person makes, and the answer is shown', async () => {
    const { info, asked } = browserStorage(true);
    let interacted = false;
    const ws = await open(storage(), { storage: info, personInteracted: () => interacted });
    // The app's own edit (a new workspace's blank workflow) comes before the person has done anything.
    ws.saveWorkflow(workflowRecord('blank'));
    await ws.flush();
    expect(asked).toHaveLength(0);

    interacted = true;
    ws.saveWorkflow(workflowRecord('a'));
    await expect.poll(() => ws.status.persisted).toBe(true);
    ws.saveWorkflow(workflowRecord('b'));
    await ws.flush();
    expect(asked).toHaveLength(1);
    expect(ws.status.persisted).toBe(true);
  });

  it('a refusal is shown as "may be cleared", with what that means', async () => {
    const { info, asked } = browserStorage(false);
    const ws = await open(storage(), { storage: info, personInteracted: () => true });
    ws.saveWorkflow(workflowRecord('a'));
    await expect.poll(() => asked.length).toBe(1);
    expect(ws.status.persisted).toBe(false);
    expect(keptText(false)).toEqual({
      label: 'Storage: may be cleared by the browser',
      explanation: expect.stringMatching(/may clear it when the disk runs low .* Export a backup/),
    });
    expect(keptText(true).label).toBe('Storage: kept');
  });

  it('is not asked where nothing is stored (memory only) or there is no storage API', async () => {
    const { info, asked } = browserStorage(true);
    const store = storage();
    const hanging = { ...store.meta.backend, get: () => new Promise<never>(() => {}) };
    const memoryOnly = await open(store, { meta: hanging, storage: info, personInteracted: () => true, openTimeoutMs: 50 });
    expect(memoryOnly.status.phase).toBe('memory-only');
    expect(warnings.take()).toEqual(['Workspace storage unavailable, working in memory: browser storage (IndexedDB) did not answer within 50 ms']);
    memoryOnly.saveWorkflow(workflowRecord('a'));
    const none = await open(storage(), { storage: null, personInteracted: () => true });
    none.saveWorkflow(workflowRecord('a'));
    await none.flush();
    expect(none.status.persisted).toBeNull();
    expect(asked).toHaveLength(0);
  });
});
