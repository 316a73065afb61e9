import { describe, expect, it } from 'vitest';
import { JOURNAL_NOTICES } from '../../src/persistence/journal';
import type { TabCoordinator, TabHandlers } from '../../src/persistence/tabs';
import type { CustomModelRecord, RunRecord } from '../../src/persistence/types';
import { Workspace, type WorkspaceOptions } from '../../src/persistence/workspace';
import { openWorkspaceDatabase } from '../../src/persistence/workspaceDb';
import { captureWarnings, extract, storage, workflowRecord, workspaceOpener, type Storage } from './helpers';
import { memoryWebStorage } from './webStorage';

// First, so its after-hook runs after the workspaces below are closed (a close saves too).
const warnings = captureWarnings();
const open = workspaceOpener();

/** Storage steps answer at once here; a held one counts as stuck after this long. */
const STEP_MS = 200;
type Web = ReturnType<typeof memoryWebStorage>;

/** A tab over `store` and the browser's Web Storage `web`. */
const openTab = (store: Storage, web: Web, extra: WorkspaceOptions = {}) => open(store, { webStorage: web, saveStepTimeoutMs: STEP_MS, ...extra });

/** What IndexedDB holds on its own: a tab that does not read the journal (and makes no edit). */
async function storedNames(store: Storage): Promise<string[]> {
  const ws = await open(store, { webStorage: null });
  const names = ws.database
    .listWorkflows()
    .map((w) => w.name)
    .sort();
  await ws.close();
  return names;
}

const names = (ws: Workspace) =>
  ws.database
    .listWorkflows()
    .map((w) => w.name)
    .sort();

