import { describe, expect, it } from 'vitest';
import { loadSqlJs } from '../../src/engine';
import { defaultCacheBudget } from '../../src/persistence/cacheBudget';
import { MIGRATIONS, migrate } from '../../src/persistence/schema';
import type { RunRecord } from '../../src/persistence/types';
import { InlineValues, encodeForStore, initValueHashing, refBytes } from '../../src/persistence/values';
import { WorkspaceDatabase, openWorkspaceDatabase } from '../../src/persistence/workspaceDb';
import { bigValue, captureWarnings, extract, storage, workflowRecord, workspaceOpener } from './helpers';

captureWarnings();
const open = workspaceOpener();

/** A database whose clock the test moves: each put happens at a time the test names. */
async function timedDatabase(): Promise<WorkspaceDatabase & { at(time: number): void }> {
  const ws = await openWorkspaceDatabase();
  let time = 0;
  ws.now = () => time;
  return Object.assign(ws, { at: (next: number) => void (time = next) });
}

function runRecord(workflowId: string, id: string, at: number, steps: [key: string, status: RunRecord['steps'][number]['status']][]): RunRecord {
  return {
    id,
    workflowId,
    kind: 'run',
    startedAt: at,
    endedAt: at + 1,
    flags: { useExtracts: true, populateExtracts: true, mutable: false },
    outcome: 'ok',
    steps: steps.map(([key, status], index) => ({ index, key, model: 'math.add', status, durationMs: 1 })),
  };
}

const keys = (entries: { workflowId: string; stepKey: string }[]) => entries.map((entry) => `${entry.workflowId}/${entry.stepKey}`);
const blobTexts = (ws: WorkspaceDatabase) => [...ws.inlineValues().values()];
/** Bytes the values of one extract with a `bigValue(size)` output take. */
const sizeOf = (input: unknown, output: unknown) => refBytes(encodeForStore(input).ref) + refBytes(encodeForStore(output).ref);

