import { describe, expect, it } from 'vitest';
import { loadSqlJs } from '../../src/engine';
import { MIGRATIONS, MigrationError, SCHEMA_VERSION, migrate, schemaVersionOf, type Migration } from '../../src/persistence/schema';

const tables = (db: import('sql.js').Database) =>
  (db.exec("SELECT name FROM sqlite_master WHERE type IN ('table', 'index') AND name NOT LIKE 'sqlite_%' ORDER BY name")[0]?.values ?? []).map((r) =>
    String(r[0]),
  );

describe('Schema migrations', () => {
  it('are ordered by strictly increasing version, ending at SCHEMA_VERSION', () => {
    const versions = MIGRATIONS.map((m) => m.version);
    expect(versions).toEqual([...versions].sort((a, b) => a - b));
    expect(new Set(versions).size).toBe(versions.length);
    expect(versions.at(-1)).toBe(SCHEMA_VERSION);
  });

  it('bring an empty database to the latest version', async () => {
    const SQL = await loadSqlJs();
    const db = new SQL.Database();
    expect(migrate(db)).toBe(0);
    expect(schemaVersionOf(db)).toBe(SCHEMA_VERSION);
    expect(tables(db)).toEqual(expect.arrayContaining(['workflows', 'extracts', 'runs', 'value_blobs', 'runs_by_workflow']));
    expect(tables(db)).not.toContain('run_steps');
  });

  it('upgrade a version-1 database keeping its data', async () => {
    const SQL = await loadSqlJs();
    const db = new SQL.Database();
    migrate(db, MIGRATIONS.slice(0, 1));
    expect(schemaVersionOf(db)).toBe(1);
    db.run("INSERT INTO runs VALUES ('r1', 'w1', 'run', 1, 2, '{}', 'ok', NULL)");
    expect(migrate(db)).toBe(1);
    expect(schemaVersionOf(db)).toBe(SCHEMA_VERSION);
    expect(db.exec('SELECT id FROM runs')[0]?.values).toEqual([['r1']]);
    expect(tables(db)).toContain('runs_by_workflow');
  });

  it('do nothing to a database already at the latest version', async () => {
    const SQL = await loadSqlJs();
    const db = new SQL.Database();
    migrate(db);
    const before = db.export();
    expect(migrate(db)).toBe(SCHEMA_VERSION);
    expect(db.export()).toEqual(before);
  });

  describe('When a migration fails halfway', () => {
    it('case 10: leaves the database exactly as it was, and says which migration failed', async () => {
      const SQL = await loadSqlJs();
      const db = new SQL.Database();
      migrate(db, MIGRATIONS.slice(0, 1));
      db.run("INSERT INTO workflows VALUES ('w1', 'Mine', '{}', '{}', '{}', 1, 1)");
      const before = tables(db);
      const broken: Migration = {
        version: SCHEMA_VERSION + 1,
        description: 'adds a table, then fails',
        up(target) {
          target.run('CREATE TABLE half_done (x)');
          target.run("UPDATE workflows SET name = 'changed'");
          target.run('THIS IS NOT SQL');
        },
      };
      let caught: unknown;
      try {
        migrate(db, [...MIGRATIONS, broken]);
      } catch (error) {
        caught = error;
      }
      expect(caught).toBeInstanceOf(MigrationError);
      expect((caught as Error).message).toMatch(`from version 1 failed at migration ${SCHEMA_VERSION + 1}`);
      expect(schemaVersionOf(db)).toBe(1);
      expect(tables(db)).toEqual(before);
      expect(db.exec('SELECT name FROM workflows')[0]?.values).toEqual([['Mine']]);
    });
  });
});
