/**
 * `swark run` of a workflow whose steps output tables: the CLI's workspace file keeps them as table
 * payload version 2 (typed columns), reads them back for the next run (every step skipped, which
 * needs the cached inputs equal to the new ones), and they decode to the dataset itself.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { Table } from '../../src/models';
import { allBlobs } from '../../src/persistence/db/valueBlobs';
import { openWorkspaceDatabase } from '../../src/persistence/workspaceDb';
import { seattleWeather } from '../models/helpers';
import { statuses, swark, tempDir } from './helpers';

describe('swark run of a workflow of tables', () => {
  it('stores its tables typed by column, skips every step on the next run, and they decode to the dataset', async () => {
    const dir = tempDir();
    const first = await swark(dir, 'run', 'app://weather/workflows/monthly');
    expect(first.code).toBe(0);
    const second = await swark(dir, 'run', 'app://weather/workflows/monthly', '--json');
    expect(statuses(second)).toEqual({ sample: 'skipped', clean: 'skipped', monthly: 'skipped', chart: 'skipped' });

    const workspace = await openWorkspaceDatabase(readFileSync(join(dir, '.swark/workspace.sqlite')));
    const blobs = [...allBlobs(workspace.db).values()];
    const tables = blobs.filter((json) => json.includes('"$swark":"table"'));
    expect(tables.length).toBeGreaterThanOrEqual(3);
    expect(tables.every((json) => json.includes('"$swark":"table","v":{"v":2'))).toBe(true);
    expect(blobs.some((json) => json.includes('"$swark":"date"'))).toBe(false);

    const id = workspace.listWorkflows()[0]?.id ?? '';
    const sample = (await workspace.getExtracts(id)).find((entry) => entry.stepKey === 'sample');
    const loaded = (sample?.output.value as { table: Table }).table;
    expect(loaded).toBeInstanceOf(Table);
    const weather = await seattleWeather();
    expect(loaded.equals(weather)).toBe(true);
    // Against the dataset's rows, cell by cell (dates by time).
    expect(loaded.rows().map((row) => ({ ...row, date: (row.date as Date).getTime() }))).toEqual(
      weather.rows().map((row) => ({ ...row, date: (row.date as Date).getTime() })),
    );
    workspace.close();
  });
});
