/** Editing a component's definition in the graph store: its inner graph on the canvas, saved to the library, reaching every instance. */
import { describe, expect, it } from 'vitest';
import { COMPONENT_INPUTS_ID, COMPONENT_OUTPUTS_ID } from '../../src/format';
import { rowResult } from '../../src/store/run/selectors';
import { makeStudio, sharedWorkspace } from '../helpers/studio';

type Studio = ReturnType<typeof makeStudio>;
const statuses = (studio: Studio) => Object.fromEntries(studio.run.getState().steps.map((row) => [row.key, row.status]));
const result = (studio: Studio, key: string) => {
  const state = studio.run.getState();
  const row = state.steps.find((r) => r.key === key);
  return row && rowResult(state, row);
};

/** A studio with `add` and `multiply` of `(x + y) * k` made into a component, and a second instance wired alike. */
async function withTwoInstances(workspace = sharedWorkspace()()) {
  const studio = makeStudio({ workspace });
  await studio.start();
  const graph = () => studio.graph.getState();
  graph().createWorkflow('calc', 'arithmetic');
  graph().setViewNodes(
    graph().nodes.map((node) => ({ ...node, selected: ['add', 'multiply'].includes(node.id) })),
    'view',
  );
  graph().makeComponent();
  const definitionId = Object.keys(graph().components)[0]!;
  const second = graph().addComponent(definitionId, { x: 600, y: 400 });
  for (const [source, field] of [
    ['x', 'a'],
    ['y', 'b'],
    ['k', 'factor'],
  ] as const)
    graph().connect({ source, sourceHandle: 'value', target: second, targetHandle: field });
  return { studio, graph, definitionId, second };
}

const wires = (edges: { source: string; sourceHandle: string; target: string; targetHandle: string }[]) =>
  edges.map((e) => `${e.source}.${e.sourceHandle}→${e.target}.${e.targetHandle}`).sort();

