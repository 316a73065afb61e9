import { describe, expect, it } from 'vitest';
import { makeStudio, memoryWorkspace } from '../helpers/studio';

// The Storage view's store: a report while open, clearing only after a confirmation, the settings.

describe('The Storage view’s store', () => {
  it('clears nothing until the person confirms, then every workflow’s cache; the runs keep their history', async () => {
    const workspace = memoryWorkspace();
    const studio = makeStudio({ workspace });
    await studio.start();
    const first = studio.graph.getState().createWorkflow('sums', 'arithmetic');
    await studio.run.getState().run();
    const second = studio.graph.getState().createWorkflow('more sums', 'arithmetic');
    await studio.run.getState().run();
    const storage = studio.storage.getState();
    storage.show();
    const report = () => studio.storage.getState().report;
    expect(
      report()
        ?.workflows.map((workflow) => workflow.workflowId)
        .sort(),
    ).toEqual([first, second].sort());
    expect(report()?.usedBytes).toBeGreaterThan(0);

    storage.askClear({ kind: 'all' });
    expect(studio.storage.getState().confirming?.question).toMatch(/^Clear the cache of every workflow\?/);
    storage.cancelClear();
    expect(report()?.workflows.every((workflow) => workflow.steps.length > 0)).toBe(true);

    storage.askClear({ kind: 'all' });
    storage.confirmClear();
    expect(report()?.workflows.map((workflow) => workflow.steps.length)).toEqual([0, 0]);
    expect(report()?.workflows.map((workflow) => workflow.runs)).toEqual([1, 1]);
    expect(studio.run.getState().cache).toEqual({});
    // The open workflow's nodes say it: every step will run.
    await studio.run.getState().run();
    expect(studio.run.getState().steps.every((row) => row.status === 'ran')).toBe(true);
  });

  it('takes the budget and the runs kept per workflow, or says why not', async () => {
    const studio = makeStudio();
    await studio.start();
    studio.graph.getState().createWorkflow('sums', 'arithmetic');
    for (let i = 0; i < 3; i++) await studio.run.getState().run();
    const storage = studio.storage.getState();
    storage.show();
    expect(storage.setRunsPerWorkflow(0)).toBe('Setting “runsPerWorkflow” cannot be 0: give a whole number from 1 to 100000.');
    expect(storage.setRunsPerWorkflow(2)).toBeNull();
    expect(studio.storage.getState().report?.workflows[0]?.runs).toBe(2);
    expect(storage.setBudget(64 * 1024 ** 2)).toBeNull();
    expect(studio.storage.getState().report).toMatchObject({ budgetBytes: 64 * 1024 ** 2, budgetIsDefault: false, runsPerWorkflow: 2 });
    expect(storage.setBudget(null)).toBeNull();
    expect(studio.storage.getState().report).toMatchObject({ budgetBytes: 1024 ** 3, budgetIsDefault: true });
    storage.hide();
    expect(studio.storage.getState().open).toBe(false);
  });
});
