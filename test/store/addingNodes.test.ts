import { beforeEach, describe, expect, it } from 'vitest';
import { modelInfo, type EditorEdge } from '../../src/store/graph';
import { findNodes } from '../../src/store/graph/findNodes';
import { portForWire, searchModels } from '../../src/store/graph/modelSearch';
import { checkInsertOnWire } from '../../src/store/graph/rules';
import type { ModelInfo } from '../../src/models/catalog';
import { registry } from '../../src/engine';
import { makeStudio } from '../helpers/studio';

const allModels = (): ModelInfo[] => registry.list().flatMap((definition) => modelInfo(definition.id) ?? []);
const ids = (query: string, wire: Parameters<typeof searchModels>[2] = null) => searchModels(allModels(), query, wire).map((m) => m.model.id);

describe('When a person types in the model search', () => {
  it('finds models by title, id, keywords and description, titles that start with the text first', () => {
    expect(ids('join')[0]).toBe('table.join');
    expect(ids('merge')).toContain('table.join');
    expect(ids('file')).toContain('input.csv');
    expect(ids('table.sort')).toEqual(['table.sort']);
    expect(ids('sort')[0]).toBe('table.sort');
    expect(ids('MULTIPLY')).toEqual(expect.arrayContaining(['math.multiply', 'arithmetic.multiply']));
  });

  it('needs every word to match somewhere, and empty text lists every model', () => {
    expect(ids('group sum')).toContain('table.aggregate');
    expect(ids('group zebra')).toEqual([]);
    expect(ids('  ')).toHaveLength(allModels().length);
  });
});

describe('When a wire is dropped on empty canvas', () => {
  it('from a table output, lists only models with an input that takes a table, with that input', () => {
    const found = searchModels(allModels(), '', { type: 'table', from: 'output' });
    expect(found.length).toBeGreaterThan(5);
    for (const { model, port } of found) {
      expect(model.category).not.toBe('input');
      expect(model.inputs.find((p) => p.name === port)?.type).toMatch(/^(table|any)$/);
    }
    expect(found.map((m) => m.model.id)).not.toContain('math.add');
    expect(found.find((m) => m.model.id === 'table.join')?.port).toBe('left');
  });

  it('from a number output, offers number inputs (data ports before settings) and the loose json/any ones', () => {
    const found = searchModels(allModels(), '', { type: 'number', from: 'output' });
    expect(found.find((m) => m.model.id === 'math.add')?.port).toBe('a');
    expect(found.find((m) => m.model.id === 'json.stringify')?.port).toBe('value');
    expect(found.map((m) => m.model.id)).not.toContain('table.filter');
    expect(found.map((m) => m.model.id)).not.toContain('input.number');
  });

  it('from an input that takes a table, lists models with a table output, input models included', () => {
    const found = searchModels(allModels(), 'csv', { type: 'table', from: 'input' });
    expect(found.map((m) => m.model.id)).toContain('input.csv');
    expect(found.find((m) => m.model.id === 'input.csv')?.port).toBe('table');
    expect(found.map((m) => m.model.id)).not.toContain('table.toCSV');
  });

  it('a chart output fits nothing but inputs of any type', () => {
    const chart = modelInfo('chart.plot');
    expect(chart && portForWire(chart, { type: 'chart', from: 'output' })).toBeNull();
    expect(ids('', { type: 'chart', from: 'output' })).toEqual(expect.arrayContaining(['code.javascript', 'table.fromRows']));
  });
});

let studio = makeStudio();
const store = () => studio.graph.getState();
const edge = (id: string): EditorEdge => {
  const found = store().edges.find((e) => e.id === id);
  if (!found) throw new Error(`no edge ${id}`);
  return found;
};