describe('The cache budget', () => {
  it('defaults to the smaller of 1 GB and half the browser’s quota', () => {
    expect(defaultCacheBudget(null)).toBe(1024 ** 3);
    expect(defaultCacheBudget(10 * 1024 ** 3)).toBe(1024 ** 3);
    expect(defaultCacheBudget(600 * 1024 ** 2)).toBe(300 * 1024 ** 2);
  });

  it('drops the least recently used entries first, across steps and workflows, until the values fit', async () => {
    await initValueHashing();
    const ws = await timedDatabase();
    const big = (seed: number) => bigValue(10_000, seed);
    ws.at(100);
    ws.putExtracts('w1', [extract('a', { n: 1 }, big(1))]);
    ws.at(200);
    ws.putExtracts('w2', [extract('b', { n: 2 }, big(2))]);
    ws.at(300);
    ws.putExtracts('w1', [extract('c', { n: 3 }, big(3))]);
    ws.at(400);
    // w1's step a used again: now the most recent of all.
    ws.addRun(runRecord('w1', 'r1', 399, [['a', 'skipped']]));
    const one = sizeOf({ n: 1 }, big(1));
    const evicted = ws.keepCacheWithinBudget(2 * one + 100, []);
    expect(keys(evicted)).toEqual(['w2/b']);
    expect(ws.extractRefs('w1').map((entry) => entry.stepKey)).toEqual(['a', 'c']);
    expect(ws.extractRefs('w2')).toEqual([]);
    // The value only the dropped entry held left the file; the others stayed.
    expect(blobTexts(ws).some((text) => text.includes(':2'.padEnd(12, 'x')))).toBe(false);
    expect(keys(ws.keepCacheWithinBudget(one + 100, []))).toEqual(['w1/c']);
  });

  it('drops a step’s earlier entries before its current one, and the next one becomes current', async () => {
    const ws = await timedDatabase();
    ws.at(100);
    ws.putExtracts('w1', [extract('a', { n: 3 }, bigValue(5000, 3)), extract('a', { n: 2 }, bigValue(5000, 2)), extract('a', { n: 1 }, bigValue(5000, 1))]);
    const evicted = ws.keepCacheWithinBudget(sizeOf({ n: 3 }, bigValue(5000, 3)) * 2 + 10, []);
    expect(evicted.map((entry) => entry.inputHash)).toEqual([extract('a', { n: 1 }, null).inputHash]);
    const left = await ws.getExtracts('w1');
    expect(left.map((entry) => entry.input.value)).toEqual([{ n: 3 }, { n: 2 }]);
    expect(ws.db.exec("SELECT rank FROM extracts WHERE workflow_id = 'w1' ORDER BY rank")[0]?.values).toEqual([[0], [1]]);
  });

  it('never drops what the open workflow’s last run used, even over budget', async () => {
    const ws = await timedDatabase();
    ws.at(100);
    ws.putExtracts('open', [extract('a', { n: 1 }, bigValue(8000, 1)), extract('a', { n: 0 }, bigValue(8000, 0))]);
    ws.putExtracts('open', [extract('b', { n: 2 }, bigValue(8000, 2))]);
    ws.putExtracts('other', [extract('c', { n: 3 }, bigValue(8000, 3))]);
    ws.at(200);
    ws.addRun(
      runRecord('open', 'r1', 150, [
        ['a', 'ran'],
        ['b', 'skipped'],
      ]),
    );
    const evicted = ws.keepCacheWithinBudget(1024, ['open']);
    // a's earlier entry and the other workflow's go; a's and b's current entries, the last run's, stay.
    expect(keys(evicted).sort()).toEqual(['open/a', 'other/c']);
    expect((await ws.getExtracts('open')).map((entry) => [entry.stepKey, entry.input.value])).toEqual([
      ['a', { n: 1 }],
      ['b', { n: 2 }],
    ]);
    // Unprotected, they go too.
    expect(keys(ws.keepCacheWithinBudget(1024, []))).toHaveLength(2);
  });

  it('counts a value several entries share once, and frees it only with the last of them', async () => {
    const ws = await timedDatabase();
    const shared = bigValue(20_000, 9);
    ws.at(100);
    ws.putExtracts('w1', [extract('a', { n: 1 }, shared)]);
    ws.at(200);
    ws.putExtracts('w2', [extract('b', { n: 2 }, shared)]);
    const report = ws.storageReport({ budgetBytes: 1e9, budgetIsDefault: true, quotaBytes: null });
    const sharedBytes = refBytes(encodeForStore(shared).ref);
    expect(report.sharedBytes).toBe(sharedBytes);
    expect(report.usedBytes).toBe(sharedBytes + refBytes(encodeForStore({ n: 1 }).ref) + refBytes(encodeForStore({ n: 2 }).ref));
    expect(report.workflows.map((workflow) => [workflow.workflowId, workflow.sharedBytes])).toEqual(
      expect.arrayContaining([
        ['w1', sharedBytes],
        ['w2', sharedBytes],
      ]),
    );
    // Dropping w1's entry frees only its input: the shared output is still w2's.
    expect(keys(ws.keepCacheWithinBudget(report.usedBytes - 1, []))).toEqual(['w1/a']);
    expect(blobTexts(ws).some((text) => text.includes(':9'.padEnd(12, 'x')))).toBe(true);
  });

  it('is reported per workflow and step, with the names a person knows them by', async () => {
    const ws = await timedDatabase();
    ws.saveWorkflow(workflowRecord('w1', 'Weather'));
    ws.at(500);
    ws.putExtracts('w1', [extract('s0', { n: 1 }, bigValue(3000)), extract('s0', { n: 2 }, bigValue(3000, 2))]);
    ws.addRun(runRecord('w1', 'r1', 3e12, [['s0', 'ran']]));
    const report = ws.storageReport({ budgetBytes: 1e6, budgetIsDefault: false, quotaBytes: 2e6 });
    expect(report).toMatchObject({ budgetBytes: 1e6, budgetIsDefault: false, quotaBytes: 2e6, runsPerWorkflow: 200 });
    expect(report.workflows).toEqual([
      expect.objectContaining({
        workflowId: 'w1',
        name: 'Weather',
        runs: 1,
        steps: [expect.objectContaining({ stepKey: 's0', label: 'Add', entries: 2, lastUsedAt: 3e12 + 1 })],
      }),
    ]);
    expect(report.workflows[0]?.bytes).toBe(report.usedBytes);
  });
});

