import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { ModelRegistry, State, Workflow, defineModel, hashValue, valuesEqual } from '../../src/engine';

describe('Number equality and hashing agree', () => {
  const cases: [unknown, unknown][] = [
    [0, -0],
    [NaN, NaN],
    [1, 1],
    [Infinity, -Infinity],
    [{ x: 0 }, { x: -0 }],
    [[NaN], [NaN]],
    [new Float64Array([0]), new Float64Array([-0])],
    [new Date(0), new Date(-0)],
  ];
  it.each(cases)('case 30: valuesEqual(%o, %o) is true exactly when the hashes match', (a, b) => {
    expect(valuesEqual(a, b)).toBe(hashValue(a) === hashValue(b));
  });

  it('keeps 0 and -0 apart and NaN equal to NaN', () => {
    expect(valuesEqual(0, -0)).toBe(false);
    expect(valuesEqual(NaN, NaN)).toBe(true);
  });

  it('case 30: a step computing 1 / x runs again when x turns from 0 to -0, and answers -Infinity', async () => {
    const registry = new ModelRegistry();
    registry.register(defineModel({ id: 't.inverse', inputs: { x: z.number() }, outputs: { y: z.any() }, run: ({ x }) => ({ y: 1 / x }) }));
    const workflow = new Workflow({ registry, steps: [{ id: 'inv', model: 't.inverse', inputs: { x: 'x' }, outputs: { y: 'y' } }] });
    expect((await workflow.run(new State({ x: 0 }))).y).toBe(Infinity);
    expect((await workflow.run(new State({ x: -0 }))).y).toBe(-Infinity);
    expect(workflow.stepsRan).toEqual([0, 0]);
  });
});
