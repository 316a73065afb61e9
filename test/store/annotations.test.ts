/** Notes and groups: undoable edits, a group moving the nodes inside it, and both kept through a reload and an export. */
import { describe, expect, it } from 'vitest';
import { membersOf } from '../../src/store/graph/annotations';
import { makeStudio, sharedWorkspace } from '../helpers/studio';

async function startedStudio(workspace = sharedWorkspace()()) {
  const studio = makeStudio({ workspace });
  await studio.start();
  return studio;
}

const positionOf = (studio: ReturnType<typeof makeStudio>, id: string) => studio.graph.getState().nodes.find((n) => n.id === id)?.position;

describe('When a note is added and written', () => {
  it('typing is one undo point, and undo removes the note after', async () => {
    const studio = await startedStudio();
    const graph = () => studio.graph.getState();
    graph().createWorkflow('sum', 'arithmetic');
    const id = graph().addNote({ x: 10, y: 20 });
    graph().setAnnotationText(id, '# Read');
    graph().setAnnotationText(id, '# Read me');
    expect(graph().annotations).toEqual([expect.objectContaining({ id, kind: 'note', x: 10, y: 20, text: '# Read me' })]);
    graph().undo();
    expect(graph().annotations[0]?.text).toBe('');
    graph().undo();
    expect(graph().annotations).toEqual([]);
    graph().redo();
    expect(graph().annotations).toHaveLength(1);
  });

  it('the compiled workflow has no trace of it', async () => {
    const studio = await startedStudio();
    const graph = () => studio.graph.getState();
    graph().createWorkflow('sum', 'arithmetic');
    const before = graph().compileActive().workflow;
    graph().addNote({ x: 0, y: 0 });
    expect(graph().compileActive().workflow).toEqual(before);
  });
});

describe('When the selection is grouped (Ctrl+G)', () => {
  it('the group frames the selected nodes and moves them with it; a node outside stays', async () => {
    const studio = await startedStudio();
    const graph = () => studio.graph.getState();
    graph().createWorkflow('sum', 'arithmetic');
    const [first, second, ...rest] = graph().nodes;
    if (!first || !second || !rest.length) throw new Error('the template has fewer than three nodes');
    graph().setViewNodes(
      graph().nodes.map((n) => ({ ...n, selected: n.id === first.id || n.id === second.id })),
      'view',
    );
    const id = graph().groupSelection();
    if (!id) throw new Error('no group made');
    const group = graph().annotations.find((a) => a.id === id);
    if (!group) throw new Error('the group is not kept');
    const members = membersOf(group, graph().nodes);
    expect(members.sort()).toEqual([first.id, second.id].sort());
    const outside = rest.find((n) => !members.includes(n.id));
    const outsideAt = outside && positionOf(studio, outside.id);
    const firstAt = positionOf(studio, first.id);

    graph().moveAnnotation(id, { x: group.x + 100, y: group.y + 50 }, members);
    expect(positionOf(studio, first.id)).toEqual({ x: (firstAt?.x ?? 0) + 100, y: (firstAt?.y ?? 0) + 50 });
    if (outside) expect(positionOf(studio, outside.id)).toEqual(outsideAt);
    graph().undo();
    expect(positionOf(studio, first.id)).toEqual(firstAt);
  });

  it('with nothing selected, makes no group', async () => {
    const studio = await startedStudio();
    studio.graph.getState().createWorkflow('sum', 'arithmetic');
    expect(studio.graph.getState().groupSelection()).toBeNull();
    expect(studio.graph.getState().annotations).toEqual([]);
  });

  it('deleting the group keeps its nodes unless asked to delete them too', async () => {
    const studio = await startedStudio();
    const graph = () => studio.graph.getState();
    graph().createWorkflow('sum', 'arithmetic');
    graph().selectAll();
    const count = graph().nodes.length;
    const id = graph().groupSelection() as string;
    graph().deleteAnnotation(id);
    expect(graph().annotations).toEqual([]);
    expect(graph().nodes).toHaveLength(count);
    graph().undo();
    graph().deleteAnnotation(id, { withNodes: true });
    expect(graph().nodes).toHaveLength(0);
    expect(graph().edges).toHaveLength(0);
  });
});

describe('A workflow with a note and a group', () => {
  it('has both after a reload', async () => {
    const open = sharedWorkspace();
    const studio = await startedStudio(open());
    const graph = () => studio.graph.getState();
    graph().createWorkflow('sum', 'arithmetic');
    const note = graph().addNote({ x: 5.4, y: 6 });
    graph().setAnnotationText(note, 'Adds *x* and *y*');
    graph().selectAll();
    graph().groupSelection();
    const kept = graph().annotations.map((a) => ({ ...a, x: Math.round(a.x), y: Math.round(a.y) }));
    await studio.workspace.getState().flush();
    studio.dispose();

    const reloaded = await startedStudio(open());
    expect(reloaded.graph.getState().annotations).toEqual(kept);
  });

  it('exports both, and imports them back', async () => {
    const studio = await startedStudio();
    const graph = () => studio.graph.getState();
    graph().createWorkflow('sum', 'arithmetic');
    graph().setAnnotationText(graph().addNote({ x: 0, y: 0 }), 'Hello');
    graph().selectAll();
    graph().groupSelection();
    const kept = graph().annotations;
    const file = JSON.parse(graph().exportWorkflow().text) as { annotations: unknown[] };
    expect(file.annotations).toHaveLength(2);
    expect(await graph().importWorkflow(JSON.stringify(file))).not.toBeNull();
    expect(graph().annotations).toEqual(kept);
  });
});
