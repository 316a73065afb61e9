import { describe, expect, it } from 'vitest';
import { memoryBackend } from '../../src/persistence/keyValue';
import { Workspace } from '../../src/persistence/workspace';
import { makeStudio } from '../helpers/studio';

// The cache budget through the app: a small budget drops every entry but those the last run used,
// the worker forgets the same, so the next Run on the last inputs skips and an earlier input runs.

const statuses = (studio: ReturnType<typeof makeStudio>) => Object.fromEntries(studio.run.getState().steps.map((row) => [row.key, row.status]));
const waitFor = async (check: () => boolean, what: string) => {
  for (let i = 0; i < 1000; i++) {
    if (check()) return;
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  throw new Error(`timed out waiting for ${what}`);
};

describe('When the cache budget is small', () => {
  it('keeps only what the last run used, and the worker forgets the rest', async () => {
    const workspace = new Workspace({ meta: memoryBackend(), values: memoryBackend(), storage: null });
    const studio = makeStudio({ workspace });
    await studio.start();
    const id = studio.graph.getState().createWorkflow('weather', 'app://weather/workflows/monthly');
    const setYear = (year: number) => expect(studio.graph.getState().setSlotText('fromYear', String(year))).toBeNull();
    for (const year of [2012, 2014, 2013]) {
      setYear(year);
      await studio.run.getState().run();
    }
    await waitFor(() => studio.run.getState().cache.monthly?.earlier?.length === 2, 'three entries of monthly');
    const before = workspace.storageReport();
    expect(before.workflows[0]?.steps.find((step) => step.stepKey === 'monthly')?.entries).toBe(3);

    expect(workspace.changeSettings({ cacheBudgetBytes: 1024 })).toBeNull();
    expect(studio.run.getState().applyCacheBudget()).toBe(6);
    const after = workspace.storageReport();
    expect(after.usedBytes).toBeLessThan(before.usedBytes);
    expect(after.workflows[0]?.steps.map((step) => step.entries)).toEqual([1, 1, 1, 1]);
    await waitFor(() => studio.run.getState().cache.monthly?.earlier === undefined, 'the worker to forget the earlier entries');

    // The last run's inputs still skip every step; an earlier one runs again.
    await studio.run.getState().run();
    expect(statuses(studio)).toEqual({ sample: 'skipped', clean: 'skipped', monthly: 'skipped', chart: 'skipped' });
    setYear(2012);
    await studio.run.getState().run();
    expect(statuses(studio)).toEqual({ sample: 'skipped', clean: 'ran', monthly: 'ran', chart: 'ran' });
    // The run's end applied the budget again: 2013's entries went.
    expect(workspace.storageReport().workflows[0]?.steps.map((step) => step.entries)).toEqual([1, 1, 1, 1]);
    expect(workspace.database.extractRefs(id)).toHaveLength(4);
    studio.dispose();
  });
});
