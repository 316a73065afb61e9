import { describe, expect, it } from 'vitest';
import { memoryBackend } from '../../src/persistence/keyValue';
import { Workspace } from '../../src/persistence/workspace';
import { makeStudio } from '../helpers/studio';

// The app's cache remembers earlier inputs (8 per step by default, a workspace setting): going back
// to an earlier year range skips every step, in this page and after a reload, and the preview says so.

const statuses = (studio: ReturnType<typeof makeStudio>) => Object.fromEntries(studio.run.getState().steps.map((row) => [row.key, row.status]));
const waitFor = async (check: () => boolean, what: string) => {
  for (let i = 0; i < 1000; i++) {
    if (check()) return;
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  throw new Error(`timed out waiting for ${what}`);
};
/** The monthly table's row count, from the state the run left (summaries only reach the page). */
const monthlyRows = (studio: ReturnType<typeof makeStudio>) => studio.run.getState().lastState?.slots.find((slot) => slot.name === 'monthly')?.type;

/** A workspace over backends that outlive it: a second one over the same backends is a reload. */
function sharedWorkspace() {
  const meta = memoryBackend();
  const values = memoryBackend();
  return () => new Workspace({ meta, values, storage: null });
}

async function weatherStudio(workspace: Workspace) {
  const studio = makeStudio({ workspace });
  await studio.start();
  return studio;
}

describe('Going back to an earlier input', () => {
  it('skips every step, after a reload too, and the preview says so before the run', async () => {
    const open = sharedWorkspace();
    const studio = await weatherStudio(open());
    expect(studio.run.getState().extractsPerStep).toBe(8);
    const id = studio.graph.getState().createWorkflow('weather', 'app://weather/workflows/monthly');
    const setYear = (year: number) => expect(studio.graph.getState().setSlotText('fromYear', String(year))).toBeNull();

    await studio.run.getState().run();
    expect(monthlyRows(studio)).toBe('table 48 × 4');
    setYear(2014);
    await studio.run.getState().run();
    expect(statuses(studio)).toEqual({ sample: 'skipped', clean: 'ran', monthly: 'ran', chart: 'ran' });
    expect(monthlyRows(studio)).toBe('table 24 × 4');

    setYear(2012);
    await waitFor(() => studio.run.getState().previewByStep.clean?.willSkip === true, 'the preview of 2012');
    expect(Object.values(studio.run.getState().previewByStep).map((preview) => preview.reason)).toEqual(Array(4).fill('cached: will be skipped'));
    await studio.run.getState().run();
    expect(statuses(studio)).toEqual({ sample: 'skipped', clean: 'skipped', monthly: 'skipped', chart: 'skipped' });
    expect(monthlyRows(studio)).toBe('table 48 × 4');
    // The run panel lists the entry it went back to first, then the one it keeps behind it.
    expect(studio.run.getState().cache.monthly?.result).toBe('table 48 × 4');
    expect(studio.run.getState().cache.monthly?.earlier?.map((entry) => entry.result)).toEqual(['table 24 × 4']);
    await studio.workspace.getState().flush();
    studio.dispose();

    // A reload: a new page, worker and workspace over the same storage.
    const reloaded = await weatherStudio(open());
    reloaded.graph.getState().openWorkflow(id);
    expect(reloaded.graph.getState().setSlotText('fromYear', '2014')).toBeNull();
    await reloaded.run.getState().run();
    expect(statuses(reloaded)).toEqual({ sample: 'skipped', clean: 'skipped', monthly: 'skipped', chart: 'skipped' });
    expect(monthlyRows(reloaded)).toBe('table 24 × 4');
  });

  it('keeps as many entries per step as the setting says, dropping the least recently used', async () => {
    const workspace = sharedWorkspace()();
    const studio = await weatherStudio(workspace);
    const id = studio.graph.getState().createWorkflow('weather', 'app://weather/workflows/monthly');
    expect(studio.run.getState().setExtractsPerStep(0)).toBe('Setting “extractsPerStep” cannot be 0: give a whole number from 1 to 1000.');
    expect(studio.run.getState().setExtractsPerStep(2)).toBeNull();
    expect(workspace.settings().extractsPerStep).toBe(2);
    for (const year of [2012, 2013, 2014]) {
      studio.graph.getState().setSlotText('fromYear', String(year));
      await studio.run.getState().run();
    }
    const refs = (await workspace.valueRefsFor(id)).extracts.filter((entry) => entry.stepKey === 'clean');
    expect(refs).toHaveLength(2);
    // 2012 was dropped: going back to it runs clean again; 2013 is still there.
    studio.graph.getState().setSlotText('fromYear', '2013');
    await studio.run.getState().run();
    expect(statuses(studio).clean).toBe('skipped');
    studio.graph.getState().setSlotText('fromYear', '2012');
    await studio.run.getState().run();
    expect(statuses(studio).clean).toBe('ran');
  });
});