describe('When a component instance is opened for editing', () => {
  it('the canvas shows its inner graph between the inputs and outputs nodes, whose wires are its ports', async () => {
    const { graph } = await withTwoInstances();
    expect(graph().editComponent('component')).toBe(true);
    expect(graph().editing?.instanceId).toBe('component');
    expect(graph().nodes.map((n) => n.id)).toEqual([COMPONENT_INPUTS_ID, 'add', 'multiply', COMPONENT_OUTPUTS_ID]);
    // No wire left multiply (the last step), so the component has no output port yet.
    expect(wires(graph().edges)).toEqual(
      [`${COMPONENT_INPUTS_ID}.a→add.a`, `${COMPONENT_INPUTS_ID}.b→add.b`, `${COMPONENT_INPUTS_ID}.factor→multiply.factor`, 'add.sum→multiply.value'].sort(),
    );
    graph().closeComponent();
    expect(graph().editing).toBeNull();
    expect(
      graph()
        .nodes.map((n) => n.id)
        .sort(),
    ).toEqual(['component', 'component-2', 'k', 'x', 'y']);
  });

  it('an edit inside is saved to the library and every instance runs it; unchanged inner steps are skipped', async () => {
    const { studio, graph, definitionId } = await withTwoInstances();
    await studio.run.getState().run();
    expect(result(studio, 'component-2/multiply')).toBe('20');
    graph().editComponent('component-2');
    // Replace the factor port by a param: delete the port's wire, then set the field.
    graph().setViewEdges(
      graph().edges.map((e) => ({ ...e, selected: e.target === 'multiply' && e.targetHandle === 'factor' })),
      'view',
    );
    graph().deleteSelection();
    graph().updateNodeParam('multiply', 'factor', 10);
    expect(graph().components[definitionId]?.inputs.map((i) => i.port)).toEqual(['a', 'b']);
    expect(graph().components[definitionId]?.nodes.find((n) => n.id === 'multiply')?.params).toEqual({ factor: 10 });
    expect(studio.workspace.getState()).toBeDefined();
    // Run from inside runs the workflow; the wires from k onto the gone port make it refuse, in words.
    await studio.run.getState().run();
    expect(studio.run.getState().alert?.message ?? '').toContain('has a wire on port "factor", which its component no longer has');
    graph().closeComponent();
    expect(graph().notice?.kind).toBe('warning');
    expect(graph().notice?.title).toBe(
      'The edit of "Component 1" removed port "factor", which 2 wires use. They are kept, marked on the nodes: delete them, or wire "factor" again inside the component.',
    );
    expect(graph().notice?.items.map((i) => i.message)).toEqual(['"k" → "Component 1".factor', '"k" → "Component 1 (2)".factor']);
    expect(graph().edges.filter((e) => e.targetHandle === 'factor')).toHaveLength(2);
    graph().deleteNodes(['k']);
    expect(graph().notice).toBeNull();
    await studio.run.getState().run();
    expect(statuses(studio)).toMatchObject({
      'component/add': 'skipped',
      'component/multiply': 'ran',
      'component-2/add': 'skipped',
      'component-2/multiply': 'ran',
    });
    expect(result(studio, 'component/multiply')).toBe('50');
    await studio.run.getState().run();
    expect(new Set(Object.values(statuses(studio)))).toEqual(new Set(['skipped']));
  });

  it('undo works inside the definition, on its own history, and the workflow keeps its own', async () => {
    const { graph, definitionId } = await withTwoInstances();
    graph().editComponent('component');
    expect(graph().canUndo).toBe(false);
    graph().updateNodeParam('multiply', 'factor', 3);
    graph().deleteNodes(['add']);
    expect(graph().components[definitionId]?.nodes.map((n) => n.id)).toEqual(['multiply']);
    graph().undo();
    expect(graph().components[definitionId]?.nodes.map((n) => n.id)).toEqual(['add', 'multiply']);
    expect(graph().components[definitionId]?.inputs.map((i) => i.port)).toEqual(['a', 'b', 'factor']);
    graph().redo();
    expect(graph().components[definitionId]?.nodes.map((n) => n.id)).toEqual(['multiply']);
    graph().undo();
    graph().closeComponent();
    // Back on the workflow, undo takes back the wiring of the second instance, not the definition's edits.
    graph().undo();
    expect(graph().edges.filter((e) => e.target === 'component-2')).toHaveLength(2);
    expect(graph().components[definitionId]?.nodes.find((n) => n.id === 'multiply')?.params).toEqual({ factor: 3 });
  });

  it('boundary nodes are not deleted, a wire to "+" adds a port, and the edited definition survives a reload', async () => {
    const open = sharedWorkspace();
    const { studio, graph, definitionId } = await withTwoInstances(open());
    graph().editComponent('component');
    graph().deleteNodes([COMPONENT_INPUTS_ID]);
    expect(graph().nodes.some((n) => n.id === COMPONENT_INPUTS_ID)).toBe(true);
    expect(graph().connect({ source: 'add', sourceHandle: 'sum', target: COMPONENT_OUTPUTS_ID, targetHandle: '+' })).toBe(true);
    expect(graph().components[definitionId]?.outputs.map((o) => o.port)).toEqual(['sum']);
    expect(graph().nodes.find((n) => n.id === COMPONENT_OUTPUTS_ID)?.data.missingPorts?.inputs).toEqual(['sum', '+']);
    expect(graph().edges.some((e) => e.target === COMPONENT_OUTPUTS_ID && e.targetHandle === 'sum')).toBe(true);
    // Components cannot nest: placing one inside is refused in words.
    expect(graph().addComponent(definitionId, { x: 0, y: 0 })).toBe('');
    expect(graph().notice?.title).toContain('Components cannot go inside a component');
    // Notes and groups belong to the workflow: refused inside, so none is lost on the way back.
    expect(graph().addNote({ x: 0, y: 0 })).toBe('');
    expect(graph().annotations).toEqual([]);
    expect(graph().notice?.title).toContain('Notes and groups belong to the workflow');
    await studio.workspace.getState().flush?.();
    studio.dispose();

    const again = makeStudio({ workspace: open() });
    await again.start();
    expect(again.graph.getState().editing).toBeNull();
    expect(again.graph.getState().components[definitionId]?.outputs.map((o) => o.port)).toEqual(['sum']);
    expect(
      again.graph
        .getState()
        .nodes.map((n) => n.id)
        .sort(),
    ).toEqual(['component', 'component-2', 'k', 'x', 'y']);
  });
});

describe('When a library component is deleted', () => {
  it('its uses are counted for the question, and it leaves the library', async () => {
    const { graph, definitionId } = await withTwoInstances();
    expect(graph().componentUses(definitionId)).toEqual([{ workflow: 'calc', count: 2 }]);
    graph().deleteLibraryComponent(definitionId);
    expect(graph().components).toEqual({});
    expect(graph().notice?.title).toBe('Deleted component "Component 1" from the library; its 2 instances stay, shown as missing until deleted.');
  });
});
