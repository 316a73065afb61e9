import { describe, expect, it } from 'vitest';
import { markWorkspaceExists, workspaceExisted, type WebStorageArea } from '../../src/persistence/journal';
import { memoryWebStorage } from './webStorage';
import { captureWarnings, storage, workflowRecord, workspaceOpener } from './helpers';

const warnings = captureWarnings();
const open = workspaceOpener();

describe('The "a workspace existed" marker', () => {
  it('is absent in a browser that never saved, and set by the first save', async () => {
    const web = memoryWebStorage();
    const store = storage();
    const ws = await open(store, { webStorage: web });
    expect(workspaceExisted(web)).toBe(false);
    ws.saveWorkflow(workflowRecord('a'));
    expect(workspaceExisted(web)).toBe(false);
    await ws.flush();
    expect(store.meta.data.has('pointer')).toBe(true);
    expect(workspaceExisted(web)).toBe(true);
  });

  it('is not set when the save fails', async () => {
    const web = memoryWebStorage();
    const store = storage();
    const ws = await open(store, { webStorage: web });
    store.meta.failOn((op) => {
      if (op === 'commit') throw new Error('disk I/O');
    });
    ws.saveWorkflow(workflowRecord('a'));
    await ws.flush();
    expect(store.meta.data.has('pointer')).toBe(false);
    expect(workspaceExisted(web)).toBe(false);
    expect(warnings.take()).toEqual(['Workspace save failed: disk I/O']);
    store.meta.failOn(null);
  });

  it('never throws when Web Storage refuses to be read or written', () => {
    const refusing: WebStorageArea = {
      getItem: () => {
        throw new DOMException('denied', 'SecurityError');
      },
      setItem: () => {
        throw new DOMException('full', 'QuotaExceededError');
      },
      removeItem: () => {},
    };
    expect(() => markWorkspaceExists(refusing)).not.toThrow();
    expect(workspaceExisted(refusing)).toBe(false);
    expect(workspaceExisted(null)).toBe(false);
  });
});
