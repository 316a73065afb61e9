/** Components: making one from a selection, flattening instances into `<instance>/<inner>` steps, expanding back. */
import { describe, expect, it } from 'vitest';
import '../../src/models';
import {
  ComponentError,
  compileGraph,
  componentModel,
  componentPorts,
  groupStepsByInstance,
  expandInstance,
  flattenComponents,
  makeComponent,
  type WorkflowGraph,
} from '../../src/format';
import { portsOf } from '../../src/store/graph';
import { node } from '../fixtures/componentGraph';

/** x, y, k → add → scale → out(negate) */
const graph = (): WorkflowGraph => ({
  name: 'g',
  nodes: [
    node('x', 'input.number', 0, { value: 1 }),
    node('y', 'input.number', 0, { value: 2 }),
    node('k', 'input.number', 0, { value: 3 }),
    node('add', 'math.add', 200),
    node('scale', 'math.multiply', 400),
  ],
  edges: [
    { source: 'x', output: 'value', target: 'add', field: 'a' },
    { source: 'y', output: 'value', target: 'add', field: 'b' },
    { source: 'add', output: 'sum', target: 'scale', field: 'value' },
    { source: 'k', output: 'value', target: 'scale', field: 'factor' },
  ],
  state: {},
  useExtracts: true,
  populateExtracts: true,
});

const ids = { definitionId: 'def1', instanceId: 'calc', name: 'calc' };
const strict = (g: WorkflowGraph) => compileGraph(g, { portsOf, strict: true });

describe('makeComponent', () => {
  it('collapses the selection into one node whose ports are the wires crossing its border', () => {
    const made = makeComponent(graph(), ['add', 'scale'], ids);
    expect(made.definition.inputs).toEqual([
      { port: 'a', node: 'add', field: 'a' },
      { port: 'b', node: 'add', field: 'b' },
      { port: 'factor', node: 'scale', field: 'factor' },
    ]);
    expect(made.definition.outputs).toEqual([]);
    expect(made.definition.edges).toEqual([{ source: 'add', output: 'sum', target: 'scale', field: 'value' }]);
    expect(made.definition.nodes.map((inner) => [inner.id, inner.position.x])).toEqual([
      ['add', 0],
      ['scale', 200],
    ]);
    expect(made.graph.nodes.map((n) => n.id)).toEqual(['x', 'y', 'k', 'calc']);
    expect(made.graph.nodes.at(-1)).toMatchObject({ model: componentModel('def1'), position: { x: 200, y: 0 } });
    expect(made.graph.edges.filter((edge) => edge.target === 'calc').map((edge) => `${edge.source}->${edge.field}`)).toEqual(['x->a', 'y->b', 'k->factor']);
  });

  it('gives one output port per inner output, however many wires leave it', () => {
    const made = makeComponent(graph(), ['x', 'y', 'add'], ids);
    expect(made.definition.outputs).toEqual([{ port: 'sum', node: 'add', output: 'sum' }]);
    expect(made.graph.edges).toContainEqual({ source: 'calc', output: 'sum', target: 'scale', field: 'value' });
  });

  it('refuses, in words, a selection that a wire leaves and comes back into', () => {
    expect(() => makeComponent(graph(), ['x', 'scale'], ids)).toThrow(/"add" takes a value from the selection and gives one back/);
  });

  it('refuses an empty selection and a component inside a component', () => {
    expect(() => makeComponent(graph(), [], ids)).toThrow(ComponentError);
    const made = makeComponent(graph(), ['add', 'scale'], ids);
    expect(() => makeComponent(made.graph, ['calc', 'x'], { ...ids, instanceId: 'outer' })).toThrow(/already a component; components inside components/);
  });
});

