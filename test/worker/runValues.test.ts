/**
 * The worker keeps a run's values apart from its cache: with "Update cache" off, the values a
 * person opens are this run's, the cache's older ones on request, and each says whose it is.
 */
import { describe, expect, it } from 'vitest';
import { isTablePart, type FromWorker, type StepValues } from '../../src/worker/protocol';
import { unpackValue } from '../../src/worker/packValue';
import { arithmetic, driveSession } from './session';

const ends = (messages: FromWorker[]) =>
  Object.fromEntries(messages.flatMap((message) => (message.type === 'event' && message.event.type === 'end' ? [[message.event.key, message.event]] : [])));

function stepValues(value: Awaited<ReturnType<ReturnType<typeof driveSession>['value']>>): StepValues & { in: unknown; out: unknown } {
  if (value?.kind !== 'step') throw new Error(`not a step's values: ${JSON.stringify(value)}`);
  return { ...value, in: unpackValue(value.input), out: unpackValue(value.output) };
}

describe('When a model keeps its run out of the cache', () => {
  it("answers that run's values and says why the cache holds older ones", async () => {
    const worker = driveSession();
    const steps = [...arithmetic({ x: 2, y: 3, k: 4 }), { id: 'clock', model: 'w.clock', inputs: { result: 'a' }, outputs: { out: 'clock' } }];
    await worker.run(steps);
    await worker.run(steps);
    // Run twice: the second gave 20 + 2; nothing was cached, by either run.
    expect(stepValues(await worker.value('clock'))).toMatchObject({
      from: 'run',
      out: { out: 22 },
      cacheNotUpdated: { cached: false, why: 'it read the clock' },
    });
    expect(await worker.value('clock', 'cache')).toBeNull();
  });
});

describe('With "Update cache" off, a changed run', () => {
  it("answers its own values, the cache's on request, and says the cache was not updated", async () => {
    const worker = driveSession();
    await worker.run(arithmetic({ x: 2, y: 3, k: 4 }));
    const cachedAt = stepValues(await worker.value('multiply')).summary.at;
    const replies = await worker.run(arithmetic({ x: 2, y: 3, k: 5 }), { populateExtracts: false });

    const end = ends(replies);
    expect(end.multiply).toMatchObject({ status: 'ran', uncachedValues: { result: '25' } });
    expect(end.multiply?.type === 'end' && end.multiply.extract).toBeFalsy();
    expect(end.add).toMatchObject({ status: 'skipped' });
    expect(replies.some((message) => message.type === 'persist-extracts')).toBe(false);

    const ran = stepValues(await worker.value('multiply'));
    expect(ran).toMatchObject({ from: 'run', in: { a: 5, b: 5 }, out: { product: 25 }, changed: ['b'], cacheNotUpdated: { cached: true, cachedAt } });
    const cached = stepValues(await worker.value('multiply', 'cache'));
    expect(cached).toMatchObject({ from: 'cache', in: { a: 5, b: 4 }, out: { product: 20 }, cacheNotUpdated: { cached: true, cachedAt } });
    // Skipped: the cache's values are the run's.
    const skipped = stepValues(await worker.value('add'));
    expect(skipped).toMatchObject({ from: 'run', out: { sum: 5 } });
    expect(skipped.cacheNotUpdated).toBeUndefined();
  });

  it('says nothing is cached when the step never was', async () => {
    const worker = driveSession();
    await worker.run(arithmetic({ x: 2, y: 3, k: 4 }), { populateExtracts: false });
    expect(stepValues(await worker.value('multiply'))).toMatchObject({ from: 'run', out: { product: 20 }, cacheNotUpdated: { cached: false, cachedAt: null } });
    expect(await worker.value('multiply', 'cache')).toBeNull();
  });

  it('leaves them behind at the next run, whose values are shown instead', async () => {
    const worker = driveSession();
    await worker.run(arithmetic({ x: 2, y: 3, k: 4 }));
    await worker.run(arithmetic({ x: 2, y: 3, k: 5 }), { populateExtracts: false });
    // Back to k = 4: skipped on the cache, which is now this run's value.
    await worker.run(arithmetic({ x: 2, y: 3, k: 4 }), { populateExtracts: false });
    const back = stepValues(await worker.value('multiply'));
    expect(back).toMatchObject({ from: 'run', out: { product: 20 } });
    expect(back.cacheNotUpdated).toBeUndefined();
    // k = 5 with the cache updated: the run's values and the cache's are one.
    await worker.run(arithmetic({ x: 2, y: 3, k: 5 }));
    const updated = stepValues(await worker.value('multiply'));
    expect(updated).toMatchObject({ from: 'run', out: { product: 25 } });
    expect(updated.cacheNotUpdated).toBeUndefined();
    expect(stepValues(await worker.value('multiply', 'cache')).out).toEqual({ product: 25 });
  });

  it("pages a table's rows from the run's table or the cache's, as asked", async () => {
    const worker = driveSession();
    const tail = (a: number) => [...arithmetic({ x: 2, y: 3, k: a }), { id: 'big', model: 'w.rows', inputs: { k: 'a' }, outputs: { table: 'rows' } }];
    await worker.run(tail(4));
    await worker.run(tail(5), { populateExtracts: false });
    const shown = stepValues(await worker.value('big'));
    const part = (shown.out as Record<string, unknown>).table;
    expect(isTablePart(part) && part.rowCount).toBe(500);
    // Row i of the table made with a is i * a: 5 now, 4 in the cache.
    expect((await worker.rows('big', 450, 3))[0]).toEqual([450 * 5, 451 * 5, 452 * 5]);
    expect((await worker.rows('big', 390, 3, 'cache'))[0]).toEqual([390 * 4, 391 * 4, 392 * 4]);
    await expect(worker.rows('big', 450, 3, 'cache')).resolves.toEqual([[]]);
  });
});
