/** Extracts keep where they came from (workspace schema 3): an imported file's results stay marked imported. */
import { describe, expect, it } from 'vitest';
import { loadSqlJs } from '../../src/engine';
import { MIGRATIONS, SCHEMA_VERSION, migrate } from '../../src/persistence/schema';
import { openWorkspaceDatabase } from '../../src/persistence/workspaceDb';
import { extract, workflowRecord } from './helpers';

describe('An extract’s origin', () => {
  it('survives the workspace file’s bytes on both sides, and is absent on a run’s own extracts', async () => {
    const ws = await openWorkspaceDatabase();
    ws.saveWorkflow(workflowRecord('w1'));
    const imported = extract('add', { a: 2, b: 3 }, { sum: 999 });
    imported.input.origin = 'imported';
    imported.output.origin = 'imported';
    ws.putExtracts('w1', [imported, extract('own', { a: 1 }, { b: 1 })]);
    const reopened = await openWorkspaceDatabase(ws.toBytes());
    const stored = await reopened.getExtracts('w1');
    expect(stored.map((entry) => [entry.stepKey, entry.input.origin, entry.output.origin, entry.output.value])).toEqual([
      ['add', 'imported', 'imported', { sum: 999 }],
      ['own', undefined, undefined, { b: 1 }],
    ]);
    expect(stored[1]?.output).not.toHaveProperty('origin');
  });

  it('is added by migration 3, keeping the extracts a version 2 database holds (they read as the workspace’s own)', async () => {
    const SQL = await loadSqlJs();
    const db = new SQL.Database();
    migrate(
      db,
      MIGRATIONS.filter((migration) => migration.version <= 2),
    );
    db.run(`INSERT INTO extracts (workflow_id, step_key, input_hash, input_model, input_version, input_at, input_ref, output_model, output_version, output_at, output_ref)
            VALUES ('w1', 'add', 'h', 'math.add', '1', 5, 'in-ref', 'math.add', '1', 5, 'out-ref')`);
    expect(migrate(db)).toBe(2);
    expect(SCHEMA_VERSION).toBeGreaterThanOrEqual(3);
    const row = db.exec("SELECT step_key, input_origin, output_origin, output_ref FROM extracts WHERE workflow_id = 'w1'")[0]?.values;
    expect(row).toEqual([['add', null, null, 'out-ref']]);
  });
});
