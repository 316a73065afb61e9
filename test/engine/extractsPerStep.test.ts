import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { defineModel, State, Workflow, type WorkflowEvent } from '../../src/engine';
import { makeRegistry } from './fixtures';

// The cache that remembers earlier inputs: with extractsPerStep = N each step keeps up to N entries,
// keyed by input and model version, least recently used first out. N = 1 is pyswark's cache.

/** x + y, then the sum times k: the results are checked against the arithmetic itself. */
function xyk(registry: ReturnType<typeof makeRegistry>['registry'], extractsPerStep?: number) {
  return new Workflow({
    registry,
    ...(extractsPerStep === undefined ? {} : { extractsPerStep }),
    steps: [
      { id: 'add', model: 'test.add', inputs: { x: 'a', y: 'b' }, outputs: { sum: 'xy' } },
      { id: 'mul', model: 'test.multiply', inputs: { xy: 'value', k: 'factor' }, outputs: { product: 'result' } },
    ],
  });
}

async function runWith(workflow: Workflow, x: number, events?: WorkflowEvent[]) {
  const before = { ran: workflow.stepsRan.length, skipped: workflow.stepsSkipped.length };
  const output = await workflow.run(new State({ x, y: 10, k: 3 }), events ? { onEvent: (event) => events.push(event) } : {});
  expect(output).toEqual({ result: (x + 10) * 3 });
  return { ran: workflow.stepsRan.slice(before.ran), skipped: workflow.stepsSkipped.slice(before.skipped) };
}

/** The inputs `add` holds, most recently used first. */
const addInputs = (workflow: Workflow) => workflow.extractsOf('add').map((entry) => (entry.input.value as { a: number }).a);

