import { describe, expect, it } from 'vitest';
import { SqliteState, State, StepError, Workflow } from '../../src/engine';
import { listTemplates, resolveAppRef } from '../../src/apps';
import { create as createRunner, STATE_REF } from '../../src/apps/arithmetic/runner/xyk';
import { create as createState } from '../../src/apps/arithmetic/states/xyk';

describe('The arithmetic app, through its runner factory', () => {
  describe('When run with its standard state (x = 1, y = 2, k = 3)', () => {
    it('computes (x + y) * k and runs both steps', async () => {
      const runner = createRunner();
      const output = await runner.run();
      expect(output).toEqual({ result: 9 });
      expect(runner.rerunWorkflow?.stepsRan).toEqual([0, 1]);
      expect(runner.rerunState?.extract('sum')).toBe(3);
    });

    it('skips both steps on a rerun against the kept state', async () => {
      const runner = createRunner();
      await runner.run();
      const output = await runner.rerun();
      expect(output).toEqual({ result: 9 });
      expect(runner.getRerunWorkflow().stepsSkipped).toEqual([0, 1]);
    });

    it('resolves the references afresh on every run: a second run gets a new workflow and state', async () => {
      const runner = createRunner();
      await runner.run();
      const first = { workflow: runner.rerunWorkflow, state: runner.rerunState };
      await runner.run();
      expect(runner.rerunWorkflow).not.toBe(first.workflow);
      expect(runner.rerunState).not.toBe(first.state);
      // A fresh workflow has a fresh cache, so both steps ran again.
      expect(runner.rerunWorkflow?.stepsRan).toEqual([0, 1]);
    });
  });

  describe('When the cache is turned off on a rerun', () => {
    it('fails on an immutable state, naming the step and the slot', async () => {
      const runner = createRunner();
      await runner.run();
      const error = await runner.rerun({ useExtracts: false }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(StepError);
      expect((error as StepError).kind).toBe('immutable-post');
      expect((error as StepError).message).toMatch(/step 0 "add" \(model arithmetic\.add\).*"sum"/);
    });

    it('reruns every step against the mutable state', async () => {
      const runner = createRunner({ state: 'app://arithmetic/states/xyk#mutable' });
      await runner.run();
      await runner.rerun({ useExtracts: false });
      expect(runner.getRerunWorkflow().stepsRan).toEqual([0, 1, 0, 1]);
    });
  });

  describe('When a value changes between runs on a mutable state', () => {
    it('reruns only the affected step', async () => {
      const runner = createRunner({ state: createState({ mutable: true }) });
      await runner.run();
      runner.getRerunState().post(10, 'k');
      const output = await runner.rerun();
      expect(output).toEqual({ result: 30 });
      expect(runner.getRerunWorkflow().stepsSkipped).toEqual([0]);
      expect(runner.getRerunWorkflow().stepsRan).toEqual([0, 1, 1]);
    });

    it('leaves the cache as it was with populateExtracts off', async () => {
      const runner = createRunner({ state: createState({ mutable: true }) });
      await runner.run();
      runner.getRerunState().post(10, 'k');
      await runner.rerun({ populateExtracts: false });
      expect(runner.getRerunWorkflow().getModelOutput('scale')).toEqual({ product: 9 });
      // With the cache still holding k = 3, the next rerun must run the step again.
      await runner.rerun({ populateExtracts: true });
      expect(runner.getRerunWorkflow().stepsRan).toEqual([0, 1, 1, 1]);
      expect(runner.getRerunWorkflow().getModelOutput('scale')).toEqual({ product: 30 });
    });
  });

  describe('When the state is a SqliteState', () => {
    it('runs, skips on rerun, and keeps the result in the database', async () => {
      const runner = createRunner({ state: 'app://arithmetic/states/xyk#sqlite' });
      expect(await runner.run()).toEqual({ result: 9 });
      const state = runner.getRerunState();
      expect(state).toBeInstanceOf(SqliteState);
      await runner.rerun();
      expect(runner.getRerunWorkflow().stepsSkipped).toEqual([0, 1]);
      const reopened = await SqliteState.open(null, { data: (state as SqliteState).toBytes() });
      expect(reopened.toObject()).toEqual({ x: 1, y: 2, k: 3, sum: 3, result: 9 });
    });

    it('takes options through the state factory', async () => {
      const { sqlite } = await import('../../src/apps/arithmetic/states/xyk');
      const runner = createRunner({ state: await sqlite({ x: 4, y: 6, k: 0.5 }) });
      expect(await runner.run()).toEqual({ result: 5 });
    });
  });
});

describe('app:// references', () => {
  it('give a fresh instance on every call', () => {
    const a = resolveAppRef('app://arithmetic/workflows/xyk');
    const b = resolveAppRef('app://arithmetic/workflows/xyk');
    expect(a).toBeInstanceOf(Workflow);
    expect(a).not.toBe(b);
    const state = resolveAppRef(STATE_REF) as State;
    expect(state.toObject()).toEqual({ x: 1, y: 2, k: 3 });
    expect(state.mutable).toBe(false);
    expect((resolveAppRef('app://arithmetic/states/xyk#mutable') as State).mutable).toBe(true);
  });

  it.each([
    ['arithmetic/workflows/xyk', /a reference looks like|an app reference looks like/],
    ['app://arithmetic/xyk', /an app reference looks like app:\/\/<app>\/workflows\/<file>/],
    ['app://nope/workflows/xyk', /there is no application "nope" \(applications: arithmetic/],
    ['app://arithmetic/workflows/abc', /has no workflows file "abc" \(it has: xyk\)/],
    ['app://arithmetic/runner/xyk', /"runner" is not a folder that references can name/],
    ['app://arithmetic/states/xyk#huge', /states\/xyk has no export "huge" \(factories: create, standard, mutable, sqlite\)/],
    ['app://arithmetic/workflows/xyk#meta', /export "meta" of workflows\/xyk is not a factory function/],
    ['app://arithmetic/states/xyk#', /the "#" must be followed by the name of an export/],
  ])('name what is wrong with %s', (ref, message) => {
    expect(() => resolveAppRef(ref)).toThrow(message);
    expect(() => resolveAppRef(ref)).toThrow(`"${ref}"`);
  });

  it('are registered with the engine so a Runner resolves them by default', async () => {
    const { Runner } = await import('../../src/engine');
    const runner = new Runner({ workflow: 'app://arithmetic/workflows/xyk', state: 'app://arithmetic/states/xyk' });
    expect(await runner.run()).toEqual({ result: 9 });
  });
});

describe('The templates', () => {
  it('list the arithmetic workflow with its state and layout, and load and run from their JSON alone', async () => {
    const template = listTemplates().find((entry) => entry.ref === 'app://arithmetic/workflows/xyk');
    expect(template).toMatchObject({ app: 'arithmetic', name: 'xyk', stateRef: 'app://arithmetic/states/xyk', state: { x: 1, y: 2, k: 3 } });
    expect(template?.workflow.modelInputs).toBeUndefined();
    expect(Object.keys(template?.layout ?? {})).toEqual(['add', 'scale']);
    const workflow = Workflow.fromJSON(JSON.parse(JSON.stringify(template?.workflow)));
    expect(await workflow.run(State.fromJSON({ mutable: false, values: template?.state ?? {} }))).toEqual({ result: 9 });
  });

  it('are fresh on each call', () => {
    const [first] = listTemplates();
    const [second] = listTemplates();
    expect(first?.workflow).not.toBe(second?.workflow);
    expect(first).toEqual(second);
  });
});
