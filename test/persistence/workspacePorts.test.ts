import { describe, expect, it, vi } from 'vitest';
import { NOTICES } from '../../src/persistence/faults';
import type { RunHistory, ValueRefs, WorkflowRepository, WorkspaceReader } from '../../src/persistence/ports';
import { POINTER_KEY } from '../../src/persistence/snapshots';
import type { TabCoordinator, TabHandlers } from '../../src/persistence/tabs';
import type { CustomModelRecord, RunRecord } from '../../src/persistence/types';
import { Workspace } from '../../src/persistence/workspace';
import { openWorkspaceDatabase } from '../../src/persistence/workspaceDb';
import { captureWarnings, extract, storage, workflowRecord, workspaceOpener } from './helpers';

captureWarnings();
const open = workspaceOpener();

const run: RunRecord = {
  id: 'r1',
  workflowId: 'a',
  kind: 'run',
  startedAt: 10,
  endedAt: 20,
  flags: { useExtracts: true, populateExtracts: true, mutable: false },
  outcome: 'ok',
  steps: [{ index: 0, key: 's0', model: 'math.add', status: 'ran', durationMs: 1 }],
};
const model: CustomModelRecord = {
  id: 'm1',
  title: 'Mine',
  description: '',
  inputs: ['a'],
  outputs: ['b'],
  code: 'return { b: a }',
  version: 'h',
  createdAt: 1,
};

describe('The workspace through the ports the stores use', () => {
  it('reads nothing before the load, waits for it where a read is async, and reads back what was written', async () => {
    const store = storage();
    const writer = await open(store);
    writer.saveWorkflow(workflowRecord('a', 'A'));
    writer.putExtracts('a', [extract('s0', { n: 1 }, { out: 2 })]);
    writer.putLastState('a', { mutable: false, values: { x: 1 } });
    writer.addRun(run);
    writer.saveCustomModel(model);
    await writer.close();

    const ws = open.track(new Workspace({ meta: store.meta.backend, values: store.values.backend, storage: null, autosaveDelayMs: 60_000 }));
    const repository: WorkflowRepository = ws;
    const history: RunHistory = ws;
    const reader: WorkspaceReader = ws;
    const refs: ValueRefs = ws;
    expect(repository.getWorkflow('a')).toBeNull();
    expect(repository.listWorkflows()).toEqual([]);
    expect(history.listRuns('a')).toEqual([]);
    expect(reader.listCustomModels()).toEqual([]);
    expect(ws.extractInputHashes('a')).toEqual({});

    const [extracts, lastState] = await Promise.all([reader.getExtracts('a'), reader.getLastState('a')]);
    expect(ws.isLoaded).toBe(true);
    expect(extracts.map((entry) => [entry.stepKey, entry.input.value, entry.output.value])).toEqual([['s0', { n: 1 }, { out: 2 }]]);
    expect(lastState).toEqual({ mutable: false, values: { x: 1 } });
    expect(repository.getWorkflow('a')?.name).toBe('A');
    expect(repository.listWorkflows().map((summary) => summary.id)).toEqual(['a']);
    expect(history.listRuns('a')).toEqual([run]);
    expect(reader.listCustomModels()).toEqual([model]);
    expect(ws.extractInputHashes('a')).toEqual({ s0: extract('s0', { n: 1 }, null).inputHash });

    // Injected storage is not the browser's IndexedDB: a worker gets every value as text.
    const forWorker = await refs.valueRefsFor('a');
    expect(forWorker.location).toBeNull();
    expect(forWorker.extracts.map((entry) => entry.stepKey)).toEqual(['s0']);
    expect(forWorker.lastState?.slots.map((slot) => slot.name)).toEqual(['x']);
    const sent = new Set(forWorker.texts.map(([ref]) => ref));
    expect(sent).toEqual(new Set([forWorker.extracts[0]?.input.ref, forWorker.extracts[0]?.output.ref, forWorker.lastState?.slots[0]?.ref]));
  });

  it('a flush during the load waits for it and saves the edits made meanwhile (they wait in the queue until then)', async () => {
    const store = storage();
    const ws = open.track(new Workspace({ meta: store.meta.backend, values: store.values.backend, storage: null, autosaveDelayMs: 60_000 }));
    void ws.load();
    ws.saveWorkflow(workflowRecord('early', 'Made during the load'));
    await ws.flush();
    expect(ws.isLoaded).toBe(true);
    expect(ws.hasUnsavedChanges).toBe(false);
    // A reload reads it: another workspace over the same storage, with this one still open.
    expect((await open(store)).getWorkflow('early')?.name).toBe('Made during the load');
  });

  it('a tab granted the writer role that finds a newer version’s save tells its subscribers it stays read-only', async () => {
    const store = storage();
    let handlers: TabHandlers | null = null;
    const otherTabWrites: TabCoordinator = {
      start: async (given) => {
        handlers = given;
        return false;
      },
      takeOver: async () => {},
      announceSaved: () => {},
      close: () => {},
    };
    const ws = await open(store, { tabs: otherTabWrites });
    expect(ws.readOnlyReason).toBe('other-tab');

    // The writing tab, a newer version, saves and leaves: this tab gets the lock.
    const newer = await openWorkspaceDatabase();
    newer.db.run('PRAGMA user_version = 99');
    const bytes = newer.toBytes();
    await store.meta.backend.set('snapshot:1', bytes);
    await store.meta.backend.set(POINTER_KEY, {
      format: 1,
      snapshots: [
        { key: 'snapshot:1', seq: 1, savedAt: 1, schemaVersion: 99, bytes: bytes.length, counts: { workflows: 0, extracts: 0, runs: 0, customModels: 0 } },
      ],
    });
    const heard: (string | null)[] = [];
    ws.subscribe((workspace) => heard.push(workspace.status.notice));
    (handlers as TabHandlers | null)?.onWriterGranted();

    await vi.waitFor(() => expect(heard).toContain(NOTICES.newerWorkspace), { timeout: 5000 });
    expect(ws.readOnlyReason).toBe('newer-workspace');
    expect(ws.canEdit).toBe(false);
  });
});
