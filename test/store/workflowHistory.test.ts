/** Undo per workflow, a bypass toggle as an undo point, and the workflow open before a reload opening again. */
import { describe, expect, it } from 'vitest';
import { makeStudio, sharedWorkspace } from '../helpers/studio';

async function startedStudio(workspace = sharedWorkspace()()) {
  const studio = makeStudio({ workspace });
  await studio.start();
  return studio;
}

const bypassed = (studio: ReturnType<typeof makeStudio>, id: string) => studio.graph.getState().nodes.find((node) => node.id === id)?.data.bypassed === true;

describe('When a node is bypassed', () => {
  it('the toggle is one undo point, redone by redo, and reaches the compiled step', async () => {
    const studio = await startedStudio();
    const graph = () => studio.graph.getState();
    graph().createWorkflow('sum', 'arithmetic');
    graph().selectNode('add');
    expect(graph().toggleBypass()).toBe(true);
    expect(bypassed(studio, 'add')).toBe(true);
    expect(
      graph()
        .compileActive()
        .workflow.steps.find((step) => step.id === 'add')?.bypassed,
    ).toBe(true);
    graph().undo();
    expect(bypassed(studio, 'add')).toBe(false);
    expect(
      graph()
        .compileActive()
        .workflow.steps.find((step) => step.id === 'add'),
    ).not.toHaveProperty('bypassed');
    graph().redo();
    expect(bypassed(studio, 'add')).toBe(true);
  });

  it('toggling several bypasses them all, and lifts it only when all are bypassed', async () => {
    const studio = await startedStudio();
    const graph = () => studio.graph.getState();
    graph().createWorkflow('sum', 'arithmetic');
    graph().toggleBypass(['add']);
    graph().toggleBypass(['add', 'multiply']);
    expect([bypassed(studio, 'add'), bypassed(studio, 'multiply')]).toEqual([true, true]);
    graph().toggleBypass(['add', 'multiply']);
    expect([bypassed(studio, 'add'), bypassed(studio, 'multiply')]).toEqual([false, false]);
    graph().selectNode(null);
    expect(graph().toggleBypass()).toBe(false);
  });
});

describe('When workflows are switched', () => {
  it('each keeps its own undo and redo history', async () => {
    const studio = await startedStudio();
    const graph = () => studio.graph.getState();
    const first = graph().createWorkflow('first', 'arithmetic');
    graph().toggleBypass(['add']);
    graph().toggleBypass(['multiply']);
    graph().undo();
    expect(graph().canRedo).toBe(true);
    const second = graph().createWorkflow('second', 'arithmetic');
    expect([graph().canUndo, graph().canRedo]).toEqual([false, false]);
    graph().toggleBypass(['x']);

    expect(graph().openWorkflow(first)).toBe(true);
    expect([graph().canUndo, graph().canRedo]).toEqual([true, true]);
    graph().redo();
    expect(bypassed(studio, 'multiply')).toBe(true);
    graph().undo();
    graph().undo();
    expect(bypassed(studio, 'add')).toBe(false);
    expect(graph().canUndo).toBe(false);

    graph().openWorkflow(second);
    expect(bypassed(studio, 'x')).toBe(true);
    graph().undo();
    expect(bypassed(studio, 'x')).toBe(false);
  });

  it('a deleted workflow takes its history with it', async () => {
    const studio = await startedStudio();
    const graph = () => studio.graph.getState();
    const first = graph().createWorkflow('first', 'arithmetic');
    graph().toggleBypass(['add']);
    graph().createWorkflow('second');
    graph().deleteWorkflow(first);
    expect(graph().canUndo).toBe(false);
  });
});

describe('After a reload', () => {
  it('the workflow that was open opens, not the one edited last', async () => {
    const open = sharedWorkspace();
    const studio = await startedStudio(open());
    const graph = () => studio.graph.getState();
    const looked = graph().createWorkflow('looked at', 'arithmetic');
    const edited = graph().createWorkflow('edited last', 'arithmetic');
    graph().toggleBypass(['add']);
    graph().openWorkflow(looked);
    await studio.workspace.getState().flush();
    studio.dispose();

    const reloaded = await startedStudio(open());
    expect(reloaded.ports.listWorkflows()[0]?.id).toBe(edited);
    expect(reloaded.graph.getState().activeWorkflowId).toBe(looked);
  });

  it('deleting the open workflow remembers the one opened instead', async () => {
    const open = sharedWorkspace();
    const studio = await startedStudio(open());
    const graph = () => studio.graph.getState();
    const kept = graph().createWorkflow('kept', 'arithmetic');
    const gone = graph().createWorkflow('gone', 'arithmetic');
    graph().openWorkflow(gone);
    graph().deleteWorkflow(gone);
    await studio.workspace.getState().flush();
    studio.dispose();
    const reloaded = await startedStudio(open());
    expect(reloaded.graph.getState().activeWorkflowId).toBe(kept);
  });
});
