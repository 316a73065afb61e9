import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { defineModel, deepFreeze, Step, StepError, Workflow, type WorkflowEvent } from '../../src/engine';
import { makeRegistry, stateBackends } from './fixtures';

function xyk(registry: ReturnType<typeof makeRegistry>['registry'], ids = true) {
  return new Workflow({
    registry,
    steps: [
      { ...(ids ? { id: 'add' } : {}), model: 'test.add', inputs: { x: 'a', y: 'b' }, outputs: { sum: 'xy' } },
      { ...(ids ? { id: 'mul' } : {}), model: 'test.multiply', inputs: { xy: 'value', k: 'factor' }, outputs: { product: 'result' } },
    ],
  });
}

describe.each(stateBackends)('Workflow on %s', (_name, makeState) => {
  describe('When it runs for the first time', () => {
    it('runs one step and returns its state output', async () => {
      const { registry } = makeRegistry();
      const workflow = new Workflow({ registry, steps: [{ model: 'test.add', inputs: { x: 'a', y: 'b' }, outputs: { sum: 'total' } }] });
      const state = await makeState({ x: 2, y: 3 });
      expect(await workflow.run(state)).toEqual({ total: 5 });
      expect(state.extract('total')).toBe(5);
      expect(workflow.stepsRan).toEqual([0]);
      expect(workflow.stepsSkipped).toEqual([]);
    });

    it('runs two steps in order, the second reading what the first posted', async () => {
      const { registry } = makeRegistry();
      const state = await makeState({ x: 2, y: 3, k: 4 });
      expect(await xyk(registry).run(state)).toEqual({ result: 20 });
      expect(state.extract('xy')).toBe(5);
    });

    it('runs three steps, an async model among them', async () => {
      const { registry } = makeRegistry();
      const workflow = xyk(registry);
      workflow.addStep({ id: 'dbl', model: 'test.double', inputs: { result: 'x' }, outputs: { y: 'doubled' } });
      const state = await makeState({ x: 2, y: 3, k: 4 });
      expect(await workflow.run(state)).toEqual({ doubled: 40 });
      expect(workflow.stepsRan).toEqual([0, 1, 2]);
    });

    it('passes params as model fields and applies schema defaults', async () => {
      const { registry } = makeRegistry();
      const workflow = new Workflow({
        registry,
        steps: [
          { model: 'test.multiply', inputs: { n: 'value' }, outputs: { product: 'twice' } },
          { model: 'test.multiply', inputs: { n: 'value' }, params: { factor: 10 }, outputs: { product: 'tenfold' } },
        ],
      });
      const state = await makeState({ n: 3 });
      await workflow.run(state);
      expect(state.extract('twice')).toBe(6);
      expect(state.extract('tenfold')).toBe(30);
      expect(workflow.getModelInput(1)).toEqual({ factor: 10, value: 3 });
    });
  });

  describe('When it runs again with unchanged inputs', () => {
    it('skips every step, returns the same output and is idempotent on immutable state', async () => {
      const { registry, calls } = makeRegistry();
      const workflow = xyk(registry);
      const state = await makeState({ x: 2, y: 3, k: 4 });
      await workflow.run(state);
      expect(await workflow.run(state)).toEqual({ result: 20 });
      expect(await workflow.run(state)).toEqual({ result: 20 });
      expect(calls).toMatchObject({ add: 1, multiply: 1 });
      expect(workflow.stepsRan).toEqual([0, 1]);
      expect(workflow.stepsSkipped).toEqual([0, 1, 0, 1]);
      expect(state.mutable).toBe(false);
    });

    it('posts cached outputs into a fresh state that lacks them', async () => {
      const { registry, calls } = makeRegistry();
      const workflow = xyk(registry);
      await workflow.run(await makeState({ x: 2, y: 3, k: 4 }));
      const fresh = await makeState({ x: 2, y: 3, k: 4 });
      expect(await workflow.run(fresh)).toEqual({ result: 20 });
      expect(fresh.extract('xy')).toBe(5);
      expect(calls.add).toBe(1);
    });
  });

  describe('When an input changes', () => {
    it('runs only the steps whose model input changed', async () => {
      const { registry, calls } = makeRegistry();
      const workflow = xyk(registry);
      await workflow.run(await makeState({ x: 2, y: 3, k: 4 }));
      expect(await workflow.run(await makeState({ x: 2, y: 3, k: 5 }))).toEqual({ result: 25 });
      expect(calls).toMatchObject({ add: 1, multiply: 2 });
      expect(workflow.stepsSkipped).toEqual([0]);
      expect(workflow.stepsRan).toEqual([0, 1, 1]);
    });

    it('reruns a step whose upstream output changed', async () => {
      const { registry, calls } = makeRegistry();
      const workflow = xyk(registry);
      await workflow.run(await makeState({ x: 2, y: 3, k: 4 }));
      expect(await workflow.run(await makeState({ x: 1, y: 3, k: 4 }))).toEqual({ result: 16 });
      expect(calls).toMatchObject({ add: 2, multiply: 2 });
    });
  });

  describe('When the cache flags are off', () => {
    it('with useExtracts off, always runs (and fails on the first write to populated immutable state)', async () => {
      const { registry } = makeRegistry();
      const workflow = xyk(registry);
      const state = await makeState({ x: 2, y: 3, k: 4 });
      await workflow.run(state);
      workflow.useExtracts = false;
      const error = await workflow.run(state).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(StepError);
      expect((error as StepError).kind).toBe('immutable-post');
      expect((error as StepError).message).toMatch(
        /step 0 "add" \(model test\.add\).*"xy".*immutable.*start from a fresh state \(Run\), or make the state mutable/,
      );
    });

    it('with useExtracts off on a mutable state, reruns every step', async () => {
      const { registry, calls } = makeRegistry();
      const workflow = xyk(registry);
      const state = await makeState({ x: 2, y: 3, k: 4 }, { mutable: true });
      await workflow.run(state);
      workflow.useExtracts = false;
      expect(await workflow.run(state)).toEqual({ result: 20 });
      expect(calls).toMatchObject({ add: 2, multiply: 2 });
    });

    it('with populateExtracts off, leaves the cache as it was', async () => {
      const { registry, calls } = makeRegistry();
      const workflow = xyk(registry);
      workflow.populateExtracts = false;
      await workflow.run(await makeState({ x: 2, y: 3, k: 4 }));
      expect(workflow.modelInputs.size).toBe(0);
      await workflow.run(await makeState({ x: 2, y: 3, k: 4 }));
      expect(calls.add).toBe(2);
      workflow.populateExtracts = true;
      await workflow.run(await makeState({ x: 2, y: 3, k: 4 }));
      workflow.populateExtracts = false;
      await workflow.run(await makeState({ x: 2, y: 3, k: 9 }));
      expect(workflow.getModelInput('mul')).toEqual({ value: 5, factor: 4 });
      expect(workflow.getModelOutput('mul')).toEqual({ product: 20 });
    });
  });

  describe('When a step fails', () => {
    it('changes neither the state nor the cache, and a later run with that input runs again (pyswark defect 1)', async () => {
      const { registry, calls } = makeRegistry();
      const workflow = new Workflow({ registry, steps: [{ id: 'f', model: 'test.fail', inputs: { v: 'x' }, outputs: { y: 'out' } }] });
      await workflow.run(await makeState({ v: 1 }));
      const state = await makeState({ v: -1 });
      await expect(workflow.run(state)).rejects.toThrow(/step 0 "f" \(model test\.fail\): negative input -1/);
      expect(state.has('out')).toBe(false);
      expect(workflow.getModelInput('f')).toEqual({ x: 1 });
      await expect(workflow.run(await makeState({ v: -1 }))).rejects.toThrow(/negative input/);
      expect(calls.fail).toBe(3);
    });

    it('stops at the failing step; the steps after it do not run', async () => {
      const { registry, calls } = makeRegistry();
      const workflow = new Workflow({
        registry,
        steps: [
          { model: 'test.fail', inputs: { v: 'x' }, outputs: { y: 'out' } },
          { model: 'test.double', inputs: { out: 'x' }, outputs: { y: 'twice' } },
        ],
      });
      await expect(workflow.run(await makeState({ v: -2 }))).rejects.toThrow(StepError);
      expect(calls.double).toBe(0);
    });

    it('names a missing state slot', async () => {
      const { registry } = makeRegistry();
      const state = await makeState({ x: 2 });
      await expect(xyk(registry).run(state)).rejects.toThrow(
        /step 0 "add" \(model test\.add\): needs state slot "y" \(for field "b"\), but state slot "y" does not exist; the state holds: x/,
      );
    });

    it('names a field failing the input schema', async () => {
      const { registry } = makeRegistry();
      const state = await makeState({ x: 2, y: 'three', k: 4 });
      const error = (await xyk(registry)
        .run(state)
        .catch((e: unknown) => e)) as StepError;
      expect(error.kind).toBe('invalid-input');
      expect(error.subject).toBe('b');
      expect(error.message).toMatch(/step 0 "add" \(model test\.add\): field "b" is invalid/);
    });

    it('names an unknown model id only when the step runs', async () => {
      const { registry } = makeRegistry();
      const workflow = new Workflow({ registry, steps: [{ id: 'u', model: 'nope.missing', inputs: { x: 'a' }, outputs: { y: 'z' } }] });
      expect(workflow.toJSON().steps[0]).toEqual({ id: 'u', model: 'nope.missing', inputs: { x: 'a' }, outputs: { y: 'z' } });
      await expect(workflow.run(await makeState({ x: 1 }))).rejects.toThrow(/step 0 "u" \(model nope\.missing\): unknown model id "nope\.missing"/);
    });

    it('names an output key that run() did not return', async () => {
      const { registry } = makeRegistry();
      const workflow = new Workflow({ registry, steps: [{ model: 'test.echo', inputs: { v: 'value' }, outputs: { extra: 'e' } }] });
      await expect(workflow.run(await makeState({ v: 1 }))).rejects.toThrow(/run\(\) did not return output "extra" \(it returned: value\)/);
    });

    it('checks outputs against their schemas', async () => {
      const { registry } = makeRegistry();
      registry.register(defineModel({ id: 'test.liar', inputs: {}, outputs: { n: z.number() }, run: () => ({ n: 'not a number' as unknown as number }) }));
      const workflow = new Workflow({ registry, steps: [{ model: 'test.liar', outputs: { n: 'n' } }] });
      await expect(workflow.run(await makeState())).rejects.toThrow(/output "n" is invalid/);
    });

    it('posts nothing when one of several outputs collides on immutable state', async () => {
      const { registry } = makeRegistry();
      const workflow = new Workflow({ registry, steps: [{ model: 'test.echo', inputs: { v: 'value' }, outputs: { value: 'fresh', extra: 'v' } }] });
      registry.register(
        defineModel({ id: 'test.echo', inputs: { value: z.any() }, outputs: { value: z.any(), extra: z.any() }, run: ({ value }) => ({ value, extra: 1 }) }),
      );
      const state = await makeState({ v: 1 });
      await expect(workflow.run(state)).rejects.toThrow(/the state already holds "v" and is immutable, so this step's new value cannot replace it/);
      expect(state.has('fresh')).toBe(false);
    });
  });

  describe('When extracts are pre-seeded', () => {
    it('skips a step whose seeded input matches, by index (number or string) or id', async () => {
      for (const key of [0, '0', 'add']) {
        const { registry, calls } = makeRegistry();
        const workflow = new Workflow({
          registry,
          steps: xyk(registry).steps,
          modelInputs: { [key]: { a: 2, b: 3 } },
          modelOutputs: { [key]: { sum: 500 } },
        });
        expect(await workflow.run(await makeState({ x: 2, y: 3, k: 4 }))).toEqual({ result: 2000 });
        expect(calls.add).toBe(0);
        expect(workflow.stepsSkipped).toEqual([0]);
      }
    });

    it('runs a step whose seeded input does not match', async () => {
      const { registry } = makeRegistry();
      const workflow = new Workflow({ registry, steps: xyk(registry, false).steps, modelInputs: { 0: { a: 1, b: 1 } }, modelOutputs: { 0: { sum: 500 } } });
      expect(await workflow.run(await makeState({ x: 2, y: 3, k: 4 }))).toEqual({ result: 20 });
    });
  });

  describe('When the model or the graph changes', () => {
    it('case 33: misses the cache after a model version bump (pyswark defect 2)', async () => {
      const { registry, calls } = makeRegistry();
      const workflow = xyk(registry);
      await workflow.run(await makeState({ x: 2, y: 3, k: 4 }));
      registry.register(
        defineModel({
          id: 'test.add',
          version: '2',
          inputs: { a: z.number(), b: z.number() },
          outputs: { sum: z.number() },
          run: ({ a, b }) => ({ sum: a + b + 100 }),
        }),
      );
      expect(await workflow.run(await makeState({ x: 2, y: 3, k: 4 }))).toEqual({ result: 420 });
      expect(calls.add).toBe(1);
    });

    it('misses the cache when a step is given another model with equal inputs', async () => {
      const { registry } = makeRegistry();
      registry.register(
        defineModel({ id: 'test.sub', inputs: { a: z.number(), b: z.number() }, outputs: { sum: z.number() }, run: ({ a, b }) => ({ sum: a - b }) }),
      );
      const first = xyk(registry);
      await first.run(await makeState({ x: 2, y: 3, k: 4 }));
      const json = first.toJSON();
      json.steps[0] = { ...json.steps[0]!, model: 'test.sub' };
      const second = Workflow.fromJSON(json, registry);
      expect(await second.run(await makeState({ x: 2, y: 3, k: 4 }))).toEqual({ result: -4 });
    });

    it('keeps the cache of id-keyed steps when a step is inserted before them (pyswark defect 3)', async () => {
      const { registry, calls } = makeRegistry();
      const workflow = xyk(registry);
      await workflow.run(await makeState({ x: 2, y: 3, k: 4 }));
      const json = workflow.toJSON();
      json.steps.unshift({ id: 'pre', model: 'test.double', inputs: { x: 'x' }, outputs: { y: 'x2' } });
      const grown = Workflow.fromJSON(json, registry);
      expect(await grown.run(await makeState({ x: 2, y: 3, k: 4 }))).toEqual({ result: 20 });
      expect(grown.stepsSkipped).toEqual([1, 2]);
      expect(calls).toMatchObject({ add: 1, multiply: 1, double: 1 });
    });

    it('never skips a non-deterministic model', async () => {
      const { registry, calls } = makeRegistry();
      const workflow = new Workflow({ registry, steps: [{ model: 'test.random', inputs: { s: 'seed' }, outputs: { value: 'r' } }] });
      await workflow.run(await makeState({ s: 1 }));
      await workflow.run(await makeState({ s: 1 }));
      expect(calls.random).toBe(2);
    });

    it('runs a step whose cached output lacks a key it now maps', async () => {
      const { registry } = makeRegistry();
      const workflow = new Workflow({ registry, steps: [{ id: 'e', model: 'test.echo', inputs: { v: 'value' }, outputs: { value: 'out' } }] });
      workflow.modelInputs.set('e', { value: { value: 1 }, model: null, version: null });
      workflow.modelOutputs.set('e', { value: { other: 1 }, model: null, version: null });
      expect(workflow.decide(0, registry.get('test.echo'), { value: 1 })).toEqual({ skip: false, reason: { kind: 'output-missing', keys: ['value'] } });
    });
  });

  describe('When values are rich', () => {
    it('case 31: compares structurally: key order, NaN, dates, typed arrays, maps and sets', async () => {
      const { registry, calls } = makeRegistry();
      const workflow = new Workflow({ registry, steps: [{ id: 'e', model: 'test.echo', inputs: { v: 'value' }, outputs: { value: 'out' } }] });
      const make = (order: 'ab' | 'ba') =>
        deepFreeze({
          obj: order === 'ab' ? { a: 1, b: NaN } : { b: NaN, a: 1 },
          when: new Date(5),
          bytes: new Float32Array([1, 2]),
          map: new Map([['k', [1]]]),
          set: new Set([1, 2]),
        });
      await workflow.run(await makeState({ v: make('ab') }));
      await workflow.run(await makeState({ v: make('ba') }));
      expect(calls.echo).toBe(1);
      await workflow.run(await makeState({ v: { ...make('ab'), bytes: new Float64Array([1, 2]) } }));
      expect(calls.echo).toBe(2);
    });
  });
});

describe('Workflow events, preview and partial runs', () => {
  it('reports start and end of every step, with why it ran', async () => {
    const { registry } = makeRegistry();
    const workflow = xyk(registry);
    const { State } = await import('../../src/engine');
    const events: WorkflowEvent[] = [];
    await workflow.run(new State({ x: 2, y: 3, k: 4 }), { onEvent: (event) => events.push(event) });
    await workflow.run(new State({ x: 2, y: 3, k: 5 }), { onEvent: (event) => events.push(event) });
    const ends = events.filter((event) => event.type === 'end');
    expect(ends.map((event) => [event.key, event.status, event.reason?.kind])).toEqual([
      ['add', 'ran', 'no-cache'],
      ['mul', 'ran', 'no-cache'],
      ['add', 'skipped', undefined],
      ['mul', 'ran', 'input-changed'],
    ]);
    const last = ends[3];
    expect(last?.type === 'end' && last.reason).toEqual({ kind: 'input-changed', fields: ['factor'] });
  });

  it('predicts which steps would skip, and why the others would run', async () => {
    const { registry } = makeRegistry();
    const workflow = xyk(registry);
    const { State } = await import('../../src/engine');
    expect(workflow.preview(new State({ x: 2, y: 3, k: 4 })).map((entry) => entry.decision)).toEqual([
      { skip: false, reason: { kind: 'no-cache' } },
      { skip: false, reason: { kind: 'upstream', slots: ['xy'] } },
    ]);
    await workflow.run(new State({ x: 2, y: 3, k: 4 }));
    expect(workflow.preview(new State({ x: 2, y: 3, k: 4 })).every((entry) => entry.decision.skip)).toBe(true);
    expect(workflow.preview(new State({ x: 2, y: 3, k: 7 })).map((entry) => entry.decision)).toEqual([
      { skip: true },
      { skip: false, reason: { kind: 'input-changed', fields: ['factor'] } },
    ]);
    workflow.useExtracts = false;
    expect(workflow.preview(new State({ x: 2, y: 3, k: 4 }))[0]?.decision).toEqual({ skip: false, reason: { kind: 'cache-off' } });
  });

  it('runs only a step and its ancestors', async () => {
    const { registry, calls } = makeRegistry();
    const workflow = xyk(registry);
    workflow.addStep({ id: 'side', model: 'test.double', inputs: { k: 'x' }, outputs: { y: 'k2' } });
    const { State } = await import('../../src/engine');
    expect([...workflow.ancestorsOf('mul')]).toEqual([1, 0]);
    await workflow.run(new State({ x: 2, y: 3, k: 4 }), { only: workflow.ancestorsOf('add') });
    expect(calls).toMatchObject({ add: 1, multiply: 0, double: 0 });
  });

  it('stops at once when cancelled, leaving state and cache as they were', async () => {
    const { registry } = makeRegistry();
    registry.register(defineModel({ id: 'test.hang', inputs: {}, outputs: { v: z.number() }, run: () => new Promise<{ v: number }>(() => {}) }));
    const workflow = new Workflow({ registry, steps: [{ id: 'h', model: 'test.hang', outputs: { v: 'v' } }] });
    const { State } = await import('../../src/engine');
    const state = new State();
    const controller = new AbortController();
    const running = workflow.run(state, { signal: controller.signal });
    controller.abort();
    const error = (await running.catch((e: unknown) => e)) as StepError;
    expect(error.kind).toBe('cancelled');
    expect(state.names()).toEqual([]);
    expect(workflow.modelInputs.size).toBe(0);
  });

  it('reports a model’s own progress', async () => {
    const { registry } = makeRegistry();
    registry.register(
      defineModel({
        id: 'test.slow',
        inputs: {},
        outputs: { v: z.number() },
        run: (_input, ctx) => {
          ctx.progress(0.5, 'half');
          return { v: 1 };
        },
      }),
    );
    const { State } = await import('../../src/engine');
    const events: WorkflowEvent[] = [];
    await new Workflow({ registry, steps: [{ model: 'test.slow', outputs: { v: 'v' } }] }).run(new State(), { onEvent: (e) => events.push(e) });
    expect(events.find((e) => e.type === 'progress')).toMatchObject({ fraction: 0.5, message: 'half' });
  });
});

describe('Step', () => {
  it('refuses a field both mapped and given as a param, and a field the model lacks', () => {
    const { registry } = makeRegistry();
    expect(() => new Step({ registry, model: 'test.add', inputs: { s: 'a' }, params: { a: 1 } })).toThrow(
      /field "a" is both mapped from state slot "s" and given as a param/,
    );
    expect(() => new Step({ registry, model: 'test.add', inputs: { s: 'c' } })).toThrow(
      /state slot "s" is mapped to field "c", which the model does not declare \(fields: a, b\)/,
    );
    expect(() => new Step({ registry, model: 'test.add', id: '12' })).toThrow(/all digits/);
  });

  it('runs alone: posts and returns the state output', async () => {
    const { registry } = makeRegistry();
    const { State } = await import('../../src/engine');
    const state = new State({ p: 1, q: 2 });
    const step = new Step({ registry, model: 'test.add', inputs: { p: 'a', q: 'b' }, outputs: { sum: 's' } });
    expect(await step.run(state)).toEqual({ s: 3 });
    expect(state.extract('s')).toBe(3);
  });

  it('serializes a model definition as its id, and round-trips', () => {
    const { registry } = makeRegistry();
    const step = new Step({
      registry,
      id: 'm',
      model: registry.get('test.multiply'),
      inputs: { n: 'value' },
      outputs: { product: 'p' },
      params: { factor: NaN },
    });
    const json = step.toJSON();
    expect(json.model).toBe('test.multiply');
    const back = Step.fromJSON(JSON.parse(JSON.stringify(json)), registry);
    expect(back.params.factor).toBeNaN();
    expect(back.toJSON()).toEqual(json);
  });
});

describe('Workflow serialization', () => {
  it('round-trips steps, flags and stamped extracts through JSON text', async () => {
    const { registry, calls } = makeRegistry();
    const workflow = xyk(registry);
    const { State } = await import('../../src/engine');
    await workflow.run(new State({ x: 2, y: 3, k: 4 }));
    workflow.populateExtracts = false;
    const json = JSON.parse(JSON.stringify(workflow.toJSON()));
    expect(json.modelInputs.add).toMatchObject({ model: 'test.add', version: '1', value: { a: 2, b: 3 } });
    const back = Workflow.fromJSON(json, registry);
    expect(back.populateExtracts).toBe(false);
    expect(back.toJSON()).toEqual(workflow.toJSON());
    expect(await back.run(new State({ x: 2, y: 3, k: 4 }))).toEqual({ result: 20 });
    expect(calls.add).toBe(1);
  });

  it('refuses duplicate step ids', () => {
    const { registry } = makeRegistry();
    expect(
      () =>
        new Workflow({
          registry,
          steps: [
            { id: 'a', model: 'test.add' },
            { id: 'a', model: 'test.add' },
          ],
        }),
    ).toThrow(/duplicate step id "a"/);
  });

  it('rebuilds a model from its cached input', async () => {
    const { registry } = makeRegistry();
    const workflow = xyk(registry);
    const { State } = await import('../../src/engine');
    await workflow.run(new State({ x: 2, y: 3, k: 4 }));
    const model = workflow.getModel(1);
    expect(model.definition.id).toBe('test.multiply');
    expect(await model.run()).toEqual({ product: 20 });
    expect(() => xyk(registry).getModel(0)).toThrow(/has no cached input yet/);
  });
});

describe('When a step is given a model definition rather than an id', () => {
  it('runs that definition without registering it anywhere', async () => {
    const { registry } = makeRegistry();
    const triple = defineModel({ id: 'test.triple', inputs: { x: z.number() }, outputs: { y: z.number() }, run: ({ x }) => ({ y: x * 3 }) });
    const step = new Step({ registry, model: triple, inputs: { n: 'x' }, outputs: { y: 'out' } });
    const { State } = await import('../../src/engine');
    expect(await new Workflow({ registry, steps: [step] }).run(new State({ n: 2 }))).toEqual({ out: 6 });
    expect(registry.has('test.triple')).toBe(false);
    expect(step.toJSON().model).toBe('test.triple');
  });
});
