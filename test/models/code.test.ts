import { describe, expect, it } from 'vitest';
import { ModelRegistry, registry, State, Step, Workflow } from '../../src/engine';
import { createCustomModel, customModelVersion, registerCustomModel, runInSandbox, Table, unregisterCustomModel } from '../../src/models';
import type { CustomModelRecord } from '../../src/persistence/types';
import { failure, runModel, seattleWeather } from './helpers';

const code = (input: Record<string, unknown>) => runModel('code.javascript', input);

describe('code.javascript', () => {
  it('runs a function body over a, b, c and returns the result', async () => {
    expect(await code({ a: 6, b: 7, code: 'return a * b;' })).toEqual({ result: 42 });
    expect(await code({ a: { xs: [1, 2, 3] }, code: 'return a.xs.map((x) => x * x);' })).toEqual({ result: [1, 4, 9] });
    expect(await code({ code: 'const x = 1;' })).toEqual({ result: null });
    expect(await code({ a: 'hi', c: 3, code: 'return [typeof b, a.repeat(c)];' })).toEqual({ result: ['undefined', 'hihihi'] });
  });

  it('passes -0, NaN and ±Infinity in as themselves, at the top and inside arrays, objects and tables', async () => {
    expect(await code({ a: -0, code: 'return [Object.is(a, -0), 1 / a];' })).toEqual({ result: [true, -Infinity] });
    expect(await code({ a: -0, code: 'return a;' })).toEqual({ result: -0 });
    const { result } = await code({
      a: [NaN, Infinity, -Infinity, -0, 0],
      b: { x: -0 },
      code: 'return [a.map((x) => String(x) + (Object.is(x, -0) ? "!" : "")), Object.is(b.x, -0)];',
    });
    expect(result).toEqual([['NaN', 'Infinity', '-Infinity', '0!', '0'], true]);
    const table = Table.fromColumns({ t: [-0, NaN, 1] });
    expect(await code({ a: table, code: 'return a.map((r) => [Object.is(r.t, -0), Number.isNaN(r.t)]);' })).toEqual({
      result: [
        [true, false],
        [false, true],
        [false, false],
      ],
    });
  });

  it('passes an object that has its own $swark key as it is', async () => {
    const a = { $swark: 'num', v: '-0' };
    expect(await code({ a, code: 'return [a.$swark, a.v, Object.keys(a).length];' })).toEqual({ result: ['num', '-0', 2] });
    expect(await code({ a: { $swark: 'obj', v: { $swark: 'num', v: 'NaN' } }, code: 'return a.v.v;' })).toEqual({ result: 'NaN' });
  });

  it('passes tables as arrays of row objects, dates as ISO text', async () => {
    const weather = await seattleWeather();
    const { result } = await code({ a: weather, code: 'return { n: a.length, first: a[0], sunny: a.filter((r) => r.weather === "sun").length };' });
    expect(result).toEqual({
      n: 1461,
      first: { ...weather.row(0), date: '2012-01-01T00:00:00.000Z' },
      sunny: weather.column('weather').filter((w) => w === 'sun').length,
    });
    const back = await runModel('table.fromRows', { rows: (await code({ a: weather, code: 'return a.slice(0, 2);' })).result });
    expect((back.table as Table).column('temp_max')).toEqual(weather.column('temp_max').slice(0, 2));
  });

  it('case 29: a change to Object.prototype in one node’s code leaks neither into the next node, the next run nor the page', async () => {
    const polluter = 'Object.prototype.polluted = "yes"; Array.prototype.map = () => "broken"; return [typeof ({}).polluted, [1].map((x) => x)];';
    expect(await code({ code: polluter })).toEqual({ result: ['string', 'broken'] });
    const workflow = new Workflow({
      registry,
      steps: [
        { id: 'dirty', model: 'code.javascript', inputs: { a: 'a' }, outputs: { result: 'dirty.result' }, params: { code: polluter } },
        {
          id: 'clean',
          model: 'code.javascript',
          inputs: { 'dirty.result': 'a' },
          outputs: { result: 'clean.result' },
          params: { code: 'return [typeof ({}).polluted, [1, 2].map((x) => x * 2)];' },
        },
      ],
    });
    const state = new State({ a: 1 });
    await workflow.run(state);
    expect(state.extract('clean.result')).toEqual(['undefined', [2, 4]]);
    expect(await code({ code: 'return typeof ({}).polluted;' })).toEqual({ result: 'undefined' });
    expect(typeof ({} as Record<string, unknown>).polluted).toBe('undefined');
    expect([1].map((x) => x + 1)).toEqual([2]);
  });

  it('case 26: cannot reach the network, storage, workers or the page', async () => {
    const { result } = await code({
      code: 'return [typeof fetch, typeof indexedDB, typeof importScripts, typeof document, typeof window, typeof XMLHttpRequest, typeof localStorage, typeof process, typeof require];',
    });
    expect(result).toEqual(Array(9).fill('undefined'));
    expect(await failure(code({ code: 'return fetch("https://example.com");' }))).toContain("ReferenceError: 'fetch' is not defined");
    expect(await failure(code({ code: 'return indexedDB.open("swark");' }))).toContain("'indexedDB' is not defined");
    expect(await failure(code({ code: 'importScripts("https://example.com/x.js");' }))).toContain("'importScripts' is not defined");
    expect(await failure(code({ code: 'return document.cookie;' }))).toContain("'document' is not defined");
    expect(await failure(code({ code: 'return globalThis.constructor.constructor("return fetch")()();' }))).toContain("'fetch' is not defined");
  });

  it('case 24: stops an endless loop at the time limit and says so', async () => {
    const started = Date.now();
    expect(await failure(code({ code: 'while (true) {}', timeoutMs: 300 }))).toContain('timed out after 300 ms');
    expect(Date.now() - started).toBeLessThan(5000);
    // The sandbox is fresh each run: a stopped run leaves nothing behind.
    expect(await code({ a: 1, code: 'return a + 1;' })).toEqual({ result: 2 });
  });

  it('honours an aborted signal', async () => {
    const controller = new AbortController();
    controller.abort();
    await expect(runInSandbox({ code: 'while (true) {}', parameters: [], values: {}, signal: controller.signal })).rejects.toThrow('cancelled');
  });

  it('case 27: reports the code’s own errors without engine internals, a memory bomb stopped at the engine’s limit', async () => {
    expect(await failure(code({ code: 'throw new RangeError("too big");' }))).toContain('RangeError: too big');
    expect(await failure(code({ code: 'return a +;' }))).toContain('SyntaxError');
    expect(await failure(code({ code: 'const f = (n) => f(n + 1) + 1; return f(0);' }))).toMatch(/InternalError: (stack overflow|too much recursion)/);
    expect(
      await failure(
        runInSandbox({
          code: 'const big = []; for (;;) big.push({ a: big.length, b: [1, 2, 3] });',
          parameters: [],
          values: {},
          memoryLimitBytes: 8 * 1024 * 1024,
          // Only the memory limit may stop it: on a loaded machine the default deadline came first.
          timeoutMs: 120_000,
        }),
      ),
    ).toContain('out of memory');
    expect(await failure(code({ code: 'return 1;', timeoutMs: 0 }))).toContain('field "timeoutMs" is invalid');
  });

  it('reruns when its code changes and is skipped when nothing does', async () => {
    const workflow = new Workflow({ steps: [{ model: 'code.javascript', inputs: { x: 'a' }, outputs: { result: 'y' }, params: { code: 'return a + 1;' } }] });
    await workflow.run(new State({ x: 1 }));
    expect(workflow.preview(new State({ x: 1 }))[0]?.decision).toEqual({ skip: true });
    const edited = Workflow.fromJSON({
      ...workflow.toJSON(),
      steps: [{ model: 'code.javascript', inputs: { x: 'a' }, outputs: { result: 'y' }, params: { code: 'return a + 2;' } }],
    });
    expect(edited.preview(new State({ x: 1 }))[0]?.decision).toEqual({ skip: false, reason: { kind: 'param-changed', fields: ['code'] } });
    const state = new State({ x: 1 });
    await edited.run(state);
    expect(state.extract('y')).toBe(3);
  });
});

