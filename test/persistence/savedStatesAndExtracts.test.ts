import { describe, expect, it } from 'vitest';
import { loadSqlJs } from '../../src/engine';
import { MIGRATIONS, migrate } from '../../src/persistence/schema';
import { WorkspaceDatabase, openWorkspaceDatabase } from '../../src/persistence/workspaceDb';
import { InlineValues } from '../../src/persistence/values';
import { extract, workflowRecord } from './helpers';

// Schema 3: saved states and Run's state on the workflow row; several extracts per step, ranked.

describe('Saved states and the state Run uses', () => {
  it('are kept with the workflow and read back as saved', async () => {
    const ws = await openWorkspaceDatabase();
    const record = {
      ...workflowRecord('w1'),
      states: { '2014 only': { x: 2014, y: { $swark: 'date', v: 5 } } },
      runState: { kind: 'saved' as const, name: '2014 only' },
    };
    ws.saveWorkflow(record);
    const reopened = await openWorkspaceDatabase(ws.toBytes());
    expect(reopened.getWorkflow('w1')).toEqual(record);
  });

  it('leave a record without them as it was (no empty fields appear)', async () => {
    const ws = await openWorkspaceDatabase();
    const record = workflowRecord('w2');
    ws.saveWorkflow({ ...record, runState: { kind: 'own' } });
    expect(ws.getWorkflow('w2')).toEqual(record);
  });
});

describe('Several extracts per step', () => {
  it('are read back by step, most recent first, and a put sets exactly the entries of the steps it names', async () => {
    const ws = await openWorkspaceDatabase();
    ws.putExtracts('w1', [
      extract('add', { a: 3 }, { sum: 3 }),
      extract('add', { a: 2 }, { sum: 2 }),
      extract('add', { a: 1 }, { sum: 1 }),
      extract('mul', { v: 9 }, { p: 9 }),
    ]);
    const inputs = async () => (await ws.getExtracts('w1')).map((entry) => [entry.stepKey, entry.input.value]);
    expect(await inputs()).toEqual([
      ['add', { a: 3 }],
      ['add', { a: 2 }],
      ['add', { a: 1 }],
      ['mul', { v: 9 }],
    ]);
    // The worker sends a step's whole list after each step: a hit on {a: 1} makes it first, and an eviction drops one.
    ws.putExtracts('w1', [extract('add', { a: 1 }, { sum: 1 }), extract('add', { a: 3 }, { sum: 3 })]);
    expect(await inputs()).toEqual([
      ['add', { a: 1 }],
      ['add', { a: 3 }],
      ['mul', { v: 9 }],
    ]);
    expect(ws.extractInputHashes('w1')).toEqual({ add: extract('add', { a: 1 }, null).inputHash, mul: extract('mul', { v: 9 }, null).inputHash });
    // The value only the evicted entry held is gone from the file.
    const texts = [...ws.inlineValues().values()];
    expect(texts.some((text) => text.includes('"sum":2'))).toBe(false);
  });

  it('survive the migration from schema 2, each step’s one entry the most recent', async () => {
    const SQL = await loadSqlJs();
    const db = new SQL.Database();
    migrate(db, MIGRATIONS.slice(0, 2));
    db.run("INSERT INTO workflows VALUES ('w1', 'Mine', '{\"steps\":[],\"useExtracts\":true,\"populateExtracts\":true}', '{}', '{\"k\":4}', 1, 2)");
    db.run("INSERT INTO extracts VALUES ('w1', 'add', 'h1', 'math.add', '1', 10, 'ri', 'math.add', '1', 11, 'ro')");
    db.run("INSERT INTO value_blobs VALUES ('ri', '{\"a\":1}'), ('ro', '{\"sum\":1}')");
    expect(migrate(db)).toBe(2);
    let ws: WorkspaceDatabase | null = null;
    ws = new WorkspaceDatabase(db, new InlineValues(() => (ws as WorkspaceDatabase).db));
    expect(ws.getWorkflow('w1')).toMatchObject({ name: 'Mine', state: { k: 4 } });
    expect(ws.getWorkflow('w1')).not.toHaveProperty('states');
    expect(await ws.getExtracts('w1')).toEqual([
      {
        stepKey: 'add',
        inputHash: 'h1',
        input: { model: 'math.add', version: '1', at: 10, value: { a: 1 } },
        output: { model: 'math.add', version: '1', at: 11, value: { sum: 1 } },
      },
    ]);
  });
});