describe('extractsPerStep', () => {
  it('defaults to 1, pyswark’s cache: going back to an earlier input runs the step again', async () => {
    const { registry, calls } = makeRegistry();
    const workflow = xyk(registry);
    expect(workflow.extractsPerStep).toBe(1);
    await runWith(workflow, 1);
    await runWith(workflow, 2);
    expect(await runWith(workflow, 1)).toEqual({ ran: [0, 1], skipped: [] });
    expect(calls).toMatchObject({ add: 3, multiply: 3 });
    expect(addInputs(workflow)).toEqual([1]);
  });

  it('skips a step whose input equals an earlier entry, with that entry’s output', async () => {
    const { registry, calls } = makeRegistry();
    const workflow = xyk(registry, 4);
    await runWith(workflow, 1);
    await runWith(workflow, 2);
    expect(await runWith(workflow, 1)).toEqual({ ran: [], skipped: [0, 1] });
    expect(calls).toMatchObject({ add: 2, multiply: 2 });
    // The entry skipped on is the most recent one again, and the current entry of pyswark's caches.
    expect(addInputs(workflow)).toEqual([1, 2]);
    expect(workflow.getModelInput('add')).toEqual({ a: 1, b: 10 });
    expect(workflow.getModelOutput('mul')).toEqual({ product: 33 });
  });

  it('evicts the least recently used entry, counting a skip as a use', async () => {
    const { registry, calls } = makeRegistry();
    const workflow = xyk(registry, 3);
    for (const x of [1, 2, 3]) await runWith(workflow, x);
    expect(addInputs(workflow)).toEqual([3, 2, 1]);
    expect((await runWith(workflow, 1)).skipped).toEqual([0, 1]);
    expect(addInputs(workflow)).toEqual([1, 3, 2]);
    // A fourth input pushes out 2, the least recently used, not 1.
    expect((await runWith(workflow, 4)).ran).toEqual([0, 1]);
    expect(addInputs(workflow)).toEqual([4, 1, 3]);
    expect((await runWith(workflow, 1)).skipped).toEqual([0, 1]);
    expect((await runWith(workflow, 2)).ran).toEqual([0, 1]);
    expect(calls.add).toBe(5);
  });

  it('misses on entries of another model version, and keeps one output per input', async () => {
    const { registry, calls } = makeRegistry();
    const workflow = xyk(registry, 4);
    await runWith(workflow, 1);
    await runWith(workflow, 2);
    let v2 = 0;
    registry.register(
      defineModel({
        id: 'test.add',
        version: '2',
        inputs: { a: z.number(), b: z.number() },
        outputs: { sum: z.number() },
        run: ({ a, b }) => {
          v2++;
          return { sum: a + b };
        },
      }),
    );
    const events: WorkflowEvent[] = [];
    expect((await runWith(workflow, 1, events)).ran).toEqual([0]);
    const end = events.find((event) => event.type === 'end' && event.key === 'add');
    expect(end?.type === 'end' && end.reason).toEqual({ kind: 'model-changed', from: 'test.add@1', to: 'test.add@2' });
    // The version-1 entry for x = 1 is replaced; x = 2's version-1 entry stays (unusable until evicted).
    expect(workflow.extractsOf('add').map((entry) => [(entry.input.value as { a: number }).a, entry.input.version])).toEqual([
      [1, '2'],
      [2, '1'],
    ]);
    expect((await runWith(workflow, 2)).ran).toEqual([0]);
    expect((await runWith(workflow, 1)).skipped).toEqual([0, 1]);
    expect(v2).toBe(2);
    expect(calls.add).toBe(2);
  });

  it('says why a step runs from its most recent entry, and previews an earlier hit as a skip', async () => {
    const { registry } = makeRegistry();
    const workflow = xyk(registry, 2);
    await runWith(workflow, 1);
    await runWith(workflow, 2);
    expect(workflow.preview(new State({ x: 1, y: 10, k: 3 })).map((entry) => entry.decision)).toEqual([{ skip: true }, { skip: true }]);
    expect(workflow.preview(new State({ x: 5, y: 10, k: 3 })).map((entry) => entry.decision)).toEqual([
      { skip: false, reason: { kind: 'input-changed', fields: ['a'] } },
      { skip: false, reason: { kind: 'upstream', slots: ['xy'] } },
    ]);
  });

  it('reports the entry a skip made current, so a cache kept elsewhere can follow', async () => {
    const { registry } = makeRegistry();
    const workflow = xyk(registry, 2);
    await runWith(workflow, 1);
    await runWith(workflow, 2);
    const events: WorkflowEvent[] = [];
    await runWith(workflow, 1, events);
    const ends = events.filter((event) => event.type === 'end');
    expect(ends.map((event) => event.type === 'end' && event.status)).toEqual(['skipped', 'skipped']);
    const add = ends[0];
    expect(add?.type === 'end' && add.extracts?.input).toBe(workflow.modelInputs.get('add'));
    // Skipping on the current entry changes nothing, so says nothing.
    const again: WorkflowEvent[] = [];
    await runWith(workflow, 1, again);
    expect(again.some((event) => event.type === 'end' && event.extracts)).toBe(false);
  });

  it('leaves the order alone when the cache is not updated (populateExtracts off)', async () => {
    const { registry } = makeRegistry();
    const workflow = xyk(registry, 3);
    await runWith(workflow, 1);
    await runWith(workflow, 2);
    workflow.populateExtracts = false;
    expect((await runWith(workflow, 1)).skipped).toEqual([0, 1]);
    expect(addInputs(workflow)).toEqual([2, 1]);
  });

  it('loads stored entries in order, and lowering the limit drops the least recently used', async () => {
    const { registry, calls } = makeRegistry();
    const source = xyk(registry, 3);
    for (const x of [1, 2, 3]) await runWith(source, x);
    const copy = xyk(registry, 3);
    for (const key of ['add', 'mul']) copy.loadExtracts(key, source.extractsOf(key));
    expect(addInputs(copy)).toEqual([3, 2, 1]);
    expect((await runWith(copy, 2)).skipped).toEqual([0, 1]);
    copy.extractsPerStep = 2;
    expect(addInputs(copy)).toEqual([2, 3]);
    expect((await runWith(copy, 1)).ran).toEqual([0, 1]);
    expect(calls.add).toBe(4);
    expect(() => (copy.extractsPerStep = 0)).toThrow(/at least 1/);
    expect(() => new Workflow({ extractsPerStep: 1.5 })).toThrow(/whole number/);
  });

  it('forgets every entry of a cleared step', async () => {
    const { registry } = makeRegistry();
    const workflow = xyk(registry, 3);
    await runWith(workflow, 1);
    await runWith(workflow, 2);
    workflow.clearExtracts('add');
    expect(workflow.extractsOf('add')).toEqual([]);
    expect((await runWith(workflow, 1)).ran).toEqual([0]);
  });
});
