import { beforeEach, describe, expect, it } from 'vitest';
import { fieldProblems, freeWorkflowName, gridLayout, selectedNodeId, upstreamColumns, wiredFieldsOf, wireProblems } from '../../src/store/graph';
import { makeStudio } from '../helpers/studio';

let studio = makeStudio();
beforeEach(() => {
  studio = makeStudio();
});
const store = () => studio.graph.getState();
const selectedIds = () =>
  store()
    .nodes.filter((n) => n.selected)
    .map((n) => n.id);

const fileText = (workflow: Record<string, unknown>, name = 'Hand-written') => JSON.stringify({ format: 'swark.workflow', version: 1, name, workflow });

describe('When a value is changed, the selection cleared and the change undone', () => {
  it('the node comes back unselected and the inspector selection agrees with the canvas', () => {
    store().createWorkflow('undo selection', 'arithmetic');
    store().selectNode('k');
    store().updateNodeParam('k', 'value', 9);
    store().selectNode(null);
    store().undo();
    expect(store().nodes.find((n) => n.id === 'k')?.data.params.value).toBe(4);
    expect(selectedIds()).toEqual([]);
    expect(selectedNodeId(store())).toBeNull();
    store().selectNode('k');
    expect(selectedIds()).toEqual(['k']);
    expect(selectedNodeId(store())).toBe('k');
  });

  it('a node selected at undo time stays selected, in both places', () => {
    store().createWorkflow('undo keeps selection', 'arithmetic');
    store().updateNodeParam('x', 'value', 5);
    store().selectNode('y');
    store().undo();
    expect(selectedIds()).toEqual(['y']);
    expect(selectedNodeId(store())).toBe('y');
    store().redo();
    expect(selectedIds()).toEqual(['y']);
    expect(store().nodes.find((n) => n.id === 'x')?.data.params.value).toBe(5);
  });
});

describe('When a hand-written file is imported', () => {
  beforeEach(async () => {
    await studio.start();
  });

  it('without useExtracts and populateExtracts, both default to true', async () => {
    const id = await store().importWorkflow(
      fileText({ steps: [{ id: 'n', model: 'input.number', inputs: {}, outputs: { value: 'n.value' }, params: { value: 1 } }] }),
    );
    expect(id).not.toBeNull();
    expect(store().useExtracts).toBe(true);
    expect(store().populateExtracts).toBe(true);
  });

  it('with a table wired into a number field, it imports and warns at that step', async () => {
    const id = await store().importWorkflow(
      fileText({
        steps: [
          { id: 'csv', model: 'input.csv', inputs: {}, outputs: { table: 'csv.table' }, params: { text: 'a\n1' } },
          { id: 'add', model: 'math.add', inputs: { 'csv.table': 'a' }, outputs: { sum: 'add.sum' }, params: { b: 1 } },
        ],
      }),
    );
    expect(id).not.toBeNull();
    expect(store().notice?.kind).toBe('warning');
    const item = store().notice?.items.find((i) => i.stepId === 'add');
    expect(item?.message).toMatch(/output "table" is a table, but field "a" takes a number/);
    expect(wireProblems(store().edges, store().nodes, 'add')).toMatch(/The wire into "a" does not fit/);
    expect(wireProblems(store().edges, store().nodes, 'csv')).toBe('');
  });

  it('with a name a workflow already has, names the copy "(imported)", then "(2)"', async () => {
    const text = fileText({ steps: [] }, 'Twice');
    await store().importWorkflow(text);
    expect(store().name).toBe('Twice');
    await store().importWorkflow(text);
    expect(store().name).toBe('Twice (imported)');
    expect(store().notice?.title).toMatch(/named "Twice \(imported\)"/);
    await store().importWorkflow(text);
    expect(store().name).toBe('Twice (2)');
    expect(
      studio.workspace
        .getState()
        .workflows.filter((w) => w.name.startsWith('Twice'))
        .map((w) => w.name)
        .sort(),
    ).toEqual(['Twice', 'Twice (2)', 'Twice (imported)']);
  });
});

