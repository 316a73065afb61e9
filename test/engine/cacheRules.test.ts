/**
 * What the cache may reuse (issue 11): a run a model marks "do not cache", steps marked "always
 * run", outputs the codec cannot store, and entries imported from a file.
 */
import { z } from 'zod';
import { describe, expect, it } from 'vitest';
import { ModelRegistry, State, Step, StepError, Workflow, decodeValue, defineModel, describeDecision, encodeValue, type WorkflowEvent } from '../../src/engine';
import { makeRegistry } from './fixtures';

type EndEvent = Extract<WorkflowEvent, { type: 'end' }>;
const endsOf = (events: WorkflowEvent[]) => events.filter((event): event is EndEvent => event.type === 'end');

/** A model that reads a "clock" only for odd inputs, and says so, as the code sandbox does. */
function clockRegistry() {
  const calls = { clock: 0 };
  const registry = new ModelRegistry();
  let tick = 0;
  registry.register(
    defineModel({
      id: 'test.clock',
      inputs: { x: z.number() },
      outputs: { y: z.number() },
      run: ({ x }, ctx) => {
        calls.clock++;
        if (x % 2 === 0) return { y: x };
        ctx.doNotCache?.('read the clock');
        return { y: x + ++tick };
      },
    }),
  );
  return { registry, calls };
}

describe('A run its model marks "do not cache"', () => {
  it('writes no extract, says why, and runs again next time', async () => {
    const { registry, calls } = clockRegistry();
    const workflow = new Workflow({ registry, steps: [{ id: 'c', model: 'test.clock', inputs: { x: 'x' }, outputs: { y: 'y' } }] });
    const events: WorkflowEvent[] = [];
    const first = new State({ x: 1 });
    await workflow.run(first, { onEvent: (event) => events.push(event) });
    expect(workflow.modelInputs.has('c')).toBe(false);
    expect(workflow.modelOutputs.has('c')).toBe(false);
    const [end] = endsOf(events);
    expect(end?.status).toBe('ran');
    expect(end?.uncached).toBe('read the clock');
    expect(end?.extracts).toBeUndefined();

    const second = new State({ x: 1 });
    await workflow.run(second);
    expect(calls.clock).toBe(2);
    expect(workflow.stepsSkipped).toEqual([]);
    // The two runs really differed: a cached value would have hidden that.
    expect(second.extract('y')).not.toBe(first.extract('y'));
  });

  it('still caches the runs of the same model that did not read the clock', async () => {
    const { registry, calls } = clockRegistry();
    const workflow = new Workflow({ registry, steps: [{ id: 'c', model: 'test.clock', inputs: { x: 'x' }, outputs: { y: 'y' } }] });
    await workflow.run(new State({ x: 2 }));
    await workflow.run(new State({ x: 2 }));
    expect(calls.clock).toBe(1);
    expect(workflow.stepsSkipped).toEqual([0]);
  });

  it('lets an uncached step feed the next step, which runs on its new value', async () => {
    const { registry, calls } = clockRegistry();
    const workflow = new Workflow({
      registry,
      steps: [
        { id: 'c', model: 'test.clock', inputs: { x: 'x' }, outputs: { y: 'y' } },
        { id: 'd', model: 'test.clock', inputs: { y: 'x' }, outputs: { y: 'z' } },
      ],
    });
    await workflow.run(new State({ x: 1 }));
    expect(workflow.preview(new State({ x: 1 })).map((entry) => describeDecision(entry.decision))).toEqual([
      'will run: nothing cached to reuse',
      'will run: upstream step will run ("y")',
    ]);
    await workflow.run(new State({ x: 1 }));
    expect(calls.clock).toBe(4);
  });

  it('is not offered to a step run alone, which caches nothing', async () => {
    const { registry } = clockRegistry();
    const state = new State({ x: 3 });
    await new Step({ model: 'test.clock', inputs: { x: 'x' }, outputs: { y: 'y' }, registry }).run(state);
    expect(state.extract('y')).toBe(4);
  });
});

