import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { listTemplates } from '../../src/apps';
import { openWorkspaceDatabase } from '../../src/persistence/workspaceDb';
import { statuses, swark, tempDir } from './helpers';

// A state saved with a workflow in the app is a reference the CLI takes: workspace://<workflow>/states/<name>.

/** A workspace file holding the arithmetic app's (x + y) * k as "sums", with two saved states. */
async function workspaceDir(): Promise<string> {
  const template = listTemplates().find((entry) => entry.ref === 'app://arithmetic/workflows/xyk');
  if (!template) throw new Error('the arithmetic template is missing');
  const workspace = await openWorkspaceDatabase();
  workspace.saveWorkflow({
    id: 'w1',
    name: 'sums',
    workflow: template.workflow,
    layout: template.layout,
    state: { x: 1, y: 2, k: 3 },
    states: { 'k is 10': { x: 1, y: 2, k: 10 }, 'big x': { x: 100, y: 2, k: 3 } },
    createdAt: 1,
    updatedAt: 1,
  });
  const dir = tempDir();
  mkdirSync(join(dir, '.swark'));
  writeFileSync(join(dir, '.swark/workspace.sqlite'), new Uint8Array(await (await workspace.exportFile()).arrayBuffer()));
  workspace.close();
  return dir;
}

describe('swark run --state workspace://<workflow>/states/<name>', () => {
  it('runs the saved workflow from a saved state, and a second saved state reruns only what it changes', async () => {
    const dir = await workspaceDir();
    const first = await swark(dir, 'run', 'workspace://workflows/sums', '--state', 'workspace://sums/states/k%20is%2010', '--json');
    expect(first.code).toBe(0);
    expect(JSON.parse(first.stdout)).toMatchObject({ ok: true, output: { result: (1 + 2) * 10 }, state: 'workspace://sums/states/k%20is%2010' });
    const second = await swark(dir, 'run', 'workspace://workflows/sums', '--state', 'workspace://sums/states/big%20x', '--json');
    expect(JSON.parse(second.stdout).output).toEqual({ result: (100 + 2) * 3 });
    expect(statuses(second)).toEqual({ add: 'ran', scale: 'ran' });
    // Back to the first saved state: both steps remember that input (the workspace keeps several per step).
    const back = await swark(dir, 'run', 'workspace://workflows/sums', '--state', 'workspace://sums/states/k%20is%2010', '--json');
    expect(statuses(back)).toEqual({ add: 'skipped', scale: 'skipped' });
    const inspect = await swark(dir, 'inspect', '.swark/workspace.sqlite');
    expect(inspect.stdout).toMatch(/workflow "sums" +2 steps, 2 cached \(4 entries\)/);
    expect(readFileSync(join(dir, '.swark/workspace.sqlite')).byteLength).toBeGreaterThan(0);
  });

  it('says in words which saved states there are when the name is wrong', async () => {
    const dir = await workspaceDir();
    const result = await swark(dir, 'run', 'workspace://workflows/sums', '--state', 'workspace://sums/states/nope');
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(
      /cannot resolve reference "workspace:\/\/sums\/states\/nope": workflow "sums" has no saved state "nope" \(it has: "k is 10", "big x"\)/,
    );
  });
});
