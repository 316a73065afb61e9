/** The workspace's component library: the `components` table (schema 7), kept through the file's bytes and the edit journal. */
import { describe, expect, it } from 'vitest';
import { loadSqlJs } from '../../src/engine';
import { rowProblems } from '../../src/persistence/db/rowCheck';
import { JOURNAL_RULES, applyJournalOp } from '../../src/persistence/journalOps';
import { MIGRATIONS, SCHEMA_VERSION, migrate, schemaVersionOf } from '../../src/persistence/schema';
import type { ComponentRecord } from '../../src/persistence/types';
import { openWorkspaceDatabase } from '../../src/persistence/workspaceDb';

const component = (id: string, name = 'Calc', updatedAt = 1): ComponentRecord => ({
  id,
  name,
  definition: { name, nodes: [{ id: 'add', model: 'math.add', label: 'add', x: 0, y: 0 }], edges: [], inputs: [], outputs: [] },
  createdAt: 1,
  updatedAt,
});

describe('The component library', () => {
  it('a version 6 workspace gains an empty components table, keeping what it held', async () => {
    const SQL = await loadSqlJs();
    const db = new SQL.Database();
    migrate(
      db,
      MIGRATIONS.filter((migration) => migration.version <= 6),
    );
    db.run("INSERT INTO custom_models VALUES ('m', '{}', 1)");
    expect(migrate(db)).toBe(6);
    expect(SCHEMA_VERSION).toBeGreaterThanOrEqual(7);
    expect(schemaVersionOf(db)).toBe(SCHEMA_VERSION);
    expect(db.exec('SELECT count(*) FROM components')[0]?.values).toEqual([[0]]);
    expect(db.exec('SELECT id FROM custom_models')[0]?.values).toEqual([['m']]);
  });

  it('keeps definitions through the file, oldest first; saving again replaces (an edit reaches every instance)', async () => {
    const ws = await openWorkspaceDatabase();
    ws.saveComponent(component('c1'));
    ws.saveComponent({ ...component('c2', 'Other'), createdAt: 2 });
    ws.saveComponent(component('c1', 'Calc edited', 3));
    const reopened = await openWorkspaceDatabase(ws.toBytes());
    expect(reopened.listComponents()).toEqual([component('c1', 'Calc edited', 3), { ...component('c2', 'Other'), createdAt: 2 }]);
    reopened.deleteComponent('c2');
    expect(reopened.listComponents().map((record) => record.id)).toEqual(['c1']);
  });

  it('a row that is not a component record is named in words', async () => {
    const SQL = await loadSqlJs();
    const db = new SQL.Database();
    migrate(db);
    db.run(`INSERT INTO components VALUES ('c1', '{"id":"c2","name":"x","definition":{"nodes":[]}}', 1)`);
    expect(rowProblems(db).join('\n')).toMatch(/components.*names component "c2", not the row's id/);
  });

  it('journals saves and deletes; a later save of one supersedes an earlier one', async () => {
    const ws = await openWorkspaceDatabase();
    const save = { kind: 'save-component' as const, record: component('c1') };
    expect(JOURNAL_RULES.isOp(save)).toBe(true);
    expect(JOURNAL_RULES.isOp({ kind: 'save-component', record: { id: 'c1' } })).toBe(false);
    expect(JOURNAL_RULES.supersedes({ kind: 'delete-component', id: 'c1' }, save)).toBe(true);
    applyJournalOp(ws, save);
    applyJournalOp(ws, save);
    expect(ws.listComponents()).toEqual([component('c1')]);
    applyJournalOp(ws, { kind: 'delete-component', id: 'c1' });
    expect(ws.listComponents()).toEqual([]);
  });
});
