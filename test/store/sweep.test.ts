import { describe, expect, it } from 'vitest';
import type { RunWorkerFactory } from '../../src/worker/client';
import { inProcessWorkerFactory } from '../../src/worker/inProcess';
import { makeStudio, memoryWorkspace } from '../helpers/studio';

// "Run over states…" in the app: the Seattle template over several years, in several run workers
// (in-process here) that share the workspace's cache: the load runs once, every state's entries
// land in the workspace, a failing state fails alone and Cancel terminates every worker.

const waitFor = async (check: () => boolean, what: string) => {
  for (let i = 0; i < 3000; i++) {
    if (check()) return;
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  throw new Error(`timed out waiting for ${what}`);
};

/** In-process workers, counted: how many were made and how many are still alive. */
function countedWorkers() {
  const inner = inProcessWorkerFactory();
  const counts = { made: 0, alive: 0 };
  const factory: RunWorkerFactory = (onMessage, onCrash) => {
    const port = inner(onMessage, onCrash);
    counts.made++;
    counts.alive++;
    return {
      post: (message) => port.post(message),
      terminate: () => {
        counts.alive--;
        port.terminate();
      },
    };
  };
  return { factory, counts };
}

async function weatherSweep(concurrency: number) {
  const workers = countedWorkers();
  const workspace = memoryWorkspace();
  const studio = makeStudio({ workspace, worker: workers.factory, concurrency });
  await studio.start();
  const id = studio.graph.getState().createWorkflow('weather', 'app://weather/workflows/monthly');
  return { studio, workspace, id, workers };
}

const rowsOf = (studio: ReturnType<typeof makeStudio>) => studio.sweep.getState().rows;
const finished = (studio: ReturnType<typeof makeStudio>) => studio.sweep.getState().phase !== 'running';

describe('When a workflow runs over a list of values', () => {
  it('runs them in parallel workers that share the cache: the load runs once, every entry reaches the workspace', async () => {
    const { studio, workspace, id, workers } = await weatherSweep(4);
    const started = await studio.sweep.getState().start({ kind: 'values', slot: 'fromYear', text: '2012, 2013, 2014, 2015', outputs: ['monthly', 'chart'] });
    expect(started).toBeNull();
    expect(studio.sweep.getState()).toMatchObject({ jobs: 3, shared: ['sample'], dialog: 'results' });
    await waitFor(() => finished(studio), 'the sweep');
    const rows = rowsOf(studio);
    expect(rows.map((row) => [row.label, row.status, row.cells.monthly?.text, row.cells.chart?.text])).toEqual([
      ['fromYear = 2012', 'done', '48 rows', 'line chart, 48 points'],
      ['fromYear = 2013', 'done', '36 rows', 'line chart, 36 points'],
      ['fromYear = 2014', 'done', '24 rows', 'line chart, 24 points'],
      ['fromYear = 2015', 'done', '12 rows', 'line chart, 12 points'],
    ]);
    // The load ran once, before the states: each state skipped it and ran the rest.
    expect(rows.map((row) => [row.ran, row.skipped])).toEqual(Array(4).fill([3, 1]));
    expect(rows[0]?.cells.monthly?.table?.rowCount).toBe(48);
    expect(rows[3]?.cells.chart?.chart?.data).toHaveLength(12);
    // Three sweep workers (and the studio's own), all stopped but the studio's.
    expect(studio.sweep.getState().workers).toBe(0);
    expect(workers.counts.made - workers.counts.alive).toBeGreaterThanOrEqual(3);
    const monthly = (await workspace.valueRefsFor(id)).extracts.filter((entry) => entry.stepKey === 'monthly');
    expect(monthly).toHaveLength(4);

    // The studio's own Run reads the cache the sweep wrote: 2014 skips every step.
    expect(studio.graph.getState().setSlotText('fromYear', '2014')).toBeNull();
    await studio.run.getState().run();
    expect(studio.run.getState().steps.map((row) => row.status)).toEqual(['skipped', 'skipped', 'skipped', 'skipped']);
  });

  it('shows a failing state’s error in its row and goes on with the others', async () => {
    const { studio } = await weatherSweep(3);
    await studio.sweep.getState().start({ kind: 'values', slot: 'fromYear', text: '2016, 2014', outputs: ['monthly'] });
    await waitFor(() => finished(studio), 'the sweep');
    const [failed, ok] = rowsOf(studio);
    expect(failed).toMatchObject({ status: 'failed', error: expect.stringContaining('fromYear 2016 is after toYear 2015') });
    expect(ok).toMatchObject({ status: 'done', cells: { monthly: { text: '24 rows' } } });
    expect(studio.sweep.getState().phase).toBe('finished');
  });

  it('on one core runs the states one after another in one worker', async () => {
    const { studio } = await weatherSweep(1);
    await studio.sweep.getState().start({ kind: 'values', slot: 'fromYear', text: '2013, 2015', outputs: ['monthly'] });
    expect(studio.sweep.getState().jobs).toBe(1);
    await waitFor(() => finished(studio), 'the sweep');
    expect(rowsOf(studio).map((row) => [row.cells.monthly?.text, row.ran, row.skipped])).toEqual([
      ['36 rows', 4, 0],
      ['12 rows', 3, 1],
    ]);
  });
});

describe('When a sweep is cancelled', () => {
  it('terminates every worker and marks the unfinished states cancelled', async () => {
    const { studio, workers } = await weatherSweep(4);
    await studio.sweep.getState().start({ kind: 'values', slot: 'fromYear', text: '2012, 2013, 2014, 2015', outputs: ['monthly'] });
    const alive = workers.counts.alive;
    expect(studio.sweep.getState().workers).toBe(3);
    // The studio's own Run waits: the sweep's workers are writing the cache it would read.
    await studio.run.getState().run();
    expect(studio.run.getState().alert?.message).toBe('A sweep is running over states: wait for it to end, or cancel it, then Run.');
    expect(studio.run.getState().phase).toBe('idle');
    studio.sweep.getState().cancel();
    expect(studio.sweep.getState()).toMatchObject({ phase: 'cancelled', workers: 0 });
    expect(workers.counts.alive).toBe(alive - 3);
    await waitFor(() => rowsOf(studio).every((row) => row.status !== 'running' && row.status !== 'waiting'), 'the rows to settle');
    expect(rowsOf(studio).some((row) => row.status === 'cancelled')).toBe(true);
  });
});

describe('When a sweep is asked for wrongly', () => {
  it('says why in words and runs nothing', async () => {
    const { studio } = await weatherSweep(4);
    const start = (text: string, slot = 'fromYear') => studio.sweep.getState().start({ kind: 'values', slot, text, outputs: ['monthly'] });
    expect(await start('2012, 20l4')).toBe('State slot “fromYear”: “20l4” is not a number.');
    expect(await start('2012')).toContain('at least two values');
    expect(await start('2012, 2013', 'year')).toBe('The state has no slot “year”: choose one of dataset, fromYear, toYear.');
    expect(await studio.sweep.getState().start({ kind: 'states', states: [{ kind: 'own' }], outputs: ['monthly'] })).toBe(
      'Choose two or more states to run over.',
    );
    expect(await studio.sweep.getState().start({ kind: 'states', states: [{ kind: 'own' }, { kind: 'saved', name: 'gone' }], outputs: ['monthly'] })).toBe(
      'The saved state “gone” is gone.',
    );
    expect(studio.sweep.getState().phase).toBe('idle');
  });

  it('runs saved and application states by name', async () => {
    const { studio } = await weatherSweep(2);
    studio.graph.getState().setSlotText('fromYear', '2014');
    expect(studio.graph.getState().saveState('from 2014')).toBeNull();
    await studio.sweep.getState().start({
      kind: 'states',
      states: [
        { kind: 'saved', name: 'from 2014' },
        { kind: 'ref', ref: 'app://weather/states/monthly#lastYear' },
      ],
      outputs: ['monthly'],
    });
    await waitFor(() => finished(studio), 'the sweep');
    expect(rowsOf(studio).map((row) => [row.label, row.cells.monthly?.text])).toEqual([
      ['from 2014', '24 rows'],
      ['app://weather/states/monthly#lastYear', '12 rows'],
    ]);
  });
});