describe('freeWorkflowName', () => {
  it('keeps a free name and counts past taken ones', () => {
    expect(freeWorkflowName('A', ['B'])).toBe('A');
    expect(freeWorkflowName('A', ['A', 'A (imported)', 'A (2)'])).toBe('A (3)');
  });
});

describe('When a required field is left empty', () => {
  it('the node lists it before any run, and stops once it is set or wired', () => {
    store().createWorkflow('plot', undefined);
    const id = store().addNode('chart.plot', { x: 0, y: 0 });
    const data = () => store().nodes.find((n) => n.id === id)?.data;
    const problems = () => fieldProblems(data() as NonNullable<ReturnType<typeof data>>, wiredFieldsOf(store().edges, id));
    expect(problems()).toEqual(expect.arrayContaining([expect.stringMatching(/^x: Required/), expect.stringMatching(/^table: Required/)]));
    store().updateNodeParam(id, 'x', 'date');
    expect(problems().some((p) => p.startsWith('x:'))).toBe(false);
    const csv = store().addNode('input.csv', { x: -300, y: 0 });
    expect(store().connect({ source: csv, sourceHandle: 'table', target: id, targetHandle: 'table' })).toBe(true);
    expect(problems().some((p) => p.startsWith('table:'))).toBe(false);
  });
});

describe('When a wire is dragged', () => {
  it('an input model refuses it (its value is set in the inspector)', () => {
    store().createWorkflow('wires', 'arithmetic');
    const check = store().checkConnection({ source: 'add', sourceHandle: 'sum', target: 'k', targetHandle: 'value' });
    expect(check).toEqual({ ok: false, reason: expect.stringMatching(/input model takes its value from the inspector/) });
  });
});

describe('Column pickers', () => {
  it('offer the columns the run store cached for the wired upstream output, else nothing', () => {
    store().createWorkflow('columns', undefined);
    const csv = store().addNode('input.csv', { x: 0, y: 0 });
    const agg = store().addNode('table.aggregate', { x: 300, y: 0 });
    store().connect({ source: csv, sourceHandle: 'table', target: agg, targetHandle: 'table' });
    expect(upstreamColumns(agg, 'table', store().edges, { [csv]: { outputColumns: { table: ['city', 'temp'] } } })).toEqual(['city', 'temp']);
    expect(upstreamColumns(agg, 'table', store().edges, {})).toBeNull();
  });
});

describe('When unwired nodes are laid out', () => {
  it('they form a grid of several columns, not one tall column', () => {
    const nodes = Array.from({ length: 9 }, (_, i) => ({ id: `n${i}`, width: 200, height: 100 }));
    const at = gridLayout(nodes, { x: 0, y: 0 });
    const xs = new Set([...at.values()].map((p) => p.x));
    const ys = new Set([...at.values()].map((p) => p.y));
    expect(xs.size).toBeGreaterThanOrEqual(3);
    expect(ys.size).toBeLessThanOrEqual(3);
  });

  it('auto-layout places wired nodes in layers and the rest below them', async () => {
    store().createWorkflow('layout', 'arithmetic');
    const loose = [
      store().addNode('input.number', { x: 0, y: 0 }),
      store().addNode('input.number', { x: 0, y: 0 }),
      store().addNode('input.number', { x: 0, y: 0 }),
    ];
    await store().autoLayout();
    const pos = (id: string) => store().nodes.find((n) => n.id === id)?.position ?? { x: NaN, y: NaN };
    const wiredBottom = Math.max(...['x', 'y', 'k', 'add', 'multiply'].map((id) => pos(id).y));
    for (const id of loose) expect(pos(id).y).toBeGreaterThan(wiredBottom);
    expect(new Set(loose.map((id) => pos(id).y)).size).toBe(1);
  });
});

describe('When a workflow is started from any template', () => {
  it('opens with no wire flagged as the wrong type', async () => {
    const { workflowTemplates: templates } = await import('../../src/store/graph');
    expect(templates.length).toBeGreaterThanOrEqual(3);
    for (const template of templates) {
      store().createWorkflow(`from ${template.id}`, template.id);
      const problems = store()
        .nodes.map((node) => [node.id, wireProblems(store().edges, store().nodes, node.id)])
        .filter(([, problem]) => problem);
      expect(problems, template.id).toEqual([]);
    }
  });
});
