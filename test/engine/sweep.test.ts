import { describe, expect, it } from 'vitest';
import { Workflow, runSweep, sharedSteps, splitSweepValues, stepsDependingOn, varyingSlots } from '../../src/engine';
import { makeRegistry } from './fixtures';

// One workflow over many states: what varies, which steps depend on it, and the schedule.

function chain() {
  const { registry } = makeRegistry();
  return new Workflow({
    registry,
    steps: [
      { id: 'load', model: 'test.double', inputs: { seed: 'x' }, outputs: { y: 'loaded' } },
      { id: 'add', model: 'test.add', inputs: { loaded: 'a', year: 'b' }, outputs: { sum: 'total' } },
      { id: 'other', model: 'test.double', inputs: { seed: 'x' }, outputs: { y: 'side' } },
      { id: 'scale', model: 'test.multiply', inputs: { total: 'value' }, outputs: { product: 'result' } },
    ],
  });
}

describe('What a sweep shares', () => {
  it('finds the slots that differ, a missing slot included', () => {
    expect(
      varyingSlots([
        { seed: 1, year: 2012 },
        { seed: 1, year: 2013 },
      ]),
    ).toEqual(['year']);
    expect(
      varyingSlots([
        { seed: 1, t: { a: [1] } },
        { seed: 1, t: { a: [1] } },
      ]),
    ).toEqual([]);
    expect(varyingSlots([{ seed: 1 }, { seed: 1, extra: 0 }])).toEqual(['extra']);
  });

  it('follows a varying slot through what its readers write; the rest is shared', () => {
    const workflow = chain();
    expect([...stepsDependingOn(workflow, ['year'])]).toEqual([1, 3]);
    expect([
      ...sharedSteps(workflow, [
        { seed: 1, year: 1 },
        { seed: 1, year: 2 },
      ]),
    ]).toEqual([0, 2]);
    expect([
      ...sharedSteps(workflow, [
        { seed: 1, year: 1 },
        { seed: 2, year: 1 },
      ]),
    ]).toEqual([]);
  });

  it('splits a list of values, refusing empty, repeated or single values in words', () => {
    expect(splitSweepValues('fromYear', ' 2012, 2013 ,2014')).toEqual({ ok: true, items: ['2012', '2013', '2014'] });
    expect(splitSweepValues('fromYear', '')).toMatchObject({ ok: false, problem: expect.stringContaining('separated by commas') });
    expect(splitSweepValues('fromYear', '2012')).toMatchObject({ ok: false, problem: expect.stringContaining('at least two values') });
    expect(splitSweepValues('fromYear', '2012,,2013')).toMatchObject({
      ok: false,
      problem: 'Value 2 of “fromYear” is empty: separate the values by single commas.',
    });
    expect(splitSweepValues('fromYear', '2012, 2012')).toMatchObject({ ok: false, problem: '“2012” is listed twice for “fromYear”: each value runs once.' });
  });
});

/** A sweep whose states each take a turn of the event loop, recording what ran when. */
function recorder() {
  const log: string[] = [];
  let running = 0;
  let most = 0;
  const runState = async (state: number, _index: number, lane: number) => {
    running++;
    most = Math.max(most, running);
    log.push(`start ${state}@${lane}`);
    await new Promise((resolve) => setTimeout(resolve, 5));
    running--;
    if (state < 0) throw new Error(`state ${state} is negative`);
    return state * 10;
  };
  return { log, runState, most: () => most };
}

describe('When a sweep runs', () => {
  it('runs the shared steps once first, then up to `jobs` states at a time', async () => {
    const { log, runState, most } = recorder();
    const outcomes = await runSweep({
      states: [1, 2, 3, 4, 5],
      jobs: 3,
      hasShared: true,
      runShared: async (first) => void log.push(`shared ${first}`),
      runState,
    });
    expect(outcomes).toEqual([1, 2, 3, 4, 5].map((state) => ({ ok: true, value: state * 10 })));
    expect(log[0]).toBe('shared 1');
    expect(log.filter((line) => line.startsWith('shared'))).toHaveLength(1);
    expect(most()).toBe(3);
  });

  it('on one lane runs the states one after another and needs no shared run (its cache does that)', async () => {
    const { log, runState, most } = recorder();
    await runSweep({ states: [1, 2], jobs: 1, hasShared: true, runShared: async () => void log.push('shared'), runState });
    expect(log).toEqual(['start 1@0', 'start 2@0']);
    expect(most()).toBe(1);
  });

  it('gives a failing state its error and goes on with the others', async () => {
    const { runState } = recorder();
    const outcomes = await runSweep({ states: [1, -2, 3], jobs: 2, hasShared: false, runShared: async () => undefined, runState });
    expect(outcomes[0]).toEqual({ ok: true, value: 10 });
    expect(outcomes[1]).toMatchObject({ ok: false, error: new Error('state -2 is negative') });
    expect(outcomes[1]).not.toHaveProperty('cancelled');
    expect(outcomes[2]).toEqual({ ok: true, value: 30 });
  });

  it('starts no state after an abort; those not run are cancelled', async () => {
    const controller = new AbortController();
    const outcomes = await runSweep({
      states: [1, 2, 3, 4],
      jobs: 2,
      hasShared: false,
      runShared: async () => undefined,
      runState: async (state) => {
        if (state === 2) controller.abort();
        return state;
      },
      signal: controller.signal,
    });
    expect(outcomes.map((outcome) => (outcome.ok ? 'ok' : outcome.cancelled ? 'cancelled' : 'failed'))).toEqual(['ok', 'ok', 'cancelled', 'cancelled']);
  });
});
