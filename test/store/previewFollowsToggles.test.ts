import { describe, expect, it } from 'vitest';
import { stepOutcome } from '../../src/store/run';
import { nodeFace } from '../../src/ui/canvas/nodeFace';
import { makeStudio } from '../helpers/studio';

// After a run where every step skipped, a toggle or Clear cache changes what the next run does
// without changing the graph: the node's line (and the inspector, which reads the same outcome)
// follows the preview, not the last run's "skipped (cached)".

const waitFor = async (check: () => boolean, what: string) => {
  for (let i = 0; i < 1000; i++) {
    if (check()) return;
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  throw new Error(`timed out waiting for ${what}`);
};

describe('The node line after every step skipped', () => {
  it('follows "Use cache" and Clear cache, and matches what the next run does', async () => {
    const studio = makeStudio();
    await studio.start();
    studio.graph.getState().createWorkflow('sum', 'arithmetic');
    const run = () => studio.run.getState();
    const keys = ['x', 'y', 'k', 'add', 'multiply'];
    const lines = () => keys.map((key) => nodeFace(stepOutcome(run(), key), run().previewByStep[key] ?? null).line?.text);
    await run().run();
    await run().run();
    expect(run().steps.map((row) => row.status)).toEqual(keys.map(() => 'skipped'));
    await waitFor(() => keys.every((key) => run().previewByStep[key]?.willSkip === true), 'the preview after the run');
    expect(lines()).toEqual(keys.map(() => 'skipped (cached)'));

    run().setFlag('useExtracts', false);
    await waitFor(() => run().previewByStep.x?.willSkip === false, 'the preview with "Use cache" off');
    expect(lines().every((line) => line?.startsWith('will run'))).toBe(true);
    run().setFlag('useExtracts', true);
    await waitFor(() => run().previewByStep.x?.willSkip === true, 'the preview with "Use cache" on again');
    expect(lines()).toEqual(keys.map(() => 'skipped (cached)'));

    run().clearCache('add');
    await waitFor(() => run().previewByStep.add?.willSkip === false, 'the preview after Clear cache');
    const [x, y, k, add, multiply] = lines();
    expect([x, y, k]).toEqual(['skipped (cached)', 'skipped (cached)', 'skipped (cached)']);
    expect(add).toMatch(/^will run/);
    expect(multiply).toMatch(/^may run/);
    expect(stepOutcome(run(), 'add')?.stale).toBe(true);
    await run().run();
    expect(run().steps.map((row) => row.status)).toEqual(['skipped', 'skipped', 'skipped', 'ran', 'skipped']);
  });
});
