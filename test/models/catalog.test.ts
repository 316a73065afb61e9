import { describe, expect, it } from 'vitest';
import { registry, Step, State } from '../../src/engine';
import { builtinModels, describeModel, isCompatible, listCategories } from '../../src/models';

describe('When src/models is imported', () => {
  it('registers every built-in model in the default registry', () => {
    for (const definition of builtinModels) expect(registry.get(definition.id)).toBe(definition);
    for (const id of ['input.number', 'input.text', 'input.json', 'math.add', 'math.multiply', 'math.subtract', 'math.divide', 'math.formula']) {
      expect(registry.has(id)).toBe(true);
    }
  });

  it('gives every built-in a title, description, known category and version', () => {
    const categories = new Set(listCategories().map((category) => category.id));
    for (const definition of builtinModels) {
      expect(definition.title).not.toBe(definition.id);
      expect(definition.description.length).toBeGreaterThan(3);
      expect(categories.has(definition.category)).toBe(true);
      expect(definition.version).toMatch(/\S/);
    }
  });
});

describe('describeModel', () => {
  it('reports ports with types, defaults, descriptions and JSON Schema', () => {
    const info = describeModel(registry.get('math.multiply'));
    expect(info).toMatchObject({ id: 'math.multiply', category: 'math' });
    expect(info.inputs.map((p) => p.name)).toEqual(['value', 'factor']);
    const factor = info.inputs[1];
    expect(factor).toMatchObject({ type: 'number', hasDefault: true, defaultValue: 1, optional: false, widget: 'number', description: 'Multiplier' });
    expect(factor?.jsonSchema).toMatchObject({ type: 'number', default: 1 });
    expect(info.outputs).toEqual([expect.objectContaining({ name: 'product', type: 'number' })]);
  });

  it('marks optional inputs and expression widgets', () => {
    const info = describeModel(registry.get('math.formula'));
    const expression = info.inputs.find((p) => p.name === 'expression');
    expect(expression).toMatchObject({ type: 'string', widget: 'expression', hasDefault: true, defaultValue: 'a + b' });
    expect(info.inputs.find((p) => p.name === 'c')).toMatchObject({ optional: true, hasDefault: false, type: 'number' });
  });

  it('describes JSON inputs', () => {
    const info = describeModel(registry.get('input.json'));
    expect(info.inputs[0]).toMatchObject({ type: 'json', widget: 'json', defaultValue: null });
  });
});

describe('isCompatible', () => {
  it('wires equal types and anything into any', () => {
    expect(isCompatible('number', 'number')).toBe(true);
    expect(isCompatible('table', 'table')).toBe(true);
    expect(isCompatible('table', 'any')).toBe(true);
    expect(isCompatible('chart', 'any')).toBe(true);
  });
  it('keeps tables apart from scalars', () => {
    expect(isCompatible('table', 'number')).toBe(false);
    expect(isCompatible('number', 'table')).toBe(false);
    expect(isCompatible('json', 'table')).toBe(false);
    expect(isCompatible('table', 'json')).toBe(false);
    expect(isCompatible('string', 'number')).toBe(false);
  });
  it('lets loose json/any outputs feed scalars (checked at run time)', () => {
    expect(isCompatible('json', 'number')).toBe(true);
    expect(isCompatible('any', 'string')).toBe(true);
    expect(isCompatible('number', 'json')).toBe(true);
  });
});

describe('The arithmetic models', () => {
  const run = async (model: string, params: Record<string, unknown>) =>
    new Step({ model, inputs: {}, outputs: {}, params }).execute(registry.get(model), params);
  it('compute', async () => {
    expect(await run('math.add', { a: 2, b: 3 })).toEqual({ sum: 5 });
    expect(await run('math.subtract', { a: 2, b: 3 })).toEqual({ difference: -1 });
    expect(await run('math.multiply', { value: 2.5, factor: 4 })).toEqual({ product: 10 });
    expect(await run('math.divide', { dividend: 7, divisor: 2 })).toEqual({ quotient: 3.5 });
  });
  it('refuse division by zero in words', async () => {
    await expect(Promise.resolve().then(() => run('math.divide', { dividend: 1, divisor: 0 }))).rejects.toThrow(/cannot divide by zero/);
  });
  it('evaluate formulas with precedence, functions and named values', async () => {
    expect(await run('math.formula', { expression: '(a + b) / 2', a: 3, b: 4 })).toEqual({ result: 3.5 });
    expect(await run('math.formula', { expression: 'sqrt(a^2 + b^2)', a: 3, b: 4 })).toEqual({ result: 5 });
    expect(await run('math.formula', { expression: '-2^2 + 10 % 4 * 3', a: 0 })).toEqual({ result: -4 + 6 });
    expect(await run('math.formula', { expression: 'max(a, b, c) - min(a, 1)', a: 3, b: 9, c: 4 })).toEqual({ result: 9 - 1 });
  });
  it('explain formula mistakes', async () => {
    const failing = (params: Record<string, unknown>) => Promise.resolve().then(() => run('math.formula', params));
    await expect(failing({ expression: 'a + x', a: 1 })).rejects.toThrow(/unknown name `x`/);
    await expect(failing({ expression: 'a + c', a: 1 })).rejects.toThrow(/`c` is used in the formula but has no value/);
    await expect(failing({ expression: 'a + (b', a: 1, b: 2 })).rejects.toThrow(/expected `\)` at the end/);
    await expect(failing({ expression: 'a ; b', a: 1 })).rejects.toThrow(/unexpected character `;`/);
  });
  it('run inside a workflow state', async () => {
    const state = new State({ x: 6 });
    await new Step({ model: 'math.multiply', inputs: { x: 'value' }, outputs: { product: 'y' }, params: { factor: 7 } }).run(state);
    expect(state.extract('y')).toBe(42);
  });
});

