import { beforeEach, describe, expect, it } from 'vitest';
import { Runner, State, Workflow } from '../../src/engine';
import { workflowTemplates } from '../../src/store/graph';
import { makeStudio } from '../helpers/studio';
import { listTemplates } from '../../src/apps';

let studio = makeStudio();
beforeEach(() => {
  studio = makeStudio();
});
const store = () => studio.graph.getState();
const compileActiveWorkflow = () => store().compileActive();

describe('When the (x + y) * k template is compiled', () => {
  beforeEach(() => {
    store().createWorkflow('sum', 'arithmetic');
  });

  it('orders steps topologically with ties by id, step id = node id', () => {
    const compiled = compileActiveWorkflow();
    expect(compiled.workflow.steps.map((s) => s.id)).toEqual(['k', 'x', 'y', 'add', 'multiply']);
    expect(compiled.workflow.steps.find((s) => s.id === 'add')).toEqual({
      id: 'add',
      model: 'math.add',
      inputs: { 'x.value': 'a', 'y.value': 'b' },
      outputs: { sum: 'add.sum' },
    });
  });

  it('runs in the engine and gives (2 + 3) * 4', async () => {
    const compiled = compileActiveWorkflow();
    const state = new State();
    await new Runner({ workflow: Workflow.fromJSON(compiled.workflow), state }).run();
    expect(state.extract('multiply.product')).toBe(20);
    store().updateNodeParam('k', 'value', 10);
    const again = new State();
    await new Runner({ workflow: Workflow.fromJSON(compileActiveWorkflow().workflow), state: again }).run();
    expect(again.extract('multiply.product')).toBe(50);
  });

  it('uses renamed slots and labels in slot names', () => {
    expect(store().setNodeLabel('x', 'first')).toBeNull();
    expect(store().setSlotName('add', 'sum', 'total')).toBeNull();
    const steps = compileActiveWorkflow().workflow.steps;
    expect(steps.find((s) => s.id === 'x')?.outputs).toEqual({ value: 'first.value' });
    expect(steps.find((s) => s.id === 'add')?.inputs).toEqual({ 'first.value': 'a', 'y.value': 'b' });
    expect(steps.find((s) => s.id === 'multiply')?.inputs).toEqual({ total: 'value', 'k.value': 'factor' });
  });

  it('refuses a label another node has, and an edge that closes a cycle, with reasons', () => {
    expect(store().setNodeLabel('x', 'y')).toMatch(/already called "y"/);
    const check = store().checkConnection({ source: 'multiply', sourceHandle: 'product', target: 'add', targetHandle: 'a' });
    expect(check).toEqual({ ok: false, reason: expect.stringMatching(/cycle/) });
  });

  it('replaces the edge into an input that is already wired, and says so', () => {
    expect(store().connect({ source: 'k', sourceHandle: 'value', target: 'add', targetHandle: 'a' })).toBe(true);
    expect(
      store()
        .edges.filter((e) => e.target === 'add' && e.targetHandle === 'a')
        .map((e) => e.source),
    ).toEqual(['k']);
    expect(store().notice?.title).toMatch(/Replaced the edge into "add".a/);
  });

  it('undoes and redoes each edit', () => {
    store().updateNodeParam('x', 'value', 7);
    store().deleteNodes(['add']);
    expect(store().nodes.map((n) => n.id)).not.toContain('add');
    store().undo();
    expect(store().nodes.map((n) => n.id)).toContain('add');
    expect(store().edges).toHaveLength(4);
    store().undo();
    expect(store().nodes.find((n) => n.id === 'x')?.data.params.value).toBe(2);
    store().redo();
    expect(store().nodes.find((n) => n.id === 'x')?.data.params.value).toBe(7);
  });

  it('names the node when the graph cannot run (missing model)', async () => {
    await store().paste(
      JSON.stringify({
        format: 'swark.fragment',
        version: 1,
        nodes: [
          {
            id: 'ghost',
            model: 'no.such',
            label: 'ghost',
            position: { x: 0, y: 0 },
            params: {},
            slotNames: {},
            stateInputs: {},
            missingPorts: { inputs: [], outputs: ['out'] },
          },
        ],
        edges: [],
      }),
    );
    expect(() => compileActiveWorkflow()).toThrow(/Node "ghost" uses model "no.such"/);
  });
});

describe('When an application template is opened', () => {
  it('lists every application workflow by its app:// reference, with the editor example after them', () => {
    const ids = workflowTemplates.map((t) => t.id);
    expect(ids).toEqual([...listTemplates().map((t) => t.ref), 'arithmetic']);
  });

  it("gives the app workflow as it is, with its state, and runs to the app's answer", async () => {
    store().createWorkflow('xyk', 'app://arithmetic/workflows/xyk');
    expect(store().nodes.map((n) => n.data.model)).toEqual(['arithmetic.add', 'arithmetic.multiply']);
    expect(store().edges).toHaveLength(1);
    const compiled = compileActiveWorkflow();
    expect(compiled.state).toEqual({ x: 1, y: 2, k: 3 });
    const state = new State(compiled.state);
    await new Runner({ workflow: Workflow.fromJSON(compiled.workflow), state }).run();
    expect(state.extract('result')).toBe(9);
  });

  it('opens the weather pipeline with only models the app has', () => {
    store().createWorkflow('weather', 'app://weather/workflows/monthly');
    expect(store().nodes.filter((n) => n.data.missingPorts)).toEqual([]);
    expect(store().nodes.map((n) => n.data.label)).toEqual(['Seattle weather', 'Clean days', 'Monthly means', 'Chart']);
    expect(compileActiveWorkflow().workflow.steps.map((s) => s.id)).toEqual(['sample', 'clean', 'monthly', 'chart']);
  });

  it('refuses a template id that does not exist', () => {
    expect(() => store().createWorkflow('nope', 'app://arithmetic/workflows/nope')).toThrow(/no template/);
  });
});