describe('When a model is chosen for a dropped wire', () => {
  beforeEach(() => {
    studio = makeStudio();
    store().createWorkflow('wired', 'arithmetic');
  });

  it('comes in wired to the output the wire left, as one undo point', () => {
    const id = store().addWiredNode('math.add', { x: 900, y: 200 }, { nodeId: 'multiply', handle: 'product', from: 'output', port: 'a' });
    expect(store().edges.map((e) => e.id)).toContain(`multiply.product->${id}.a`);
    expect(store().nodes.find((n) => n.id === id)?.selected).toBe(true);
    store().undo();
    expect(store().nodes.some((n) => n.id === id)).toBe(false);
    expect(store().edges.some((e) => e.target === id)).toBe(false);
  });

  it('dragged back from an input, feeds that input and replaces its wire', () => {
    const id = store().addWiredNode('input.number', { x: 0, y: 500 }, { nodeId: 'multiply', handle: 'factor', from: 'input', port: 'value' });
    const into = store().edges.filter((e) => e.target === 'multiply' && e.targetHandle === 'factor');
    expect(into.map((e) => e.source)).toEqual([id]);
  });
});

describe('When a free node is dropped onto a wire', () => {
  beforeEach(() => {
    studio = makeStudio();
    store().createWorkflow('insert', 'arithmetic');
  });

  it('whose types fit, it goes in between: source → node → target, one undo point', () => {
    const id = store().addNode('math.multiply', { x: 500, y: 150 });
    expect(checkInsertOnWire(store().nodes, edge('add.sum->multiply.value'), id)).toEqual({ ok: true, input: 'value', output: 'product' });
    expect(store().insertOnWire(id, 'add.sum->multiply.value')).toBe(true);
    const wires = store().edges.map((e) => e.id);
    expect(wires).toEqual(expect.arrayContaining([`add.sum->${id}.value`, `${id}.product->multiply.value`]));
    expect(wires).not.toContain('add.sum->multiply.value');
    expect(store().notice?.title).toMatch(/^Put ".+" on the wire from "add" to "multiply"\.$/);
    store().undo();
    expect(store().edges.map((e) => e.id)).toContain('add.sum->multiply.value');
  });

  it('whose types do not fit, nothing changes and the note says why', () => {
    const id = store().addNode('chart.plot', { x: 500, y: 150 });
    const before = store().edges;
    expect(store().insertOnWire(id, 'add.sum->multiply.value')).toBe(false);
    expect(store().edges).toBe(before);
    expect(store().notice?.title).toBe(`"${id}" was not put on the wire from "add" to "multiply": none of its inputs takes a number, which the wire carries.`);
  });

  it('an output that does not fit the field is named too, and an input model is refused', () => {
    const toText = store().addNode('json.stringify', { x: 500, y: 150 });
    expect(checkInsertOnWire(store().nodes, edge('add.sum->multiply.value'), toText)).toEqual({
      ok: false,
      reason: `"${toText}" was not put on the wire from "add" to "multiply": none of its outputs gives a number, which field "value" takes.`,
    });
    const number = store().addNode('input.number', { x: 500, y: 150 });
    expect(checkInsertOnWire(store().nodes, edge('add.sum->multiply.value'), number)).toMatchObject({
      ok: false,
      reason: expect.stringContaining('an input model'),
    });
  });

  it('a node that already has wires is only moved', () => {
    expect(store().insertOnWire('add', 'k.value->multiply.factor')).toBe(false);
    expect(store().notice).toBeNull();
  });
});

describe('When a person searches the graph (Ctrl+F)', () => {
  beforeEach(() => {
    studio = makeStudio();
    store().createWorkflow('find', 'arithmetic');
  });

  it('finds nodes by title, model id and title, and the slots they write and read, left to right', () => {
    expect(findNodes(store().nodes, 'multiply')).toEqual(['multiply']);
    expect(findNodes(store().nodes, 'math.add')).toEqual(['add']);
    expect(findNodes(store().nodes, 'number')).toEqual(['x', 'y', 'k']);
    expect(findNodes(store().nodes, 'add.sum')).toEqual(['add']);
    store().setSlotName('k', 'value', 'scale factor');
    expect(findNodes(store().nodes, 'SCALE factor')).toEqual(['k']);
    expect(findNodes(store().nodes, '')).toEqual([]);
    expect(findNodes(store().nodes, 'nothing like it')).toEqual([]);
  });
});