describe('flattenComponents', () => {
  it('compiles each inner node to a step with id <instance>/<inner>, wired through the ports', () => {
    const made = makeComponent(graph(), ['add', 'scale'], ids);
    const compiled = strict(flattenComponents(made.graph, { def1: made.definition }));
    const byId = Object.fromEntries(compiled.workflow.steps.map((step) => [step.id, step]));
    expect(Object.keys(byId).sort()).toEqual(['calc/add', 'calc/scale', 'k', 'x', 'y']);
    expect(byId['calc/add']?.inputs).toEqual({ 'x.value': 'a', 'y.value': 'b' });
    expect(byId['calc/scale']?.inputs).toEqual({ 'calc/add.sum': 'value', 'k.value': 'factor' });
  });

  it('keeps two instances of one definition apart (steps and slots)', () => {
    const made = makeComponent(graph(), ['add', 'scale'], ids);
    const second = { ...made.graph.nodes.at(-1)!, id: 'calc2', label: 'calc2' };
    const twice: WorkflowGraph = {
      ...made.graph,
      nodes: [...made.graph.nodes, second],
      edges: [...made.graph.edges, ...made.graph.edges.map((edge) => ({ ...edge, target: 'calc2' }))],
    };
    const steps = strict(flattenComponents(twice, { def1: made.definition })).workflow.steps;
    expect(steps.map((step) => step.id).filter((id) => id?.includes('/'))).toEqual(['calc/add', 'calc/scale', 'calc2/add', 'calc2/scale']);
    const slots = steps.flatMap((step) => Object.values(step.outputs));
    expect(new Set(slots).size).toBe(slots.length);
  });

  it('uses the library definition, so editing it changes every instance', () => {
    const made = makeComponent(graph(), ['add', 'scale'], ids);
    const edited = { ...made.definition, nodes: made.definition.nodes.map((n) => (n.id === 'scale' ? { ...n, model: 'math.add' } : n)) };
    const steps = strict(flattenComponents(made.graph, { def1: edited })).workflow.steps;
    expect(steps.find((step) => step.id === 'calc/scale')?.model).toBe('math.add');
  });

  it('names a missing definition and a nested component in words', () => {
    const made = makeComponent(graph(), ['add', 'scale'], ids);
    expect(() => flattenComponents(made.graph, {})).toThrow(/uses component "def1", which is not in this workspace's library/);
    const nested = { ...made.definition, nodes: [...made.definition.nodes, node('inner', componentModel('other'))] };
    expect(() => flattenComponents(made.graph, { def1: nested })).toThrow(/contains another component \("inner"\)/);
  });

  it('leaves a graph without instances as it is', () => {
    const g = graph();
    expect(flattenComponents(g, {})).toBe(g);
  });

  it('a cycle through an instance is refused in words by the compiler', () => {
    const made = makeComponent(graph(), ['add'], ids);
    const looped = { ...made.graph, edges: [...made.graph.edges, { source: 'scale', output: 'product', target: 'calc', field: 'a' }] };
    expect(() => strict(flattenComponents(looped, { def1: made.definition }))).toThrow(/The graph has a cycle: .*Remove one of its edges/);
  });
});

describe('expandInstance', () => {
  it('puts the inner nodes back as <instance>/<inner>, wired as before', () => {
    const made = makeComponent(graph(), ['add', 'scale'], ids);
    const library = { def1: made.definition };
    const expanded = expandInstance(made.graph, 'calc', library);
    expect(expanded.nodes.map((n) => n.id)).toEqual(['x', 'y', 'k', 'calc/add', 'calc/scale']);
    expect(expanded.nodes.find((n) => n.id === 'calc/scale')?.position).toEqual({ x: 400, y: 0 });
    // The expanded graph compiles to the same steps as the instance did, so the cache carries over.
    expect(strict(expanded).workflow.steps).toEqual(strict(flattenComponents(made.graph, library)).workflow.steps);
  });

  it('refuses an ordinary node or an unknown definition in words', () => {
    expect(() => expandInstance(graph(), 'add', {})).toThrow(/"add" is not a component/);
    const made = makeComponent(graph(), ['add', 'scale'], ids);
    expect(() => expandInstance(made.graph, 'calc', {})).toThrow(/not in this workspace's library, so "calc" cannot be expanded/);
  });
});

describe('an instance as the run panel and the canvas see it', () => {
  it('has the ports its border wires made', () => {
    const made = makeComponent(graph(), ['x', 'y', 'add'], ids);
    expect(componentPorts(made.definition)).toEqual({ inputs: [], outputs: ['sum'] });
  });

  it("groups a run's inner steps under their instance, in run order", () => {
    const steps = ['x', 'calc/add', 'k', 'calc/scale', 'other/thing'].map((key) => ({ key }));
    expect(groupStepsByInstance(steps, new Map([['calc', 'Calc']]))).toEqual([
      { kind: 'step', step: { key: 'x' } },
      { kind: 'component', instance: 'calc', label: 'Calc', steps: [{ key: 'calc/add' }, { key: 'calc/scale' }] },
      { kind: 'step', step: { key: 'k' } },
      { kind: 'step', step: { key: 'other/thing' } },
    ]);
  });
});