describe('When the browser workspace keeps its cache within the budget', () => {
  it('uses half the quota the browser reports, at most 1 GB', async () => {
    const ws = await open(storage(), { storage: { estimate: async () => ({ usage: 0, quota: 800 * 1024 ** 2 }) } });
    await expect.poll(() => ws.status.quotaBytes).toBe(800 * 1024 ** 2);
    expect(ws.cacheBudgetBytes()).toBe(400 * 1024 ** 2);
    expect(ws.changeSettings({ cacheBudgetBytes: 4096 })).toBeNull();
    expect(ws.cacheBudgetBytes()).toBe(4096);
    expect(ws.storageReport()).toMatchObject({ budgetBytes: 4096, budgetIsDefault: false });
    expect(ws.changeSettings({ cacheBudgetBytes: 10 })).toBe('Setting “cacheBudgetBytes” cannot be 10: give a size of at least 1 KB, or none for the default.');
  });

  it('deletes the dropped entries’ values from the value store once no kept save refers to them', async () => {
    const store = storage();
    const ws = await open(store);
    ws.saveWorkflow(workflowRecord('w1'));
    const old = extract('s0', { n: 1 }, bigValue(20_000, 1));
    ws.putExtracts('w1', [old]);
    await ws.flush();
    ws.putExtracts('w1', [extract('s1', { n: 2 }, bigValue(20_000, 2))]);
    ws.addRun(runRecord('w1', 'r1', Date.now(), [['s1', 'ran']]));
    await ws.flush();
    const oldRef = encodeForStore(old.output.value).ref;
    expect(store.values.data.has(oldRef)).toBe(true);
    expect(ws.changeSettings({ cacheBudgetBytes: 30_000 })).toBeNull();
    expect(keys(ws.keepCacheWithinBudget('w1'))).toEqual(['w1/s0']);
    // The value goes once the saves that still refer to it have rotated out.
    for (let save = 0; save < 4; save++) {
      ws.clearExtracts('none');
      await ws.flush();
    }
    expect(store.values.data.has(oldRef)).toBe(false);
    expect(store.values.data.has(encodeForStore(bigValue(20_000, 2)).ref)).toBe(true);
  });
});

describe('Run history', () => {
  it('keeps the newest runs per workflow (200 by default, a setting), deleting older ones with their steps', async () => {
    const ws = await openWorkspaceDatabase();
    for (let i = 0; i < 203; i++) ws.addRun(runRecord('w1', `r${i}`, 1000 + i, [['s0', 'ran']]));
    ws.addRun(runRecord('w2', 'other', 5, [['s0', 'ran']]));
    const runs = ws.listRuns('w1');
    expect(runs).toHaveLength(200);
    expect(runs[0]?.id).toBe('r202');
    expect(runs.at(-1)?.id).toBe('r3');
    expect(ws.db.exec("SELECT count(*) FROM runs WHERE id IN ('r0', 'r1', 'r2')")[0]?.values[0]?.[0]).toBe(0);
    ws.changeSettings({ runsPerWorkflow: 5 });
    expect(ws.listRuns('w1').map((run) => run.id)).toEqual(['r202', 'r201', 'r200', 'r199', 'r198']);
    expect(ws.listRuns('w2')).toHaveLength(1);
    ws.addRun(runRecord('w1', 'newest', 9999, []));
    expect(ws.listRuns('w1')).toHaveLength(5);
    expect(ws.db.exec('SELECT sum(json_array_length(steps)) FROM runs')[0]?.values[0]?.[0]).toBe(5);
  });
});

describe('The migration to schema 5', () => {
  it('gives each kept extract a last use (the time it was made), so the budget can order them', async () => {
    const SQL = await loadSqlJs();
    const db = new SQL.Database();
    migrate(db, MIGRATIONS.slice(0, 4));
    db.run(`INSERT INTO extracts (workflow_id, step_key, input_hash, rank, input_model, input_version, input_at, input_ref, output_model, output_version, output_at, output_ref)
      VALUES ('w1', 'old', 'h1', 0, 'm', '1', 10, 'ri-1', 'm', '1', 20, 'ro-1'), ('w1', 'new', 'h2', 0, 'm', '1', 30, 'ri-1', 'm', '1', NULL, 'rp-1')`);
    db.run("INSERT INTO value_blobs VALUES ('ri-1', '1'), ('ro-1', '2'), ('rp-1', '3')");
    expect(migrate(db)).toBe(4);
    expect(db.exec('SELECT step_key, used_at FROM extracts ORDER BY step_key')[0]?.values).toEqual([
      ['new', 30],
      ['old', 20],
    ]);
    let ws: WorkspaceDatabase | null = null;
    ws = new WorkspaceDatabase(db, new InlineValues(() => (ws as WorkspaceDatabase).db));
    expect(keys(ws.keepCacheWithinBudget(2, []))).toEqual(['w1/old']);
    expect(ws.extractRefs('w1').map((entry) => entry.stepKey)).toEqual(['new']);
  });
});
