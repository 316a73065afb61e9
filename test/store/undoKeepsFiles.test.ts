/** A file replaced in a node stays stored while an undo could bring it back; after a reload it goes. */
import { describe, expect, it } from 'vitest';
import { storedFileJson } from '../../src/engine';
import type { Workspace } from '../../src/persistence/workspace';
import { makeStudio, sharedWorkspace } from '../helpers/studio';

const OLD = 'city,sales\nOslo,12\n';
const NEW = 'city,sales\nLima,7\n';

/**
 * Saves enough times for the kept snapshots to hold only the current graph, each save also
 * collecting garbage (a cleared cache asks for that), as a long session after the edit does.
 */
async function saveUntilCollected(studio: ReturnType<typeof makeStudio>, workspace: Workspace): Promise<void> {
  for (let round = 0; round < 4; round++) {
    studio.graph.getState().addNode('input.number', { x: 300, y: round * 100 });
    workspace.clearExtracts(studio.graph.getState().activeWorkflowId as string);
    await studio.workspace.getState().flush();
  }
}

const fileParam = (hash: string, text: string) => storedFileJson({ name: 'sales.csv', size: text.length, hash, mediaType: 'text/csv' });

describe('After "Replace…" on a stored file', () => {
  it('keeps the old file through saves while undo can restore it, and lets it go once no history holds it', async () => {
    const open = sharedWorkspace();
    const workspace = open();
    const studio = makeStudio({ workspace });
    await studio.start();
    const graph = () => studio.graph.getState();
    graph().createWorkflow('sales');
    const csv = graph().addNode('input.csv', { x: 0, y: 0 });
    const oldRef = workspace.storeFileText(OLD);
    graph().updateNodeParam(csv, 'text', fileParam(oldRef, OLD));
    await studio.workspace.getState().flush();

    // A different edit between the two, so they are two undo points (edits to one field coalesce).
    expect(graph().setNodeLabel(csv, 'Sales')).toBeNull();
    const newRef = workspace.storeFileText(NEW);
    graph().updateNodeParam(csv, 'text', fileParam(newRef, NEW));
    // Now the old file is only in the undo history.
    await saveUntilCollected(studio, workspace);
    expect(await workspace.fileText(oldRef)).toBe(OLD);

    for (let step = 0; step < 5; step++) graph().undo();
    expect(graph().nodes.find((node) => node.id === csv)?.data.params.text).toEqual(fileParam(oldRef, OLD));
    expect(await workspace.fileText(oldRef)).toBe(OLD);

    // Redo to the new file, reload (no history), and edit: now nothing holds the old file.
    for (let step = 0; step < 5; step++) graph().redo();
    await studio.workspace.getState().flush();
    studio.dispose();
    const reloadedWorkspace = open();
    const reloaded = makeStudio({ workspace: reloadedWorkspace });
    await reloaded.start();
    expect(reloaded.graph.getState().nodes.find((node) => node.id === csv)?.data.params.text).toEqual(fileParam(newRef, NEW));
    await saveUntilCollected(reloaded, reloadedWorkspace);
    expect(await reloadedWorkspace.fileText(newRef)).toBe(NEW);
    await expect(reloadedWorkspace.fileText(oldRef)).rejects.toThrow();
  });
});
