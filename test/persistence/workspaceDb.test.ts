import { describe, expect, it } from 'vitest';
import { loadSqlJs } from '../../src/engine';
import { InvalidWorkspaceError, openWorkspaceDatabase } from '../../src/persistence/workspaceDb';
import type { RunRecord } from '../../src/persistence/types';
import { extract, workflowRecord } from './helpers';

const run = (id: string, workflowId: string, startedAt: number): RunRecord => ({
  id,
  workflowId,
  kind: 'rerun',
  startedAt,
  endedAt: startedAt + 5,
  flags: { useExtracts: true, populateExtracts: true, mutable: false },
  outcome: 'error',
  error: 'step 2 failed',
  steps: [
    { index: 0, key: 's0', model: 'math.add', status: 'skipped', durationMs: 0 },
    { index: 1, key: 's1', model: 'math.div', status: 'error', durationMs: 1.5, error: 'division by zero', reason: 'input changed: b' },
    { index: 2, key: 's2', model: 'math.add', status: 'not-run', durationMs: null },
  ],
});

describe('A workspace file (the CLI and backups)', () => {
  it('keeps workflows, extracts with non-JSON values, last state, runs and custom models through its bytes', async () => {
    const ws = await openWorkspaceDatabase();
    const record = workflowRecord('w1');
    ws.saveWorkflow(record);
    const odd = { nan: NaN, negZero: -0, when: new Date(5), big: 10n, list: new Set([1, 2]) };
    ws.putExtracts('w1', [extract('s0', odd, { sum: Infinity })]);
    ws.putLastState('w1', { mutable: true, values: { x: 1, big: { $swark: 'num', v: 'NaN' } } });
    ws.addRun(run('r1', 'w1', 100));
    ws.addRun(run('r2', 'w1', 200));
    ws.saveCustomModel({ id: 'm1', title: 'Mine', description: '', inputs: ['a'], outputs: ['b'], code: 'return {b: a}', version: 'h', createdAt: 1 });

    const reopened = await openWorkspaceDatabase(ws.toBytes());
    expect(reopened.getWorkflow('w1')).toEqual(record);
    expect(reopened.listWorkflows()).toEqual([{ id: 'w1', name: record.name, createdAt: record.createdAt, updatedAt: record.updatedAt }]);
    const [stored] = await reopened.getExtracts('w1');
    expect(stored?.input.value).toEqual(odd);
    expect(Object.is((stored?.input.value as typeof odd).negZero, -0)).toBe(true);
    expect(Number.isNaN((stored?.input.value as typeof odd).nan)).toBe(true);
    expect(stored?.output.value).toEqual({ sum: Infinity });
    expect(stored?.inputHash).toBe(extract('s0', odd, null).inputHash);
    expect(await reopened.getLastState('w1')).toEqual({ mutable: true, values: { x: 1, big: { $swark: 'num', v: 'NaN' } } });
    expect(reopened.listRuns('w1').map((r) => r.id)).toEqual(['r2', 'r1']);
    expect(reopened.listRuns('w1')[0]).toEqual(run('r2', 'w1', 200));
    expect(reopened.listCustomModels().map((m) => m.title)).toEqual(['Mine']);
  });

  it('lists workflows saved in the same millisecond with the one saved last first, whatever their ids', async () => {
    const ws = await openWorkspaceDatabase();
    const at = 1_000;
    for (const id of ['b', 'c', 'a']) ws.saveWorkflow({ ...workflowRecord(id), createdAt: at, updatedAt: at });
    expect(ws.listWorkflows().map((w) => w.id)).toEqual(['a', 'c', 'b']);
    ws.saveWorkflow({ ...workflowRecord('c'), createdAt: at, updatedAt: at });
    expect(ws.listWorkflows().map((w) => w.id)).toEqual(['c', 'a', 'b']);
  });

  it('stores a value shared by two extracts once', async () => {
    const ws = await openWorkspaceDatabase();
    const shared = { rows: Array.from({ length: 100 }, (_, i) => i) };
    ws.putExtracts('w1', [extract('s0', { a: 1 }, shared), extract('s1', shared, { b: 2 })]);
    expect(ws.db.exec('SELECT count(*) FROM value_blobs')[0]?.values[0]?.[0]).toBe(3);
  });

  it('drops values no longer referenced when extracts are cleared or replaced', async () => {
    const ws = await openWorkspaceDatabase();
    ws.putExtracts('w1', [extract('s0', { a: 1 }, { b: 1 }), extract('s1', { a: 2 }, { b: 2 })]);
    ws.clearExtracts('w1', 's0');
    expect((await ws.getExtracts('w1')).map((e) => e.stepKey)).toEqual(['s1']);
    expect(ws.db.exec('SELECT count(*) FROM value_blobs')[0]?.values[0]?.[0]).toBe(2);
    ws.replaceExtracts('w1', [extract('s2', { a: 3 }, { b: 3 })]);
    expect((await ws.getExtracts('w1')).map((e) => e.stepKey)).toEqual(['s2']);
    ws.deleteWorkflow('w1');
    expect(ws.db.exec('SELECT count(*) FROM value_blobs')[0]?.values[0]?.[0]).toBe(0);
  });

  it('does not copy seeds in the workflow JSON into the workflows table', async () => {
    const ws = await openWorkspaceDatabase();
    const record = workflowRecord('w1');
    ws.saveWorkflow({ ...record, workflow: { ...record.workflow, modelOutputs: { '0': { model: null, version: null, value: 'big' } } } });
    expect(ws.getWorkflow('w1')?.workflow).toEqual(record.workflow);
  });

  describe('When the bytes are not a workspace', () => {
    const reasons: [string, () => Promise<Uint8Array>, RegExp][] = [
      ['empty', async () => new Uint8Array(0), /empty \(0 bytes\)/],
      ['truncated', async () => (await openWorkspaceDatabase()).toBytes().slice(0, 50), /truncated \(50 bytes/],
      ['cut after the header', async () => (await openWorkspaceDatabase()).toBytes().slice(0, 4096), /truncated \(4096 of \d+ bytes\)/],
      [
        'text',
        async () => new TextEncoder().encode('{"workflows": []}'.padEnd(200, ' ')),
        /not a SQLite file \(it looks like text: "\{"workflows": \[\]\}…"\)/,
      ],
      ['short text', async () => new TextEncoder().encode('hello'), /not a SQLite file \(it looks like text: "hello"\)/],
      ['binary, not SQLite', async () => new Uint8Array(300).fill(0xff), /not a SQLite file \(it does not start with the SQLite file header; 300 bytes\)/],
      [
        'another SQLite database',
        async () => {
          const db = new (await loadSqlJs()).Database();
          db.run('CREATE TABLE invoices (id)');
          return db.export();
        },
        /something else \(tables: invoices\)/,
      ],
      [
        'from a newer version',
        async () => {
          const ws = await openWorkspaceDatabase();
          ws.db.run('PRAGMA user_version = 999');
          return ws.toBytes();
        },
        /newer version of Swark Studio \(schema 999/,
      ],
    ];
    it.each(reasons)('refuses %s bytes, saying why', async (_name, make, message) => {
      const bytes = await make();
      await expect(openWorkspaceDatabase(bytes)).rejects.toThrow(InvalidWorkspaceError);
      await expect(openWorkspaceDatabase(bytes)).rejects.toThrow(message);
    });
  });
});
