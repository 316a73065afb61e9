import { describe, expect, it } from 'vitest';
import type { PreviewEntry, StepJSON } from '../../src/engine';
import { stepOutcome } from '../../src/store/run';
import { slotChangeCauses } from '../../src/store/run/slotCause';
import { makeStudio } from '../helpers/studio';

// Editing an initial-state slot marks the steps that read it, and what follows them, stale, with the
// reason "state slot `fromYear` changed"; steps that do not depend on it stay cached.

const waitFor = async (check: () => boolean, what: string) => {
  for (let i = 0; i < 1000; i++) {
    if (check()) return;
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  throw new Error(`timed out waiting for ${what}`);
};

describe('After a slot edit', () => {
  it('the weather steps after `fromYear` are stale with that reason; the load is not', async () => {
    const studio = makeStudio();
    await studio.start();
    studio.graph.getState().createWorkflow('weather', 'app://weather/workflows/monthly');
    const run = () => studio.run.getState();
    await run().run();
    expect(run().steps.map((row) => row.status)).toEqual(['ran', 'ran', 'ran', 'ran']);

    expect(studio.graph.getState().setSlotText('fromYear', '2014')).toBeNull();
    await waitFor(() => run().previewByStep.clean?.willSkip === false, 'the preview after the edit');
    const reasons = Object.fromEntries(Object.entries(run().previewByStep).map(([key, preview]) => [key, preview.reason]));
    expect(reasons).toEqual({
      sample: 'cached: will be skipped',
      clean: 'will run: state slot `fromYear` changed',
      // After a step that will run, "may": its output may turn out as before.
      monthly: 'may run: state slot `fromYear` changed',
      chart: 'may run: state slot `fromYear` changed',
    });
    const stale = Object.fromEntries(['sample', 'clean', 'monthly', 'chart'].map((key) => [key, stepOutcome(run(), key)?.stale]));
    expect(stale).toEqual({ sample: false, clean: true, monthly: true, chart: true });
  });
});

describe('slotChangeCauses', () => {
  const steps: StepJSON[] = [
    { id: 'load', model: 'm', inputs: { dataset: 'name' }, outputs: { table: 'weather' } },
    { id: 'clean', model: 'm', inputs: { weather: 'table', fromYear: 'from', toYear: 'to' }, outputs: { table: 'days' } },
    { id: 'other', model: 'm', inputs: {}, params: { n: 1 }, outputs: { value: 'n' } },
    { id: 'join', model: 'm', inputs: { days: 'a', n: 'b' }, outputs: { value: 'joined' } },
  ];
  const entry = (index: number, decision: PreviewEntry['decision']): PreviewEntry => ({ index, key: steps[index]?.id ?? '', decision });

  it('follows the slots down the steps that run because of them', () => {
    const causes = slotChangeCauses(steps, [
      entry(0, { skip: true }),
      entry(1, { skip: false, reason: { kind: 'input-changed', fields: ['from', 'to'] } }),
      entry(2, { skip: true }),
      entry(3, { skip: false, reason: { kind: 'upstream', slots: ['days'] } }),
    ]);
    expect([...causes]).toEqual([
      ['clean', ['fromYear', 'toYear']],
      ['join', ['fromYear', 'toYear']],
    ]);
  });

  it('leaves the engine’s reason where something else also changed, or a changed field is wired', () => {
    const causes = slotChangeCauses(steps, [
      entry(0, { skip: true }),
      entry(1, { skip: false, reason: { kind: 'input-changed', fields: ['table'] } }),
      entry(2, { skip: false, reason: { kind: 'param-changed', fields: ['n'] } }),
      entry(3, { skip: false, reason: { kind: 'upstream', slots: ['days', 'n'] } }),
    ]);
    expect([...causes]).toEqual([]);
  });
});
