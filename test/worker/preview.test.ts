/** The worker's preview: will skip, will run (and why), or may run when only an upstream output decides. */
import { describe, expect, it } from 'vitest';
import type { StepJSON } from '../../src/engine';
import type { WirePreviewEntry } from '../../src/worker/protocol';
import { arithmetic, driveSession } from './session';

const verdicts = (entries: WirePreviewEntry[]) =>
  Object.fromEntries(
    entries.map((entry) => [
      entry.key,
      entry.decision.skip
        ? 'skip'
        : entry.decision.reason.kind === 'upstream'
          ? `may run (${entry.upstream}: ${entry.decision.reason.slots.join(', ')})`
          : entry.decision.reason.kind,
    ]),
  );

const tail: StepJSON[] = [{ id: 'twice', model: 'w.add', inputs: { result: 'a', k: 'b' }, outputs: { sum: 'twice' } }];

describe('The preview', () => {
  it('says a step with no cache will run, whatever runs above it', async () => {
    const worker = driveSession();
    expect(verdicts(await worker.preview(arithmetic({ x: 2, y: 3, k: 4 })))).toEqual({
      x: 'no-cache',
      y: 'no-cache',
      add: 'no-cache',
      k: 'no-cache',
      multiply: 'no-cache',
    });
  });

  it('says a step fed by a running step may run, and one fed only by steps that may run says so too', async () => {
    const worker = driveSession();
    const steps = (k: number) => [
      ...arithmetic({ x: 2, y: 3, k }),
      { id: 'half', model: 'w.multiply', inputs: { result: 'a' }, outputs: { product: 'half' }, params: { b: 0.5 } },
    ];
    await worker.run(steps(4));
    expect(verdicts(await worker.preview(steps(4)))).toEqual({ x: 'skip', y: 'skip', add: 'skip', k: 'skip', multiply: 'skip', half: 'skip' });
    expect(verdicts(await worker.preview(steps(5)))).toEqual({
      x: 'skip',
      y: 'skip',
      add: 'skip',
      k: 'param-changed',
      multiply: 'may run (will-run: k)',
      half: 'may run (may-run: result)',
    });
  });

  it('says a step will run when a param it has changed, even if a step upstream runs too', async () => {
    const worker = driveSession();
    const steps = (k: number, b: number) => [
      ...arithmetic({ x: 2, y: 3, k }),
      { id: 'plus', model: 'w.add', inputs: { result: 'a' }, outputs: { sum: 'plus' }, params: { b } },
    ];
    await worker.run(steps(4, 1));
    const entries = await worker.preview(steps(5, 2));
    expect(entries.find((entry) => entry.key === 'plus')?.decision).toEqual({ skip: false, reason: { kind: 'param-changed', fields: ['b'] } });
  });

  it('says a step will run when a field it reads from a skipped step differs, even if another comes from a running step', async () => {
    const worker = driveSession();
    const plus = (k: number, b: StepJSON['inputs']) => [
      ...arithmetic({ x: 2, y: 3, k }),
      { id: 'plus', model: 'w.add', inputs: { result: 'a', ...b }, outputs: { sum: 'plus' } },
    ];
    await worker.run(plus(4, { x: 'b' }));
    // k runs (so "result" is unknown); b now reads y (3, skipped) instead of x (2).
    expect(verdicts(await worker.preview(plus(5, { y: 'b' }))).plus).toBe('input-changed');
    // b reads x again: only the new "result" (from multiply, which may run) decides.
    expect(verdicts(await worker.preview(plus(5, { x: 'b' }))).plus).toBe('may run (may-run: result)');
  });

  it("reads a skipped step's cached output where the slot is still free, and the initial state where it is not", async () => {
    const worker = driveSession();
    await worker.run(arithmetic({ x: 2, y: 3, k: 4 }, tail));
    // The initial state already holds "k" = 4: step k's post leaves it; "twice" reads 20 + 4 as cached.
    expect(verdicts(await worker.preview(arithmetic({ x: 2, y: 3, k: 4 }, tail), {}, { k: 4 })).twice).toBe('skip');
    // With "k" = 9 in the initial state, multiply and twice read 9: twice runs whatever multiply gives.
    const entries = verdicts(await worker.preview(arithmetic({ x: 2, y: 3, k: 4 }, tail), {}, { k: 9 }));
    expect(entries).toMatchObject({ k: 'skip', multiply: 'input-changed', twice: 'input-changed' });
  });

  it('with the cache off, says every step will run', async () => {
    const worker = driveSession();
    await worker.run(arithmetic({ x: 2, y: 3, k: 4 }));
    expect(new Set(Object.values(verdicts(await worker.preview(arithmetic({ x: 2, y: 3, k: 4 }), { useExtracts: false }))))).toEqual(new Set(['cache-off']));
  });
});

describe('The preview of a bypass', () => {
  const bypassing = (id: string, steps: StepJSON[]) => steps.map((step) => (step.id === id ? { ...step, bypassed: true } : step));

  it('says the bypassed step will not run, and a step fed by its pass-through is decided on the value passed on', async () => {
    const worker = driveSession();
    const steps = arithmetic({ x: 2, y: 3, k: 4 });
    await worker.run(bypassing('add', steps));
    // multiply ran on sum = x = 2 and was cached with it: the same bypass skips it.
    expect(verdicts(await worker.preview(bypassing('add', steps)))).toEqual({ x: 'skip', y: 'skip', add: 'bypassed', k: 'skip', multiply: 'skip' });
  });

  it('says a step fed by an output the bypass cannot fill will not run, nor the steps after it', async () => {
    const worker = driveSession();
    const steps = arithmetic({ x: 2, y: 3, k: 4 }, tail).map((step) => (step.id === 'add' ? { ...step, inputs: {}, params: { a: 1, b: 2 } } : step));
    expect(verdicts(await worker.preview(bypassing('add', steps)))).toEqual({
      x: 'no-cache',
      y: 'no-cache',
      add: 'bypassed',
      k: 'no-cache',
      multiply: 'upstream-bypassed',
      twice: 'upstream-bypassed',
    });
  });
});