describe('Custom models', () => {
  const record = (overrides: Partial<CustomModelRecord> = {}): CustomModelRecord => ({
    id: 'custom.hypotenuse',
    title: 'Hypotenuse',
    description: 'sqrt(x² + y²)',
    inputs: ['x', 'y'],
    outputs: ['length'],
    code: 'return Math.sqrt(x * x + y * y);',
    version: '',
    createdAt: 0,
    ...overrides,
  });

  it('run their code in the sandbox with named inputs', async () => {
    const definition = createCustomModel(record());
    expect(definition.version).toBe(customModelVersion(record().code));
    expect(definition.category).toBe('custom');
    expect(await new Step({ model: definition }).execute(definition, { x: 3, y: 4 })).toEqual({ length: 5 });
  });

  it('return several outputs as an object and say what is missing', async () => {
    const definition = createCustomModel(record({ outputs: ['sum', 'product'], code: 'return { sum: x + y, product: x * y };' }));
    expect(await new Step({ model: definition }).execute(definition, { x: 3, y: 4 })).toEqual({ sum: 7, product: 12 });
    const broken = createCustomModel(record({ outputs: ['sum', 'product'], code: 'return { sum: x + y };' }));
    await expect(Promise.resolve(new Step({ model: broken }).execute(broken, { x: 1, y: 2 }))).rejects.toThrow('the returned object lacks `product`');
  });

  it('case 33: get a new version when the code changes, so cached results are not reused', () => {
    expect(createCustomModel(record()).version).not.toBe(createCustomModel(record({ code: 'return x + y;' })).version);
    expect(createCustomModel(record()).version).toBe(createCustomModel(record({ title: 'renamed' })).version);
  });

  it('register, replace and unregister, never shadowing a built-in', () => {
    const own = new ModelRegistry();
    registerCustomModel(record(), own);
    expect(own.get('custom.hypotenuse').title).toBe('Hypotenuse');
    registerCustomModel(record({ title: 'Edited' }), own);
    expect(own.get('custom.hypotenuse').title).toBe('Edited');
    expect(unregisterCustomModel('custom.hypotenuse', own)).toBe(true);
    expect(own.has('custom.hypotenuse')).toBe(false);
    expect(() => registerCustomModel(record({ id: 'math.add' }))).toThrow('"math.add" is the id of a built-in model');
    expect(unregisterCustomModel('math.add')).toBe(false);
    expect(registry.has('math.add')).toBe(true);
  });

  it('refuse input names that cannot be parameters', () => {
    expect(() => createCustomModel(record({ inputs: ['two words'] }))).toThrow('`two words` cannot be an input name');
    expect(() => createCustomModel(record({ inputs: ['return'] }))).toThrow('cannot be an input name');
    expect(() => createCustomModel(record({ outputs: [] }))).toThrow('declares no outputs');
  });
});

describe('math.formula at -0', () => {
  it('keeps -0 and says in words why 1 / -0 is refused', async () => {
    expect(Object.is((await runModel('math.formula', { expression: 'a', a: -0 })).result, -0)).toBe(true);
    const message = await failure(runModel('math.formula', { expression: '1 / a', a: -0 }));
    expect(message).toContain('expected a number, got -Infinity (a number port holds finite numbers only: a division by zero?)');
    expect(message).not.toContain('got number');
  });
});
