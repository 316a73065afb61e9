/**
 * Schema migration 10 on a workspace file whose values are inline (the CLI's file, a backup):
 * version 1 tables re-encoded as version 2 in the migration, refs and input hashes renamed, the old
 * values gone; a value that does not match its ref is left for the backup checks to refuse.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { encodeValue, hashValue, loadSqlJs } from '../../src/engine';
import { Table } from '../../src/models';
import { allBlobs } from '../../src/persistence/db/valueBlobs';
import { readBackup } from '../../src/persistence/backupImport';
import { MIGRATIONS } from '../../src/persistence/schema';
import { initValueHashing } from '../../src/persistence/values';
import { openWorkspaceDatabase } from '../../src/persistence/workspaceDb';
import { registerCurrentTables, registerLegacyTables } from '../fixtures/legacyTables';
import { extract, workflowRecord } from './helpers';

afterEach(registerCurrentTables);

const days = () =>
  Table.fromRows(
    Array.from({ length: 300 }, (_, i) => ({
      date: i % 11 === 0 ? null : new Date(Date.UTC(1969, 11, 1) + i * 86_400_000),
      temp: i % 7 === 0 ? NaN : Math.round(Math.sin(i) * 200) / 10,
      sky: ['sun', 'rain', '東京', ''][i % 4],
    })),
  );

/** A workspace file as schema 9 wrote it (version 1 tables); `tamper` changes a stored text afterwards. */
async function previousReleaseFile(tamper = false): Promise<Uint8Array> {
  registerLegacyTables();
  const file = await openWorkspaceDatabase();
  file.saveWorkflow(workflowRecord('a'));
  file.putExtracts('a', [extract('load', { n: 1 }, { table: days() }), extract('next', { table: days(), k: 2 }, { done: true })]);
  file.putLastState('a', { mutable: false, values: { t: encodeValue(days()), n: 1 } });
  file.db.run('PRAGMA user_version = 9');
  if (tamper) file.db.run(`UPDATE value_blobs SET json = replace(json, '"sun"', '"SUN"') WHERE json LIKE '%"sun"%'`);
  const bytes = file.db.export();
  file.close();
  registerCurrentTables();
  return bytes;
}

const legacy = (json: string) => json.includes('"$swark":"table","v":{"names":');

describe('When a workspace file of schema 9 holds version 1 tables', () => {
  it('migration 10 re-encodes them, renames refs and input hashes, and drops the old values', async () => {
    await initValueHashing();
    const file = await openWorkspaceDatabase(await previousReleaseFile());
    const blobs = allBlobs(file.db);
    expect([...blobs.values()].some(legacy)).toBe(false);
    expect([...blobs.values()].filter((json) => json.includes('"$swark":"table","v":{"v":2')).length).toBe(3);
    // Every value it refers to is there; nothing else is.
    expect(new Set(blobs.keys())).toEqual(file.referencedValues());
    const entries = await file.getExtracts('a');
    expect(entries.map((e) => e.stepKey)).toEqual(['load', 'next']);
    expect(((entries[0]?.output.value as { table: Table }).table as Table).equals(days())).toBe(true);
    expect(((entries[1]?.input.value as { table: Table }).table as Table).equals(days())).toBe(true);
    for (const entry of entries) expect(entry.inputHash).toBe(hashValue(entry.input.value));
    const state = await file.getLastState('a');
    expect(JSON.stringify(state?.values.t)).toContain('"v":2');
    file.close();
  });

  it('as a backup, a value changed after it was written is still refused (the migration leaves it)', async () => {
    await initValueHashing();
    const SQL = await loadSqlJs();
    await expect(readBackup(SQL, await previousReleaseFile(true), MIGRATIONS)).rejects.toThrow('does not match its ref');
    const sound = await readBackup(SQL, await previousReleaseFile(), MIGRATIONS);
    expect(((await sound.database.getExtracts('a'))[0]?.output.value as { table: Table }).table.equals(days())).toBe(true);
    sound.database.close();
  });
});