describe('The whole library', () => {
  it('holds at least 24 models with the issue’s ids and fields', () => {
    expect(builtinModels.length).toBeGreaterThanOrEqual(24);
    const fields = (id: string) => {
      const info = describeModel(registry.get(id));
      return [info.inputs.map((p) => p.name), info.outputs.map((p) => p.name)];
    };
    expect(fields('input.number')).toEqual([['value'], ['value']]);
    expect(fields('input.text')).toEqual([['value'], ['value']]);
    expect(fields('input.json')).toEqual([['value'], ['value']]);
    expect(fields('input.csv')).toEqual([['text', 'delimiter'], ['table']]);
    expect(fields('input.sample')).toEqual([['name'], ['table']]);
    expect(fields('math.add')).toEqual([['a', 'b'], ['sum']]);
    expect(fields('math.multiply')).toEqual([['value', 'factor'], ['product']]);
    expect(fields('table.filter')).toEqual([['table', 'where'], ['table']]);
    expect(fields('table.aggregate')).toEqual([['table', 'groupBy', 'measures'], ['table']]);
    expect(fields('table.join')).toEqual([['left', 'right', 'on', 'how'], ['table']]);
    expect(fields('sql.query')).toEqual([['a', 'b', 'c', 'query', 'timeLimit'], ['table']]);
    expect(fields('table.toCSV')[1]).toEqual(['text']);
    expect(fields('chart.plot')[0]?.slice(0, 5)).toEqual(['table', 'mark', 'x', 'y', 'color']);
    expect(fields('chart.plot')[1]).toEqual(['chart']);
    expect(fields('code.javascript')).toEqual([['a', 'b', 'c', 'code', 'timeoutMs'], ['result']]);
  });

  it('describes every port, with column pickers pointing at a table input', () => {
    for (const definition of builtinModels) {
      const info = describeModel(definition);
      for (const port of [...info.inputs, ...info.outputs]) {
        expect(port.description, `${info.id}.${port.name}`).not.toBe('');
        expect(typeof port.jsonSchema).toBe('object');
      }
      for (const port of info.inputs.filter((p) => p.widget === 'column' || p.widget === 'columns')) {
        expect(info.inputs.find((p) => p.name === port.columnsFrom)?.type, `${info.id}.${port.name}`).toBe('table');
      }
    }
  });

  it('types table ports, enum options and optional tables', () => {
    const sql = describeModel(registry.get('sql.query'));
    expect(sql.inputs.map((p) => [p.name, p.type, p.optional])).toEqual([
      ['a', 'table', false],
      ['b', 'table', true],
      ['c', 'table', true],
      ['query', 'string', false],
      ['timeLimit', 'number', false],
    ]);
    expect(sql.inputs[3]).toMatchObject({ widget: 'sql', hasDefault: true });
    const join = describeModel(registry.get('table.join'));
    expect(join.inputs.find((p) => p.name === 'how')).toMatchObject({ widget: 'enum', options: ['inner', 'left', 'right', 'full'], defaultValue: 'inner' });
    expect(describeModel(registry.get('chart.plot')).outputs[0]?.type).toBe('chart');
    expect(describeModel(registry.get('table.aggregate')).inputs[2]).toMatchObject({ widget: 'measures', columnsFrom: 'table', type: 'json' });
    expect(describeModel(registry.get('input.sample')).inputs[0]?.options).toContain('seattle-weather');
    expect(describeModel(registry.get('code.javascript')).inputs.find((p) => p.name === 'code')).toMatchObject({ widget: 'code', type: 'string' });
  });

  it('lists categories in palette order, custom ones last', () => {
    const ids = listCategories(builtinModels).map((c) => c.id);
    expect(ids).toEqual(['input', 'math', 'table', 'sql', 'chart', 'json', 'code']);
    expect(listCategories([...builtinModels, { ...builtinModels[0], category: 'geo' } as (typeof builtinModels)[number]]).at(-1)).toEqual({
      id: 'geo',
      title: 'Geo',
    });
  });
});
