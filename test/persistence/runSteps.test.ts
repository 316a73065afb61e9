/** Run steps kept as one JSON array per run (schema 8): the migration, the round trip, the row check. */
import { describe, expect, it } from 'vitest';
import { loadSqlJs } from '../../src/engine';
import { rowProblems } from '../../src/persistence/db/rowCheck';
import { stepsLastRunUsed } from '../../src/persistence/db/runs';
import { MIGRATIONS, SCHEMA_VERSION, migrate } from '../../src/persistence/schema';
import type { RunRecord } from '../../src/persistence/types';
import { openWorkspaceDatabase } from '../../src/persistence/workspaceDb';

const record = (id: string, steps: RunRecord['steps']): RunRecord => ({
  id,
  workflowId: 'w1',
  kind: 'run',
  startedAt: 10,
  endedAt: 20,
  flags: { useExtracts: true, populateExtracts: true, mutable: false },
  outcome: 'ok',
  steps,
});

describe('Run steps in one column', () => {
  it('round-trip every field, the optional words only when there are some', async () => {
    const ws = await openWorkspaceDatabase();
    const steps: RunRecord['steps'] = [
      { index: 0, key: 'load', model: 'table.csv', status: 'skipped', durationMs: null },
      { index: 1, key: 'toString', model: 'math.add', status: 'ran', durationMs: 1.5, reason: 'input changed: x' },
      { index: 2, key: 'k', model: 'math.mul', status: 'error', durationMs: 0.25, error: 'x is not a number' },
    ];
    ws.addRun(record('r1', steps));
    expect(ws.listRuns('w1')[0]?.steps).toEqual(steps);
    // Re-recording a run replaces its steps.
    ws.addRun(record('r1', steps.slice(0, 1)));
    expect(ws.listRuns('w1').map((run) => run.steps)).toEqual([steps.slice(0, 1)]);
  });

  it('are what "the steps the last run used" reads: skipped ones, and ran ones when the cache was updated', async () => {
    const ws = await openWorkspaceDatabase();
    ws.addRun(
      record('r1', [
        { index: 0, key: 'a', model: 'm', status: 'skipped', durationMs: null },
        { index: 1, key: 'b', model: 'm', status: 'ran', durationMs: 1 },
        { index: 2, key: 'c', model: 'm', status: 'error', durationMs: 1 },
      ]),
    );
    expect(ws.db.exec("SELECT steps FROM runs WHERE id = 'r1'")[0]?.values[0]?.[0]).toContain('"key":"b"');
    // What the cache budget never drops.
    expect(stepsLastRunUsed(ws.db, 'w1')).toEqual(['a', 'b']);
    ws.addRun({
      ...record('r2', [{ index: 0, key: 'b', model: 'm', status: 'ran', durationMs: 1 }]),
      startedAt: 30,
      flags: { useExtracts: true, populateExtracts: false, mutable: false },
    });
    expect(stepsLastRunUsed(ws.db, 'w1')).toEqual([]);
  });

  it('come over from the run_steps rows of a schema-6 database, in step order, with their words', async () => {
    const SQL = await loadSqlJs();
    const db = new SQL.Database();
    migrate(
      db,
      MIGRATIONS.filter((m) => m.version <= 6),
    );
    db.run(
      `INSERT INTO workflows (id, name, workflow, layout, state, created_at, updated_at) VALUES ('w1', 'W', '{"steps":[],"useExtracts":true,"populateExtracts":true}', '{}', '{}', 1, 1)`,
    );
    db.run(`INSERT INTO runs VALUES ('r1', 'w1', 'run', 1, 2, '{"useExtracts":true,"populateExtracts":true,"mutable":false}', 'error', 'boom')`);
    db.run(`INSERT INTO runs VALUES ('r2', 'w1', 'run', 3, 4, '{"useExtracts":true,"populateExtracts":true,"mutable":false}', 'ok', NULL)`);
    // Inserted out of order: the migration orders by index.
    db.run(`INSERT INTO run_steps VALUES ('r1', 1, 'b', 'math.mul', 'error', 0.5, 'boom', NULL)`);
    db.run(`INSERT INTO run_steps VALUES ('r1', 0, 'a', 'math.add', 'ran', 1.25, NULL, 'input changed: x')`);
    expect(migrate(db)).toBe(6);
    const steps = (id: string) => JSON.parse(String(db.exec(`SELECT steps FROM runs WHERE id = '${id}'`)[0]?.values[0]?.[0]));
    expect(steps('r1')).toEqual([
      { index: 0, key: 'a', model: 'math.add', status: 'ran', durationMs: 1.25, error: null, reason: 'input changed: x' },
      { index: 1, key: 'b', model: 'math.mul', status: 'error', durationMs: 0.5, error: 'boom', reason: null },
    ]);
    expect(steps('r2')).toEqual([]);
    expect(rowProblems(db)).toEqual([]);
    expect(db.exec("SELECT name FROM sqlite_master WHERE name = 'run_steps'")).toEqual([]);
    expect(SCHEMA_VERSION).toBeGreaterThanOrEqual(7);
  });

  it('that are not a list of step records are named by table, run, column and step', async () => {
    const ws = await openWorkspaceDatabase();
    ws.addRun(record('r1', [{ index: 0, key: 'a', model: 'm', status: 'ran', durationMs: 1 }]));
    const flags = '{"useExtracts":true,"populateExtracts":true,"mutable":false}';
    ws.db.run(
      `INSERT INTO runs VALUES ('r2', 'w1', 'run', 1, 2, '${flags}', 'ok', NULL, '[{"index":0,"key":"a","model":"m","status":"done","durationMs":1}]')`,
    );
    ws.db.run(`INSERT INTO runs VALUES ('r3', 'w1', 'run', 1, 2, '${flags}', 'ok', NULL, '{"index":0}')`);
    ws.db.run(
      `INSERT INTO runs VALUES ('r4', 'w1', 'run', 1, 2, '${flags}', 'ok', NULL, '[{"index":0,"key":"a","model":"m","status":"ran","durationMs":"slow"}]')`,
    );
    expect(rowProblems(ws.db)).toEqual([
      'table "runs", row "r2": column "steps" step 0 has status "done", not one of ran, skipped, bypassed, error, cancelled, not-run',
      'table "runs", row "r3": column "steps" is not a list of run steps',
      'table "runs", row "r4": column "steps" step 0 has a "durationMs" that is not a number',
    ]);
  });
});
