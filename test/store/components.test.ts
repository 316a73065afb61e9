/** Components in the graph store: make from the selection, place from the library, run as inner steps, expand; kept through a reload and an export. */
import { describe, expect, it } from 'vitest';
import { rowResult } from '../../src/store/run/selectors';
import { makeStudio, sharedWorkspace } from '../helpers/studio';

const statuses = (studio: ReturnType<typeof makeStudio>) => Object.fromEntries(studio.run.getState().steps.map((row) => [row.key, row.status]));

async function startedStudio(workspace = sharedWorkspace()()) {
  const studio = makeStudio({ workspace });
  await studio.start();
  return studio;
}

function select(studio: ReturnType<typeof makeStudio>, ids: string[]) {
  const graph = studio.graph.getState();
  graph.setViewNodes(
    graph.nodes.map((node) => ({ ...node, selected: ids.includes(node.id) })),
    'view',
  );
}

describe('When two nodes are made into a component', () => {
  it('one instance takes their place, wired at its border, in one undo point', async () => {
    const studio = await startedStudio();
    const graph = () => studio.graph.getState();
    graph().createWorkflow('calc', 'arithmetic');
    select(studio, ['add', 'multiply']);
    const id = graph().makeComponent();
    expect(id).toBe('component');
    expect(
      graph()
        .nodes.map((n) => n.id)
        .sort(),
    ).toEqual(['component', 'k', 'x', 'y']);
    expect(
      graph()
        .edges.map((e) => `${e.source}.${e.sourceHandle}→${e.target}.${e.targetHandle}`)
        .sort(),
    ).toEqual(['k.value→component.factor', 'x.value→component.a', 'y.value→component.b']);
    expect(Object.values(graph().components).map((c) => c.name)).toEqual(['Component 1']);
    graph().undo();
    expect(
      graph()
        .nodes.map((n) => n.id)
        .sort(),
    ).toEqual(['add', 'k', 'multiply', 'x', 'y']);
  });

  it('refuses fewer than two nodes in words', async () => {
    const studio = await startedStudio();
    const graph = () => studio.graph.getState();
    graph().createWorkflow('calc', 'arithmetic');
    select(studio, ['add']);
    expect(graph().makeComponent()).toBeNull();
    expect(graph().notice?.title).toBe('Select two or more nodes to make a component (Shift+click or drag a box around them).');
  });

  it('runs as inner steps <instance>/<inner>, cached one by one (a second run skips), twice from the library, and expands back', async () => {
    const studio = await startedStudio();
    const graph = () => studio.graph.getState();
    graph().createWorkflow('calc', 'arithmetic');
    select(studio, ['add', 'multiply']);
    graph().makeComponent();
    const definition = Object.keys(graph().components)[0]!;
    const second = graph().addComponent(definition, { x: 600, y: 300 });
    expect(second).toBe('component-2');
    expect(graph().connect({ source: 'x', sourceHandle: 'value', target: second, targetHandle: 'a' })).toBe(true);
    expect(graph().connect({ source: 'k', sourceHandle: 'value', target: second, targetHandle: 'b' })).toBe(true);
    expect(graph().connect({ source: 'y', sourceHandle: 'value', target: second, targetHandle: 'factor' })).toBe(true);
    const steps = graph()
      .compileActive()
      .workflow.steps.map((s) => s.id);
    expect(steps).toEqual(expect.arrayContaining(['component/add', 'component/multiply', 'component-2/add', 'component-2/multiply']));

    await studio.run.getState().run();
    expect(statuses(studio)).toMatchObject({ 'component/add': 'ran', 'component/multiply': 'ran', 'component-2/add': 'ran', 'component-2/multiply': 'ran' });
    const product = (key: string) => {
      const state = studio.run.getState();
      const row = state.steps.find((r) => r.key === key);
      return row && rowResult(state, row);
    };
    expect([product('component/multiply'), product('component-2/multiply')]).toEqual(['20', '18']);
    await studio.run.getState().run();
    expect(new Set(Object.values(statuses(studio)))).toEqual(new Set(['skipped']));

    expect(graph().expandComponent('component')).toBe(true);
    expect(graph().nodes.map((n) => n.id)).toEqual(expect.arrayContaining(['component/add', 'component/multiply']));
    // Expanded nodes keep the inner steps' ids, so their cache still holds.
    await studio.run.getState().run();
    expect(statuses(studio)['component/add']).toBe('skipped');
  });

  it('the library and the instance survive a reload, and an export carries them', async () => {
    const open = sharedWorkspace();
    const studio = await startedStudio(open());
    studio.graph.getState().createWorkflow('calc', 'arithmetic');
    select(studio, ['add', 'multiply']);
    studio.graph.getState().makeComponent();
    await studio.workspace.getState().flush?.();
    const exported = JSON.parse(studio.graph.getState().exportWorkflow().text) as { version: number; components: object; instances: object };
    expect(Object.keys(exported.instances)).toEqual(['component']);
    expect(Object.values(exported.components).map((c: { name: string }) => c.name)).toEqual(['Component 1']);
    studio.dispose();

    const again = await startedStudio(open());
    const graph = again.graph.getState();
    expect(Object.values(graph.components).map((c) => c.name)).toEqual(['Component 1']);
    expect(graph.nodes.find((n) => n.id === 'component')?.data).not.toHaveProperty('missingPorts');
    expect(graph.edges.filter((e) => e.target === 'component')).toHaveLength(3);
  });
});

describe('When a file with components is imported', () => {
  it('its definitions join the library and its instances open with their ports', async () => {
    const source = await startedStudio();
    source.graph.getState().createWorkflow('calc', 'arithmetic');
    select(source, ['add', 'multiply']);
    source.graph.getState().makeComponent();
    const text = source.graph.getState().exportWorkflow().text;

    const studio = await startedStudio();
    const graph = () => studio.graph.getState();
    expect(await graph().importWorkflow(text)).not.toBeNull();
    expect(Object.values(graph().components).map((c) => c.name)).toEqual(['Component 1']);
    expect(graph().nodes.find((n) => n.id === 'component')?.data).not.toHaveProperty('missingPorts');
    expect(graph().edges.filter((e) => e.target === 'component')).toHaveLength(3);
    expect(
      graph()
        .compileActive()
        .workflow.steps.map((s) => s.id),
    ).toEqual(expect.arrayContaining(['component/add', 'component/multiply']));
  });
});
