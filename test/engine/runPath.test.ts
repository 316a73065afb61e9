/**
 * What a run owes each step, pinned where the run loop skips work nobody reads: posting without
 * building a state output per step, events and the clock only for a listener, one signal per run.
 */
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { defineModel, State, Workflow, type RunContext, type StateJSON, type StateLike, type WorkflowEvent } from '../../src/engine';
import { makeRegistry } from './fixtures';

/** A state that records the order of its posts. */
class RecordingState implements StateLike {
  readonly mutable = false;
  readonly posted: string[] = [];
  private readonly inner = new State();
  extract = (name: string) => this.inner.extract(name);
  has = (name: string) => this.inner.has(name);
  names = () => this.inner.names();
  delete = (name: string) => this.inner.delete(name);
  toJSON = (): StateJSON => this.inner.toJSON();
  post(data: unknown, name: string): void {
    this.inner.post(data, name);
    this.posted.push(name);
  }
}

function threeOutputs() {
  const { registry } = makeRegistry();
  registry.register(defineModel({ id: 'test.three', inputs: {}, outputs: { a: z.number(), b: z.number(), c: z.number() }, run: () => ({ a: 1, b: 2, c: 3 }) }));
  return registry;
}

describe('A run posting step outputs', () => {
  it('posts a state name mapped from two output keys once, with the last key’s value, on immutable state', async () => {
    const workflow = new Workflow({ registry: threeOutputs(), steps: [{ model: 'test.three', outputs: { a: 'same', b: 'same', c: 'other' } }] });
    const state = new State();
    expect(await workflow.run(state)).toEqual({ same: 2, other: 3 });
    expect(state.extract('same')).toBe(2);
  });

  it('posts in the order of the returned state output, array-index names first', async () => {
    const workflow = new Workflow({ registry: threeOutputs(), steps: [{ model: 'test.three', outputs: { a: 'zeta', b: '10', c: '2' } }] });
    const state = new RecordingState();
    const output = await workflow.run(state);
    expect(state.posted).toEqual(['2', '10', 'zeta']);
    expect(Object.keys(output)).toEqual(state.posted);
  });

  it('posts in mapping order otherwise, and again from the cache when the step is skipped', async () => {
    const workflow = new Workflow({ registry: threeOutputs(), steps: [{ id: 't', model: 'test.three', outputs: { c: 'z', a: 'x', b: 'y' } }] });
    const first = new RecordingState();
    await workflow.run(first);
    const second = new RecordingState();
    expect(await workflow.run(second)).toEqual({ z: 3, x: 1, y: 2 });
    expect(workflow.stepsSkipped).toEqual([0]);
    expect([first.posted, second.posted]).toEqual([
      ['z', 'x', 'y'],
      ['z', 'x', 'y'],
    ]);
  });

  it('returns the state output of the last step that ran or was skipped, or nothing when none did', async () => {
    const { registry } = makeRegistry();
    const workflow = new Workflow({
      registry,
      steps: [
        { id: 'add', model: 'test.add', inputs: { x: 'a', y: 'b' }, outputs: { sum: 'xy' } },
        { id: 'mul', model: 'test.multiply', inputs: { xy: 'value' }, outputs: { product: 'twice' } },
      ],
    });
    expect(await workflow.run(new State({ x: 2, y: 3 }), { only: new Set([0]) })).toEqual({ xy: 5 });
    expect(await workflow.run(new State({ x: 2, y: 3 }))).toEqual({ twice: 10 });
    expect(await workflow.run(new State({ x: 2, y: 3 }), { only: new Set() })).toEqual({});
  });
});

describe('A run’s events and context', () => {
  it('reports in each end event the very cache entries it wrote, and none when it writes none', async () => {
    const { registry } = makeRegistry();
    const workflow = new Workflow({ registry, steps: [{ id: 'add', model: 'test.add', inputs: { x: 'a', y: 'b' }, outputs: { sum: 'xy' } }] });
    const events: WorkflowEvent[] = [];
    await workflow.run(new State({ x: 2, y: 3 }), { onEvent: (event) => events.push(event) });
    const end = events.find((event) => event.type === 'end');
    expect(end?.type === 'end' && end.extracts).toEqual({ input: workflow.modelInputs.get('add'), output: workflow.modelOutputs.get('add') });
    expect(end?.type === 'end' && end.extracts?.output).toBe(workflow.modelOutputs.get('add'));

    workflow.populateExtracts = false;
    workflow.useExtracts = false;
    events.length = 0;
    await workflow.run(new State({ x: 2, y: 3 }), { onEvent: (event) => events.push(event) });
    expect(events.find((event) => event.type === 'end')).not.toHaveProperty('extracts');
  });

  it('measures durations with the given clock when someone listens', async () => {
    const { registry } = makeRegistry();
    const workflow = new Workflow({ registry, steps: [{ model: 'test.add', inputs: { x: 'a', y: 'b' }, outputs: { sum: 'xy' } }] });
    let tick = 0;
    const events: WorkflowEvent[] = [];
    await workflow.run(new State({ x: 2, y: 3 }), { now: () => (tick += 5), onEvent: (event) => events.push(event) });
    expect(events.find((event) => event.type === 'end')).toMatchObject({ status: 'ran', durationMs: 5 });
  });

  it('gives models without a caller’s signal one that never aborts and survives a spread of the context', async () => {
    const { registry } = makeRegistry();
    const seen: RunContext[] = [];
    registry.register(
      defineModel({
        id: 'test.peek',
        inputs: { x: z.number() },
        outputs: { y: z.number() },
        run: ({ x }, ctx) => {
          seen.push({ ...ctx });
          return { y: x + 1 };
        },
      }),
    );
    const workflow = new Workflow({
      registry,
      steps: [
        { model: 'test.peek', inputs: { a: 'x' }, outputs: { y: 'b' } },
        { model: 'test.peek', inputs: { b: 'x' }, outputs: { y: 'c' } },
      ],
    });
    expect(await workflow.run(new State({ a: 1 }))).toEqual({ c: 3 });
    expect(seen).toHaveLength(2);
    for (const ctx of seen) {
      expect(ctx.signal).toBeInstanceOf(AbortSignal);
      expect(ctx.signal.aborted).toBe(false);
      expect(() => ctx.progress(0.5)).not.toThrow();
    }
  });

  it('refuses a duplicate step id from addStep as from the constructor', () => {
    const { registry } = makeRegistry();
    const workflow = new Workflow({ registry, steps: [{ id: 'a', model: 'test.add' }] });
    expect(() => workflow.addStep({ id: 'a', model: 'test.add' })).toThrow(/duplicate step id "a"/);
    expect(workflow.steps).toHaveLength(1);
  });
});