describe('A step marked "always run" (deterministic: false)', () => {
  const steps = (flag?: boolean) => [
    { id: 'sum', model: 'test.add', inputs: { x: 'a', y: 'b' }, outputs: { sum: 'xy' }, ...(flag === undefined ? {} : { deterministic: flag }) },
    { id: 'scale', model: 'test.multiply', inputs: { xy: 'value' }, outputs: { product: 'out' } },
  ];

  it('case 35: is never skipped, its output still recorded but never served from the cache', async () => {
    const { registry, calls } = makeRegistry();
    const workflow = new Workflow({ registry, steps: steps(false) });
    await workflow.run(new State({ x: 2, y: 3 }));
    const events: WorkflowEvent[] = [];
    const state = new State({ x: 2, y: 3 });
    await workflow.run(state, { onEvent: (event) => events.push(event) });
    expect(calls.add).toBe(2);
    expect(endsOf(events).map((event) => [event.key, event.status, event.reason?.kind])).toEqual([
      ['sum', 'ran', 'always-run'],
      // Its output equals the last one, so the step after it may still skip.
      ['scale', 'skipped', undefined],
    ]);
    expect(workflow.getModelOutput('sum')).toEqual({ sum: 5 });
    expect(state.extract('out')).toBe(10);
  });

  it('says so in the preview, before the cache flags', () => {
    const { registry } = makeRegistry();
    const workflow = new Workflow({ registry, steps: steps(false), useExtracts: false });
    const [first, second] = workflow.preview(new State({ x: 2, y: 3 }));
    expect(first && describeDecision(first.decision)).toBe('will run: always run');
    expect(second && describeDecision(second.decision)).toBe('will run: upstream step will run ("xy")');
  });

  it('round-trips through JSON, written only when false', () => {
    const { registry } = makeRegistry();
    const marked = new Workflow({ registry, steps: steps(false) }).toJSON();
    expect(marked.steps[0]?.deterministic).toBe(false);
    expect(marked.steps[1]).not.toHaveProperty('deterministic');
    expect(Workflow.fromJSON(marked, registry).steps.map((step) => step.deterministic)).toEqual([false, true]);
    expect(new Workflow({ registry, steps: steps(true) }).toJSON().steps[0]).not.toHaveProperty('deterministic');
  });

  it('skips again once the switch is off, on the output recorded while it was on', async () => {
    const { registry, calls } = makeRegistry();
    const always = new Workflow({ registry, steps: steps(false) });
    await always.run(new State({ x: 2, y: 3 }));
    const normal = Workflow.fromJSON({ ...always.toJSON(), steps: steps() }, registry);
    await normal.run(new State({ x: 2, y: 3 }));
    expect(calls.add).toBe(1);
    expect(normal.stepsSkipped).toEqual([0, 1]);
  });
});

