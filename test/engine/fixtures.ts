import { z } from 'zod';
import { defineModel, ModelRegistry, SqliteState, State, type StateLike } from '../../src/engine';

/** A registry of small models for engine tests, counting how often each ran. */
export function makeRegistry() {
  const calls = { add: 0, multiply: 0, double: 0, fail: 0, random: 0, echo: 0 };
  const registry = new ModelRegistry();
  registry.register(
    defineModel({
      id: 'test.add',
      inputs: { a: z.number(), b: z.number() },
      outputs: { sum: z.number() },
      run: ({ a, b }) => {
        calls.add++;
        return { sum: a + b };
      },
    }),
  );
  registry.register(
    defineModel({
      id: 'test.multiply',
      inputs: { value: z.number(), factor: z.number().default(2) },
      outputs: { product: z.number() },
      run: ({ value, factor }) => {
        calls.multiply++;
        return { product: value * factor };
      },
    }),
  );
  registry.register(
    defineModel({
      id: 'test.double',
      inputs: { x: z.number() },
      outputs: { y: z.number() },
      run: async ({ x }) => {
        calls.double++;
        await Promise.resolve();
        return { y: x * 2 };
      },
    }),
  );
  registry.register(
    defineModel({
      id: 'test.fail',
      inputs: { x: z.number() },
      outputs: { y: z.number() },
      run: ({ x }) => {
        calls.fail++;
        if (x < 0) throw new Error(`negative input ${x}`);
        return { y: x };
      },
    }),
  );
  registry.register(
    defineModel({
      id: 'test.random',
      deterministic: false,
      inputs: { seed: z.number() },
      outputs: { value: z.number() },
      run: ({ seed }) => {
        calls.random++;
        return { value: seed + Math.random() };
      },
    }),
  );
  registry.register(
    defineModel({
      id: 'test.echo',
      inputs: { value: z.any() },
      outputs: { value: z.any(), extra: z.any() },
      run: ({ value }) => {
        calls.echo++;
        return { value };
      },
    }),
  );
  return { registry, calls };
}

export type StateFactory = (initial?: Record<string, unknown>, options?: { mutable?: boolean }) => Promise<StateLike>;

/** Both state backends, so every rule is checked against each. */
export const stateBackends: [string, StateFactory][] = [
  ['State', async (initial, options) => new State(initial, options)],
  ['SqliteState', (initial, options) => SqliteState.open(initial, options)],
];
