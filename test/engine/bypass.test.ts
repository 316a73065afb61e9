/** Bypass: a bypassed step does not run, hands inputs on to outputs of the same port type, and cuts off the rest. */
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { ModelRegistry, State, Step, Workflow, defineModel, describeDecision, passThroughOf, portTypeOf, type WorkflowEvent } from '../../src/engine';

function setup() {
  const calls = { add: 0, length: 0, multiply: 0 };
  const registry = new ModelRegistry();
  registry.register(
    defineModel({
      id: 't.add',
      inputs: { a: z.number(), b: z.number() },
      outputs: { sum: z.number() },
      run: ({ a, b }) => (calls.add++, { sum: a + b }),
    }),
  );
  registry.register(
    defineModel({
      id: 't.length',
      inputs: { text: z.string() },
      outputs: { length: z.number() },
      run: ({ text }) => (calls.length++, { length: text.length }),
    }),
  );
  registry.register(
    defineModel({
      id: 't.multiply',
      inputs: { value: z.number(), factor: z.number() },
      outputs: { product: z.number() },
      run: ({ value, factor }) => (calls.multiply++, { product: value * factor }),
    }),
  );
  return { calls, registry };
}

const xyk = (registry: ModelRegistry, bypassAdd: boolean) =>
  new Workflow({
    registry,
    steps: [
      { id: 'add', model: 't.add', inputs: { x: 'a', y: 'b' }, outputs: { sum: 'sum' }, bypassed: bypassAdd },
      { id: 'scale', model: 't.multiply', inputs: { sum: 'value', k: 'factor' }, outputs: { product: 'result' } },
    ],
  });

async function runCollecting(workflow: Workflow, state: State) {
  const ends: Extract<WorkflowEvent, { type: 'end' }>[] = [];
  const output = await workflow.run(state, { onEvent: (event) => event.type === 'end' && ends.push(event) });
  return { output, ends, state };
}

describe('When the middle step has an input of its output type', () => {
  it('does not run, passes that input through, and the next step runs on it', async () => {
    const { calls, registry } = setup();
    const { ends, state } = await runCollecting(xyk(registry, true), new State({ x: 2, y: 3, k: 4 }));
    expect(calls.add).toBe(0);
    expect(state.extract('sum')).toBe(2);
    expect(state.extract('result')).toBe(8);
    expect(ends.map((event) => [event.key, event.status])).toEqual([
      ['add', 'bypassed'],
      ['scale', 'ran'],
    ]);
    expect(ends[0]?.reason).toEqual({ kind: 'bypassed', passed: [{ field: 'a', output: 'sum' }] });
  });

  it('keeps its cache: bypassed in between, it is skipped on its old entry again', async () => {
    const { calls, registry } = setup();
    const workflow = xyk(registry, false);
    await workflow.run(new State({ x: 2, y: 3, k: 4 }));
    const cached = workflow.getModelOutput('add');
    const bypassed = Workflow.fromJSON(
      { ...workflow.toJSON(), steps: workflow.toJSON().steps.map((step) => (step.id === 'add' ? { ...step, bypassed: true } : step)) },
      registry,
    );
    await bypassed.run(new State({ x: 2, y: 3, k: 4 }));
    expect(bypassed.getModelOutput('add')).toEqual(cached);
    const back = Workflow.fromJSON({ ...bypassed.toJSON(), steps: bypassed.toJSON().steps.map(({ bypassed: _off, ...step }) => step) }, registry);
    const { ends, state } = await runCollecting(back, new State({ x: 2, y: 3, k: 4 }));
    expect(calls.add).toBe(1);
    // scale ran on the passed-through 2 meanwhile (one entry per step), so it runs again.
    expect(ends.map((event) => event.status)).toEqual(['skipped', 'ran']);
    expect(state.extract('result')).toBe(20);
  });
});

describe('When the bypassed step has no input of its output type', () => {
  const workflow = (registry: ModelRegistry) =>
    new Workflow({
      registry,
      steps: [
        { id: 'length', model: 't.length', inputs: { word: 'text' }, outputs: { length: 'n' }, bypassed: true },
        { id: 'scale', model: 't.multiply', inputs: { n: 'value', k: 'factor' }, outputs: { product: 'scaled' } },
        { id: 'again', model: 't.multiply', inputs: { scaled: 'value', k: 'factor' }, outputs: { product: 'twice' } },
        { id: 'other', model: 't.multiply', inputs: { k: 'value', k2: 'factor' }, outputs: { product: 'other' } },
      ],
    });

  it('the steps that need its output, and theirs, do not run ("upstream bypassed"); the others do, and the run succeeds', async () => {
    const { calls, registry } = setup();
    const { ends, state } = await runCollecting(workflow(registry), new State({ word: 'hello', k: 3, k2: 5 }));
    expect(ends.map((event) => [event.key, event.status])).toEqual([
      ['length', 'bypassed'],
      ['scale', 'not-run'],
      ['again', 'not-run'],
      ['other', 'ran'],
    ]);
    expect(ends[1]?.reason).toEqual({ kind: 'upstream-bypassed', slots: ['n'] });
    expect(ends[2]?.reason).toEqual({ kind: 'upstream-bypassed', slots: ['scaled'] });
    expect(calls).toEqual({ add: 0, length: 0, multiply: 1 });
    expect(state.has('n')).toBe(false);
    expect(state.extract('other')).toBe(15);
  });

  it('the preview says so before the run', () => {
    const { registry } = setup();
    const words = workflow(registry)
      .preview(new State({ word: 'hello', k: 3, k2: 5 }))
      .map((entry) => describeDecision(entry.decision));
    expect(words).toEqual(['bypassed: passes nothing on', 'not run: upstream bypassed', 'not run: upstream bypassed', 'will run: nothing cached to reuse']);
  });
});

describe('Pass-through', () => {
  it('takes the first wired input of the type, never a param', () => {
    const { registry } = setup();
    const step = new Step({ model: 't.add', inputs: { y: 'b' }, params: { a: 1 }, outputs: { sum: 's' }, registry });
    expect(passThroughOf(step, step.knownDefinition())).toEqual([{ field: 'b', from: 'y', output: 'sum', to: 's' }]);
    const unwired = new Step({ model: 't.add', params: { a: 1, b: 2 }, outputs: { sum: 's' }, registry });
    expect(passThroughOf(unwired, unwired.knownDefinition())).toEqual([]);
  });

  it('matches port types named in metadata before the schema type', () => {
    expect(portTypeOf(z.number().default(0))).toBe('number');
    expect(
      portTypeOf(
        z
          .custom(() => true)
          .meta({ portType: 'table' })
          .optional(),
      ),
    ).toBe('table');
    expect(portTypeOf(z.array(z.string()))).toBe('json');
  });
});

describe('In JSON', () => {
  it('a bypassed step writes `bypassed: true`, and only then', () => {
    const { registry } = setup();
    const json = xyk(registry, true).toJSON();
    expect(json.steps.map((step) => step.bypassed)).toEqual([true, undefined]);
    expect(Workflow.fromJSON(json, registry).steps.map((step) => step.bypassed)).toEqual([true, false]);
  });
});