describe('An output the codec cannot store', () => {
  class Point {
    constructor(readonly x: number) {}
  }
  const cyclic = () => {
    const node: Record<string, unknown> = { name: 'a' };
    node.self = node;
    return { list: [node] };
  };
  const CASES: { name: string; value: () => unknown; words: string }[] = [
    { name: 'a function', value: () => () => 1, words: 'output "value" is a function, which cannot be stored' },
    { name: 'a symbol', value: () => Symbol('s'), words: 'output "value" is a symbol, which cannot be stored' },
    { name: 'a function deep inside', value: () => ({ rows: [{ f: Math.max }] }), words: 'output "value" holds a function at value.rows[0].f' },
    { name: 'a cycle', value: cyclic, words: 'output "value" holds a cycle (value.list[0].self refers back to value.list[0])' },
    { name: 'a class instance', value: () => new Point(1), words: 'output "value" is a Point, which cannot be stored' },
    { name: 'an Error', value: () => new Error('x'), words: 'output "value" is an Error, which cannot be stored' },
    { name: 'a symbol inside a Map', value: () => new Map([['k', Symbol('s')]]), words: 'output "value" holds a symbol at value.get("k")' },
  ];

  for (const { name, value, words } of CASES) {
    it(`case 28: ${name}: the step fails in words, the run ends, nothing is cached or posted`, async () => {
      const registry = new ModelRegistry();
      registry.register(defineModel({ id: 'test.odd', inputs: { x: z.number() }, outputs: { value: z.any() }, run: () => ({ value: value() }) }));
      const workflow = new Workflow({ registry, steps: [{ id: 'js', model: 'test.odd', inputs: { x: 'x' }, outputs: { value: 'v' } }] });
      const state = new State({ x: 1 });
      const events: WorkflowEvent[] = [];
      const error = await workflow.run(state, { onEvent: (event) => events.push(event) }).catch((caught: unknown) => caught);
      expect(error).toBeInstanceOf(StepError);
      expect((error as StepError).kind).toBe('invalid-output');
      expect((error as StepError).message).toContain('step 0 "js"');
      expect((error as StepError).message).toContain(words);
      expect((error as StepError).message).toContain('return data (numbers, text, lists, objects, tables)');
      expect(endsOf(events).map((event) => event.status)).toEqual(['error']);
      expect(state.has('v')).toBe(false);
      expect(workflow.modelOutputs.size).toBe(0);
    });
  }

  it('case 34: an input the codec cannot compare is never served from the cache: the step runs each time', async () => {
    const registry = new ModelRegistry();
    let calls = 0;
    registry.register(
      defineModel({
        id: 'test.any',
        inputs: { x: z.any() },
        outputs: { value: z.number() },
        run: () => ({ value: ++calls }),
      }),
    );
    const workflow = new Workflow({ registry, steps: [{ id: 's', model: 'test.any', inputs: { x: 'x' }, outputs: { value: 'v' } }] });
    const twice = () => ({ f: () => 1 });
    const first = new State({ x: twice() });
    await workflow.run(first);
    const second = new State({ x: twice() });
    await workflow.run(second);
    expect([first.extract('v'), second.extract('v')]).toEqual([1, 2]);
  });

  it('lets through every value the codec stores, shared parts included', async () => {
    const shared = { n: 1 };
    const values = [
      null,
      undefined,
      NaN,
      -0,
      10n,
      'text',
      new Date(3),
      new Float32Array([1]),
      new Map([[{ k: 1 }, [shared]]]),
      new Set([shared]),
      { a: shared, b: shared },
    ];
    const registry = new ModelRegistry();
    registry.register(defineModel({ id: 'test.rich', inputs: {}, outputs: { value: z.any() }, run: () => ({ value: values }) }));
    const workflow = new Workflow({ registry, steps: [{ id: 'rich', model: 'test.rich', inputs: {}, outputs: { value: 'v' } }] });
    const state = new State();
    await workflow.run(state);
    // What was cached survives the codec whole: the check refused nothing it can store.
    expect(decodeValue(encodeValue(workflow.getModelOutput('rich')))).toEqual({ value: values });
    expect(state.extract('v')).toBe(values);
  });
});

describe('A cached entry imported from a file', () => {
  it('says so when a step is skipped on it', async () => {
    const { registry } = makeRegistry();
    const workflow = new Workflow({ registry, steps: [{ id: 'sum', model: 'test.add', inputs: { x: 'a', y: 'b' }, outputs: { sum: 'xy' } }] });
    workflow.modelInputs.set('sum', { value: { a: 2, b: 3 }, model: 'test.add', version: '1', origin: 'imported' });
    workflow.modelOutputs.set('sum', { value: { sum: 5 }, model: 'test.add', version: '1', origin: 'imported' });
    const events: WorkflowEvent[] = [];
    await workflow.run(new State({ x: 2, y: 3 }), { onEvent: (event) => events.push(event) });
    expect(endsOf(events).map((event) => [event.status, event.imported])).toEqual([['skipped', true]]);

    // Once the step runs again its own entry replaces the imported one, and a skip says nothing more.
    const events2: WorkflowEvent[] = [];
    await workflow.run(new State({ x: 2, y: 4 }));
    await workflow.run(new State({ x: 2, y: 4 }), { onEvent: (event) => events2.push(event) });
    expect(endsOf(events2).map((event) => [event.status, event.imported])).toEqual([['skipped', undefined]]);
  });
});
