import { describe, expect, it } from 'vitest';
import { References, Runner, State, StepError, Workflow } from '../../src/engine';
import { makeRegistry, stateBackends } from './fixtures';

function setup() {
  const { registry, calls } = makeRegistry();
  const makeWorkflow = () =>
    new Workflow({
      registry,
      steps: [
        { id: 'add', model: 'test.add', inputs: { x: 'a', y: 'b' }, outputs: { sum: 'xy' } },
        { id: 'mul', model: 'test.multiply', inputs: { xy: 'value', k: 'factor' }, outputs: { product: 'result' } },
      ],
    });
  return { registry, calls, makeWorkflow };
}

describe.each(stateBackends)('Runner with %s', (_name, makeState) => {
  it('runs instances, keeps them for inspection, and reruns with every step skipped', async () => {
    const { calls, makeWorkflow } = setup();
    const workflow = makeWorkflow();
    const state = await makeState({ x: 2, y: 3, k: 4 });
    const runner = new Runner({ workflow, state });
    expect(runner.rerunWorkflow).toBeNull();
    expect(await runner.run()).toEqual({ result: 20 });
    expect(runner.rerunWorkflow).toBe(workflow);
    expect(runner.rerunState).toBe(state);
    expect(runner.rerunWorkflow?.stepsRan).toEqual([0, 1]);
    expect(await runner.rerun()).toEqual({ result: 20 });
    expect(runner.rerunWorkflow?.stepsSkipped).toEqual([0, 1]);
    expect(calls.add).toBe(1);
  });

  it('rerun with useExtracts off fails on an immutable state, naming the way out', async () => {
    const { makeWorkflow } = setup();
    const runner = new Runner({ workflow: makeWorkflow(), state: await makeState({ x: 2, y: 3, k: 4 }) });
    await runner.run();
    const error = (await runner.rerun({ useExtracts: false }).catch((e: unknown) => e)) as StepError;
    expect(error).toBeInstanceOf(StepError);
    expect(error.kind).toBe('immutable-post');
    expect(error.message).toMatch(/start from a fresh state \(Run\), or make the state mutable/);
  });

  it('rerun with useExtracts off on a mutable state runs everything; flags not given keep theirs', async () => {
    const { calls, makeWorkflow } = setup();
    const runner = new Runner({ workflow: makeWorkflow(), state: await makeState({ x: 2, y: 3, k: 4 }, { mutable: true }) });
    await runner.run();
    expect(await runner.rerun({ useExtracts: false, populateExtracts: false })).toEqual({ result: 20 });
    expect(calls.add).toBe(2);
    await runner.rerun({ useExtracts: true });
    expect(runner.rerunWorkflow?.populateExtracts).toBe(false);
    expect(calls.add).toBe(2);
  });
});

describe('Runner', () => {
  it('throws a clear error when asked to rerun before a run', async () => {
    const { makeWorkflow } = setup();
    const runner = new Runner({ workflow: makeWorkflow(), state: new State() });
    await expect(runner.rerun()).rejects.toThrow(/nothing to rerun: call run\(\) first/);
    expect(() => runner.getRerunWorkflow()).toThrow(/call run\(\) first/);
    expect(() => runner.getRerunState()).toThrow(/call run\(\) first/);
  });

  it('getRerunWorkflow sets only the flags given and returns the same object', async () => {
    const { makeWorkflow } = setup();
    const runner = new Runner({ workflow: makeWorkflow(), state: new State({ x: 1, y: 1, k: 1 }) });
    await runner.run();
    const workflow = runner.getRerunWorkflow({ populateExtracts: false });
    expect(workflow).toBe(runner.rerunWorkflow);
    expect([workflow.useExtracts, workflow.populateExtracts]).toEqual([true, false]);
  });

  it('resolves references afresh on every call, so each run gets fresh instances', async () => {
    const { calls, makeWorkflow } = setup();
    const refs = new References();
    let resolved = 0;
    refs.register('mem', (ref) => {
      resolved++;
      if (ref === 'mem://workflows/xyk') return makeWorkflow();
      if (ref === 'mem://states/small') return new State({ x: 2, y: 3, k: 4 });
      return undefined;
    });
    const runner = new Runner({ workflow: 'mem://workflows/xyk', state: 'mem://states/small', resolve: refs.resolve });
    expect(await runner.getWorkflow()).not.toBe(await runner.getWorkflow());
    expect(await runner.run()).toEqual({ result: 20 });
    const first = runner.rerunWorkflow;
    await runner.run();
    expect(runner.rerunWorkflow).not.toBe(first);
    expect(calls.add).toBe(2); // a fresh workflow has a fresh cache
    expect(resolved).toBe(6);
    expect(await runner.rerun()).toEqual({ result: 20 });
    expect(calls.add).toBe(2);
  });

  it('keeps the run’s workflow and state even when the run fails', async () => {
    const { makeWorkflow } = setup();
    const state = new State({ x: 2 });
    const runner = new Runner({ workflow: makeWorkflow(), state });
    await expect(runner.run()).rejects.toThrow(/needs state slot "y"/);
    expect(runner.rerunState).toBe(state);
  });

  it('names an unknown or malformed reference', async () => {
    const refs = new References();
    refs.register('mem', () => undefined);
    await expect(new Runner({ workflow: 'nonsense', state: new State(), resolve: refs.resolve }).run()).rejects.toThrow(
      /cannot resolve reference "nonsense": a reference looks like/,
    );
    await expect(new Runner({ workflow: 'zip://x', state: new State(), resolve: refs.resolve }).run()).rejects.toThrow(
      /no resolver for scheme "zip:\/\/" \(known: mem:\/\/\)/,
    );
    await expect(new Runner({ workflow: 'mem://gone', state: new State(), resolve: refs.resolve }).run()).rejects.toThrow(
      /cannot resolve reference "mem:\/\/gone": nothing is there/,
    );
  });

  it('serializes refs as strings and instances as their JSON', async () => {
    const { registry, makeWorkflow } = setup();
    const json = new Runner({ workflow: 'mem://workflows/xyk', state: new State({ k: NaN }) }).toJSON();
    expect(json.workflow).toBe('mem://workflows/xyk');
    const back = Runner.fromJSON(JSON.parse(JSON.stringify(json)));
    expect(back.workflow).toBe('mem://workflows/xyk');
    expect((await back.getState()).extract('k')).toBeNaN();
    const withInstance = Runner.fromJSON(JSON.parse(JSON.stringify(new Runner({ workflow: makeWorkflow(), state: 'mem://s' }).toJSON())));
    expect(withInstance.workflow).toBeInstanceOf(Workflow);
    expect((withInstance.workflow as Workflow).steps.map((s) => s.model)).toEqual(['test.add', 'test.multiply']);
    expect(registry.has('test.add')).toBe(true);
  });
});