/** Takes the warnings of saves a killed tab left stuck, and only those. */
function takeStuckWarnings(): void {
  for (const warning of warnings.take()) expect(warning).toMatch(/^Workspace save failed: the browser's storage did not answer within \d+ ms/);
}

/**
 * Closes a tab as a killed one goes: from now on its storage requests never answer, so whatever it
 * is saving, or saves on the way out, does not land.
 */
async function kill(ws: Workspace, store: Storage): Promise<void> {
  const holds = [store.meta.stall(() => true), store.values.stall(() => true)];
  await ws.close();
  for (const hold of holds) hold.abandon();
  takeStuckWarnings();
}

function run(id: string, workflowId: string): RunRecord {
  return {
    id,
    workflowId,
    kind: 'run',
    startedAt: 1,
    endedAt: 2,
    outcome: 'ok',
    flags: { useExtracts: true, populateExtracts: true, mutable: false },
    steps: [{ index: 0, key: 's0', model: 'math.add', status: 'ran', durationMs: 1 }],
  };
}

const customModel = (id: string): CustomModelRecord => ({
  id,
  title: `Model ${id}`,
  description: 'doubles',
  inputs: ['x'],
  outputs: ['y'],
  code: 'return { y: x * 2 };',
  version: 'h1',
  createdAt: 5,
});

describe('case 6: when the tab closes right after an edit', () => {
  it('the next load replays the journaled edits the snapshot lacks, and saves them', async () => {
    const store = storage();
    const web = memoryWebStorage();
    const first = await openTab(store, web);
    first.saveWorkflow(workflowRecord('a', 'A'));
    await first.flush();
    first.saveWorkflow(workflowRecord('a', 'A renamed'));
    first.saveWorkflow(workflowRecord('b', 'B'));
    first.saveCustomModel(customModel('m'));
    await kill(first, store);
    expect(await storedNames(store)).toEqual(['A']);

    const second = await openTab(store, web);
    expect(names(second)).toEqual(['A renamed', 'B']);
    expect(second.database.listCustomModels()).toEqual([customModel('m')]);
    expect(second.hasUnsavedChanges).toBe(true);
    await second.flush();
    expect(await storedNames(store)).toEqual(['A renamed', 'B']);
    // Confirmed saved: nothing is left to replay.
    expect(web.data.has('swark-edit-journal')).toBe(false);
  });

  it('a delete and a cleared cache are replayed too', async () => {
    const store = storage();
    const web = memoryWebStorage();
    const first = await openTab(store, web);
    first.saveWorkflow(workflowRecord('a', 'A'));
    first.saveWorkflow(workflowRecord('b', 'B'));
    first.putExtracts('b', [extract('s0', { n: 1 }, { out: 1 }), extract('s1', { n: 2 }, { out: 2 })]);
    await first.flush();
    first.deleteWorkflow('a');
    first.clearExtracts('b', 's0');
    await kill(first, store);

    const second = await openTab(store, web);
    expect(names(second)).toEqual(['B']);
    expect((await second.database.getExtracts('b')).map((e) => e.stepKey)).toEqual(['s1']);
  });

  it('a replay is idempotent: a second load before any save gives the same workspace', async () => {
    const store = storage();
    const web = memoryWebStorage();
    const first = await openTab(store, web);
    first.saveWorkflow(workflowRecord('a', 'A'));
    await first.flush();
    first.deleteWorkflow('a');
    first.saveWorkflow(workflowRecord('b', 'B'));
    first.saveWorkflow(workflowRecord('b', 'B again'));
    await kill(first, store);

    const second = await openTab(store, web);
    expect(names(second)).toEqual(['B again']);
    await kill(second, store);
    const third = await openTab(store, web);
    expect(names(third)).toEqual(['B again']);
    await third.flush();
    expect(await storedNames(store)).toEqual(['B again']);
  });

  it('edits a landed save holds are not replayed, even when the tab died before it could confirm the save', async () => {
    const store = storage();
    const web = memoryWebStorage();
    const first = await openTab(store, web);
    first.saveWorkflow(workflowRecord('a', 'A'));
    first.addRun(run('r1', 'a'));
    await first.flush();
    // Delete, undo the delete, run again: replaying the delete over the snapshot that holds all
    // three would take the new run with it (runs are not journaled).
    const record = first.getWorkflow('a');
    first.deleteWorkflow('a');
    if (record) first.saveWorkflow(record);
    first.addRun(run('r2', 'a'));
    const pointerBefore = store.meta.data.get('pointer');
    // The pointer switch lands, and then the tab is gone before it hears so.
    store.meta.stall((op) => op === 'commit', true);
    const saving = first.flush();
    await expect.poll(() => store.meta.data.get('pointer') !== pointerBefore).toBe(true);
    await kill(first, store);
    await saving;
    takeStuckWarnings();

    const truth = await open(store, { webStorage: null });
    expect(truth.listRuns('a').map((r) => r.id)).toEqual(['r2']);
    await truth.close();
    const second = await openTab(store, web);
    expect(names(second)).toEqual(['A']);
    expect(second.listRuns('a').map((r) => r.id)).toEqual(['r2']);
  });

  it('edits made before the load are applied after the replay, so the newest edit wins', async () => {
    const store = storage();
    const web = memoryWebStorage();
    const first = await openTab(store, web);
    first.saveWorkflow(workflowRecord('a', 'v1'));
    await first.flush();
    first.saveWorkflow({ ...workflowRecord('a', 'v2'), updatedAt: 2 });
    await kill(first, store);

    const second = open.track(
      new Workspace({ meta: store.meta.backend, values: store.values.backend, storage: null, webStorage: web, autosaveDelayMs: 60_000 }),
    );
    second.saveWorkflow({ ...workflowRecord('a', 'v3'), updatedAt: 3 });
    await second.load();
    expect(names(second)).toEqual(['v3']);
    await second.flush();
    expect(await storedNames(store)).toEqual(['v3']);
  });

  it('the tab that becomes the writer when the writer closes replays what it journaled', async () => {
    const store = storage();
    const web = memoryWebStorage();
    const writer = await openTab(store, web);
    writer.saveWorkflow(workflowRecord('a', 'A'));
    await writer.flush();
    let handlers: TabHandlers | null = null;
    const waiting: TabCoordinator = {
      start: async (given) => {
        handlers = given;
        return false;
      },
      takeOver: async () => {},
      announceSaved: () => {},
      close: () => {},
    };
    const reader = await openTab(store, web, { tabs: waiting });
    expect(reader.status.phase).toBe('read-only');
    writer.saveWorkflow(workflowRecord('b', 'B'));
    await kill(writer, store);
    // A read-only tab neither replays nor writes the journal.
    expect(names(reader)).toEqual(['A']);

    (handlers as TabHandlers | null)?.onWriterGranted();
    await expect.poll(() => reader.status.phase).toBe('ready');
    expect(names(reader)).toEqual(['A', 'B']);
    await reader.flush();
    expect(await storedNames(store)).toEqual(['A', 'B']);
  });
});

describe('A backup import and the journal', () => {
  async function backupOf(name: string): Promise<Uint8Array> {
    const source = await openWorkspaceDatabase();
    source.saveWorkflow(workflowRecord('c', name));
    return new Uint8Array(await (await source.exportFile()).arrayBuffer());
  }

  it('when the tab closes before the import is saved, the workspace before it comes back, last edits included', async () => {
    const store = storage();
    const web = memoryWebStorage();
    const first = await openTab(store, web);
    first.saveWorkflow(workflowRecord('a', 'A'));
    await first.flush();
    first.saveWorkflow(workflowRecord('b', 'B'));
    // The import's save never gets its snapshot written.
    const hold = store.meta.stall((op) => op === 'set');
    await first.importBackup(await backupOf('C'));
    takeStuckWarnings();
    expect(names(first)).toEqual(['C']);
    // An edit to the imported workspace is not journaled over the old one.
    first.saveWorkflow(workflowRecord('d', 'D'));
    await kill(first, store);
    hold.abandon();

    const second = await openTab(store, web);
    expect(names(second)).toEqual(['A', 'B']);
  });

  it('once the import is saved, the edits journaled before it are not replayed over it', async () => {
    const store = storage();
    const web = memoryWebStorage();
    const first = await openTab(store, web);
    first.saveWorkflow(workflowRecord('a', 'A'));
    await first.flush();
    first.saveWorkflow(workflowRecord('b', 'B'));
    await first.importBackup(await backupOf('C'));
    first.saveWorkflow(workflowRecord('d', 'D'));
    await kill(first, store);

    const second = await openTab(store, web);
    expect(names(second)).toEqual(['C', 'D']);
  });
});

/** A Web Storage area that refuses writes past `limit` characters, as a browser's quota does. */
function limitedWebStorage(limit: number): Web {
  const inner = memoryWebStorage();
  return {
    data: inner.data,
    getItem: inner.getItem,
    removeItem: inner.removeItem,
    setItem: (key, value) => {
      const others = [...inner.data].filter(([k]) => k !== key).reduce((sum, [k, v]) => sum + k.length + v.length, 0);
      if (others + key.length + value.length > limit) throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
      inner.setItem(key, value);
    },
  };
}

describe('When the journal cannot be written or read', () => {
  it('a journal larger than Web Storage allows says so in words, keeps its older entries, and the save goes on', async () => {
    const store = storage();
    const web = limitedWebStorage(6000);
    const first = await openTab(store, web);
    first.saveWorkflow(workflowRecord('a', 'A'));
    expect(first.status.notice).toBeNull();
    first.saveWorkflow({ ...workflowRecord('big', 'Big'), state: { text: 'x'.repeat(8000) } });
    expect(first.status.notice).toBe(JOURNAL_NOTICES.full);
    await first.flush();
    // Saved to IndexedDB as always; the emptied journal is written again, and the notice goes.
    expect(await storedNames(store)).toEqual(['A', 'Big']);
    expect(first.status.notice).toBeNull();

    // Degraded, not wrong: the journal keeps a consistent older state while the big edit is in it.
    first.saveWorkflow(workflowRecord('b', 'B'));
    first.saveWorkflow({ ...workflowRecord('big', 'Big edited'), state: { text: 'y'.repeat(8000) } });
    expect(first.status.notice).toBe(JOURNAL_NOTICES.full);
    await kill(first, store);
    const second = await openTab(store, web);
    expect(names(second)).toEqual(['A', 'B', 'Big']);
  });

  it('a damaged journal is set aside in words and the saved workspace opens unchanged', async () => {
    const store = storage();
    const web = memoryWebStorage();
    const first = await openTab(store, web);
    first.saveWorkflow(workflowRecord('a', 'A'));
    await first.close();

    web.setItem('swark-edit-journal', '{"format":1,"entries":[{"n":1');
    const second = await openTab(store, web);
    expect(names(second)).toEqual(['A']);
    expect(second.status.notice).toMatch(
      /journaled just before the tab last closed could not be read \(not valid JSON: .+\); the saved workspace is unchanged/,
    );
    await second.close();

    const good = { n: 1, base: 1, op: { kind: 'save-workflow', record: workflowRecord('b', 'B') } };
    const unknown = { n: 2, base: 1, op: { kind: 'drop-everything' } };
    web.setItem('swark-edit-journal', JSON.stringify({ format: 1, entries: [good, unknown], cuts: [] }));
    const third = await openTab(store, web);
    expect(names(third)).toEqual(['A', 'B']);
    expect(third.status.notice).toMatch(/could not be read \(1 of its 2 entries are not edits this version knows\)/);
  });

  it('a journal from a newer version is left alone, unread and unwritten', async () => {
    const store = storage();
    const web = memoryWebStorage();
    const newer = JSON.stringify({ format: 2, entries: [], cuts: [], more: 'anything' });
    web.setItem('swark-edit-journal', newer);
    const ws = await openTab(store, web);
    expect(ws.status.notice).toBe(JOURNAL_NOTICES.newer);
    ws.saveWorkflow(workflowRecord('a', 'A'));
    await ws.flush();
    expect(web.getItem('swark-edit-journal')).toBe(newer);
    expect(await storedNames(store)).toEqual(['A']);
  });
});
