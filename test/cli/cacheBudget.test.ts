import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openWorkspaceDatabase } from '../../src/persistence/workspaceDb';
import { statuses, swark, tempDir } from './helpers';

// The CLI keeps a workspace file within the app's cache budget and run history, as the app does.

async function workspaceDir(settings: { cacheBudgetBytes: number; runsPerWorkflow: number }): Promise<string> {
  const workspace = await openWorkspaceDatabase();
  workspace.changeSettings(settings);
  const dir = tempDir();
  mkdirSync(join(dir, '.swark'));
  writeFileSync(join(dir, '.swark/workspace.sqlite'), new Uint8Array(await (await workspace.exportFile()).arrayBuffer()));
  workspace.close();
  return dir;
}

describe('swark run in a workspace with a small cache budget', () => {
  it('keeps the last run’s entries (the next run skips), drops the earlier ones, and prunes the history', async () => {
    const dir = await workspaceDir({ cacheBudgetBytes: 1024, runsPerWorkflow: 2 });
    const run = (state: string) => swark(dir, 'run', 'app://weather/workflows/monthly', '--state', `app://weather/states/monthly${state}`, '--json');
    const ranFrom = (result: Awaited<ReturnType<typeof run>>) => Object.values(statuses(result)).filter((status) => status === 'ran').length;
    expect(ranFrom(await run(''))).toBe(4);
    expect(ranFrom(await run('#lastYear'))).toBe(3);
    expect(ranFrom(await run('#lastYear'))).toBe(0);
    // 2012–2015's entries went with the budget: the steps that read the years run again.
    expect(ranFrom(await run(''))).toBe(3);
    const file = await openWorkspaceDatabase(readFileSync(join(dir, '.swark/workspace.sqlite')));
    const id = file.listWorkflows()[0]?.id as string;
    expect(file.extractRefs(id)).toHaveLength(4);
    expect(file.listRuns(id)).toHaveLength(2);
  });
});
