/**
 * Code nodes and the cache (issue 11): a run that read the clock or a random source is not cached,
 * detected by the sandbox's instrumented globals; results come back faithfully or as an error.
 */
import { describe, expect, it } from 'vitest';
import { State, Workflow, registry, type WorkflowEvent } from '../../src/engine';
import { createCustomModel, runInSandbox } from '../../src/models';
import { readsReason } from '../../src/models/code/sandbox';
import { failure, runModel } from './helpers';

type EndEvent = Extract<WorkflowEvent, { type: 'end' }>;

/** Runs one code.javascript step twice on the same input; returns both ends and both results. */
async function runTwice(code: string) {
  const workflow = new Workflow({ steps: [{ id: 'js', model: 'code.javascript', inputs: { x: 'a' }, outputs: { result: 'r' }, params: { code } }] });
  const ends: EndEvent[] = [];
  const results: unknown[] = [];
  for (let i = 0; i < 2; i++) {
    const state = new State({ x: 1 });
    await workflow.run(state, { onEvent: (event) => event.type === 'end' && ends.push(event) });
    results.push(state.extract('r'));
  }
  return { workflow, ends, results };
}

const SOURCES: { source: string; code: string }[] = [
  { source: 'Math.random()', code: 'return Math.random();' },
  { source: 'Date.now()', code: 'return Date.now() > 0 ? a : 0;' },
  { source: 'new Date()', code: 'return new Date().getFullYear() > 2000 ? a : 0;' },
  { source: 'performance.now()', code: 'return performance.now() >= 0 ? a : 0;' },
  { source: 'crypto.getRandomValues()', code: 'return Array.from(crypto.getRandomValues(new Uint8Array(4)));' },
];

describe('A code node whose run read a source of nondeterminism', () => {
  for (const { source, code } of SOURCES) {
    it(`case 35: ${source}: is not cached, says why, and runs again`, async () => {
      const { workflow, ends, results } = await runTwice(code);
      expect(ends.map((event) => [event.status, event.uncached])).toEqual([
        ['ran', `read ${source}`],
        ['ran', `read ${source}`],
      ]);
      expect(workflow.modelOutputs.has('js')).toBe(false);
      expect(workflow.stepsSkipped).toEqual([]);
      expect(results).toHaveLength(2);
    });
  }

  it('gives new random values on each run (the seen defect: the same value came back, skipped)', async () => {
    const { results } = await runTwice('return Math.random();');
    expect(typeof results[0]).toBe('number');
    expect(results[0]).not.toBe(results[1]);
  });

  it('names every source it read, once each', async () => {
    const { ends } = await runTwice('Math.random(); Math.random(); return [Date.now(), Date(), crypto.randomUUID()];');
    expect(ends[0]?.uncached).toBe('read Math.random(), Date.now(), Date() and crypto.randomUUID()');
  });

  it('is cached when it only touched the deterministic parts of the same globals', async () => {
    const { ends, workflow } = await runTwice(
      'return [new Date(0).toISOString(), Date.parse("2020-01-01"), Date.UTC(2020, 0, 1), Math.max(a, 2), typeof Math.random, typeof crypto.getRandomValues];',
    );
    expect(ends.map((event) => event.status)).toEqual(['ran', 'skipped']);
    expect(workflow.getModelOutput('js')).toEqual({
      result: ['1970-01-01T00:00:00.000Z', Date.parse('2020-01-01'), Date.UTC(2020, 0, 1), 2, 'function', 'function'],
    });
  });

  it('is detected however the code reaches the clock (a subclass, the prototype’s constructor)', async () => {
    for (const code of ['class Later extends Date {}; return String(new Later());', 'return String(new (new Date(0).constructor)());']) {
      const { ends } = await runTwice(code);
      expect(ends[0]?.uncached).toBe('read new Date()');
    }
  });

  it('applies to custom models too', async () => {
    const definition = createCustomModel({
      id: 'custom.dice',
      title: 'Dice',
      description: '',
      inputs: ['sides'],
      outputs: ['roll'],
      code: 'return 1 + Math.floor(Math.random() * sides);',
      version: '',
      createdAt: 0,
    });
    const workflow = new Workflow({ steps: [{ id: 'dice', model: definition, inputs: { n: 'sides' }, outputs: { roll: 'roll' } }] });
    const ends: EndEvent[] = [];
    await workflow.run(new State({ n: 6 }), { onEvent: (event) => event.type === 'end' && ends.push(event) });
    expect(ends[0]?.uncached).toBe('read Math.random()');
    expect(workflow.modelOutputs.size).toBe(0);
  });

  it('gives crypto.getRandomValues the host’s random bytes, filling the whole array', async () => {
    const values = (await runInSandbox({ code: 'return Array.from(crypto.getRandomValues(new Uint8Array(4096)));', parameters: [], values: {} })) as number[];
    expect(values).toHaveLength(4096);
    expect(values.every((byte) => Number.isInteger(byte) && byte >= 0 && byte < 256)).toBe(true);
    // 4096 uniform bytes take nearly every value; a fill that stopped early or repeated would not.
    expect(new Set(values).size).toBeGreaterThan(240);
    expect(values.slice(-512).some((byte) => byte !== 0)).toBe(true);
  });

  it('words its reads as a list', () => {
    expect(readsReason(['Math.random()'])).toBe('read Math.random()');
    expect(readsReason(['a', 'b'])).toBe('read a and b');
    expect(readsReason(['a', 'b', 'c'])).toBe('read a, b and c');
  });
});

describe('What a code node returns', () => {
  const code = async (body: string) => (await runModel('code.javascript', { code: body })).result;

  it('case 31: comes back faithfully: Map, Set, Date, typed arrays, NaN, ±Infinity, -0, bigint, undefined inside', async () => {
    expect(await code('return new Map([["a", 1], [2, { x: [3] }]]);')).toEqual(
      new Map<unknown, unknown>([
        ['a', 1],
        [2, { x: [3] }],
      ]),
    );
    expect(await code('return new Set(["a", 1]);')).toEqual(new Set(['a', 1]));
    const date = await code('return new Date(Date.UTC(2023, 1, 1));');
    expect(date).toBeInstanceOf(Date);
    expect((date as Date).getTime()).toBe(Date.UTC(2023, 1, 1));
    expect(await code('return new Int16Array([1, -2]);')).toEqual(new Int16Array([1, -2]));
    expect(await code('return [NaN, Infinity, -Infinity, 10n ** 20n];')).toEqual([NaN, Infinity, -Infinity, 10n ** 20n]);
    expect(Object.is(await code('return -0;'), -0)).toBe(true);
    expect(await code('return { a: undefined, b: 1 };')).toStrictEqual({ a: undefined, b: 1 });
    expect(await code('return;')).toBeNull();
  });

  it('gives an Error as its name and message', async () => {
    expect(await code('return new RangeError("too big");')).toEqual({ name: 'RangeError', message: 'too big' });
    expect(await code('return { problems: [new Error("a")] };')).toEqual({ problems: [{ name: 'Error', message: 'a' }] });
  });

  it('keeps keys that look like the codec’s own or like prototype machinery as plain keys', async () => {
    const value = (await code('return JSON.parse(\'{"$swark": "table", "v": 1, "__proto__": {"polluted": true}}\');')) as Record<string, unknown>;
    expect(Object.keys(value)).toEqual(['$swark', 'v', '__proto__']);
    expect(value.$swark).toBe('table');
    expect(Object.getPrototypeOf(value)).toBe(Object.prototype);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  const REFUSED: { code: string; words: string }[] = [
    { code: 'return () => 1;', words: 'the returned value is a function, which cannot be stored' },
    { code: 'return Symbol("s");', words: 'the returned value is a symbol, which cannot be stored' },
    { code: 'return { rows: [1, { f() {} }] };', words: 'the returned value holds a function at result.rows[1].f' },
    { code: 'const o = { a: 1 }; o.me = o; return o;', words: 'the returned value holds a cycle (result.me refers back to result)' },
    { code: 'return new Map([["k", Symbol("s")]]);', words: 'the returned value holds a symbol at result.get("k")' },
    { code: 'return Promise.resolve(1);', words: 'the returned value is a Promise' },
    { code: 'class Point {}; return new Point();', words: 'the returned value is a Point' },
    { code: 'return new WeakMap();', words: 'the returned value is a WeakMap' },
  ];
  for (const { code: body, words } of REFUSED) {
    it(`case 28: refuses ${body} in words naming what`, async () => {
      const message = await failure(code(body));
      expect(message).toContain(words);
      expect(message).toContain('return data (numbers, text, lists, objects, tables)');
    });
  }

  it('makes the step an error that ends the run, with nothing cached', async () => {
    const workflow = new Workflow({
      steps: [{ id: 'js', model: 'code.javascript', inputs: {}, outputs: { result: 'r' }, params: { code: 'return () => 1;' } }],
    });
    const state = new State();
    await expect(workflow.run(state)).rejects.toThrow('step 0 "js" (model code.javascript): the returned value is a function, which cannot be stored');
    expect(state.has('r')).toBe(false);
    expect(workflow.modelOutputs.size).toBe(0);
  });

  it('does not reuse an entry the earlier sandbox cached for a random result (its version differs)', async () => {
    const code = 'return Math.random();';
    const workflow = new Workflow({ steps: [{ id: 'js', model: 'code.javascript', inputs: {}, outputs: { result: 'r' }, params: { code } }] });
    // The input the step builds (its params), so only the version tells the entries apart.
    workflow.modelInputs.set('js', { value: { code }, model: 'code.javascript', version: '1' });
    workflow.modelOutputs.set('js', { value: { result: 0.25 }, model: 'code.javascript', version: '1' });
    const ends: EndEvent[] = [];
    const state = new State();
    await workflow.run(state, { onEvent: (event) => event.type === 'end' && ends.push(event) });
    expect(ends[0]?.reason).toEqual({ kind: 'model-changed', from: 'code.javascript@1', to: `code.javascript@${registry.get('code.javascript').version}` });
    expect(state.extract('r')).not.toBe(0.25);
  });
});
