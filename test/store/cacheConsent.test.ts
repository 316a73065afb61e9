/**
 * The editor and the cache (issue 11): an imported file's cached results are used only once the
 * person says so; the Always run switch; rows that say why a step was not cached; a step whose
 * output cannot be stored ends the run in words.
 */
import { beforeEach, describe, expect, it } from 'vitest';
import { importCacheQuestion } from '../../src/store/graph';
import { stepOutcome } from '../../src/store/run';
import { nodeFace } from '../../src/ui/canvas/nodeFace';
import { makeStudio } from '../helpers/studio';

let studio = makeStudio();
beforeEach(async () => {
  studio = makeStudio();
  await studio.start();
});
const graph = () => studio.graph.getState();
const run = () => studio.run.getState();
const rows = () => run().steps.map((row) => [row.key, row.status, row.reason]);
const slotPreview = (name: string) => run().lastState?.slots.find((slot) => slot.name === name)?.preview;

/** 2 + 3, with a forged cached output for the sum (999), as a file an attacker could hand out. */
const forgedFile = () =>
  JSON.stringify({
    format: 'swark.workflow',
    version: 2,
    name: 'Forged sum',
    workflow: {
      steps: [
        { id: 'x', model: 'input.number', inputs: {}, outputs: { value: 'x.value' }, params: { value: 2 } },
        { id: 'y', model: 'input.number', inputs: {}, outputs: { value: 'y.value' }, params: { value: 3 } },
        { id: 'add', model: 'math.add', inputs: { 'x.value': 'a', 'y.value': 'b' }, outputs: { sum: 'add.sum' } },
      ],
      modelInputs: { add: { model: null, version: null, value: { a: 2, b: 3 } }, nowhere: { model: null, version: null, value: 1 } },
      modelOutputs: { add: { model: null, version: null, value: { sum: 999 } }, nowhere: { model: null, version: null, value: 1 } },
    },
  });

/** Starts an import and waits until it asks its question; `imported` settles once it is answered. */
async function importAndWaitForQuestion(text: string): Promise<{ imported: Promise<string | null> }> {
  const before = graph().importedCache;
  const imported = graph().importWorkflow(text);
  for (let i = 0; i < 200 && graph().importedCache === before; i++) await new Promise((resolve) => setTimeout(resolve, 5));
  if (!graph().importedCache) throw new Error('the import asked nothing');
  return { imported };
}

describe('A file bringing cached results', () => {
  it('asks first, counting the steps its results are for, and opens nothing until answered', async () => {
    const before = studio.workspace.getState().workflows.length;
    const { imported } = await importAndWaitForQuestion(forgedFile());
    expect(graph().importedCache).toEqual({ name: 'Forged sum', stepCount: 1 });
    expect(importCacheQuestion(1)).toBe('This file brings cached results for 1 step: use them, or recompute?');
    expect(studio.workspace.getState().workflows.length).toBe(before);
    graph().answerImportedCache(false);
    expect(await imported).not.toBeNull();
    expect(graph().importedCache).toBeNull();
  });

  it('recompute: drops them, and the run computes 2 + 3 = 5', async () => {
    const { imported } = await importAndWaitForQuestion(forgedFile());
    graph().answerImportedCache(false);
    const id = await imported;
    expect(graph().notice?.items.map((item) => item.message)).toContain('Its cached results for 1 step were dropped: every step runs on the first run.');
    expect(await studio.ports.getExtracts(id as string)).toEqual([]);
    await run().run();
    expect(rows()).toEqual([
      ['x', 'ran', 'nothing cached to reuse'],
      ['y', 'ran', 'nothing cached to reuse'],
      ['add', 'ran', 'nothing cached to reuse'],
    ]);
    expect(slotPreview('add.sum')).toBe('5');
  });

  it('use them: the step is skipped on the imported result, and its row says so', async () => {
    const { imported } = await importAndWaitForQuestion(forgedFile());
    graph().answerImportedCache(true);
    const id = (await imported) as string;
    const stored = await studio.ports.getExtracts(id);
    expect(stored.map((entry) => [entry.stepKey, entry.output.origin, entry.output.value])).toEqual([['add', 'imported', { sum: 999 }]]);
    await run().run();
    expect(rows()).toEqual([
      ['x', 'ran', 'nothing cached to reuse'],
      ['y', 'ran', 'nothing cached to reuse'],
      ['add', 'skipped', 'imported result'],
    ]);
    expect(slotPreview('add.sum')).toBe('999');
    // Its node says so as its row does; a step skipped on its own cache does not.
    const line = (key: string) => nodeFace(stepOutcome(run(), key), null).line?.text;
    expect(line('add')).toBe('skipped · imported result');
    // Once the step runs, its own result replaces the imported one.
    run().clearCache('add');
    await run().run();
    await run().run();
    expect(rows().find(([key]) => key === 'add')).toEqual(['add', 'skipped', 'cached']);
    expect(line('add')).toBe('skipped (cached)');
    expect(slotPreview('add.sum')).toBe('5');
  });

  it('is asked once per file: a second import of another file answers the first as recompute', async () => {
    const { imported: first } = await importAndWaitForQuestion(forgedFile());
    const { imported: second } = await importAndWaitForQuestion(forgedFile().replace('Forged sum', 'Second'));
    const firstId = (await first) as string;
    expect(await studio.ports.getExtracts(firstId)).toEqual([]);
    expect(graph().importedCache?.name).toBe('Second');
    graph().answerImportedCache(true);
    expect((await studio.ports.getExtracts((await second) as string)).length).toBe(1);
  });

  it('without cached results imports at once, asking nothing', async () => {
    const plain = JSON.parse(forgedFile()) as { workflow: Record<string, unknown> };
    delete plain.workflow.modelInputs;
    delete plain.workflow.modelOutputs;
    expect(await graph().importWorkflow(JSON.stringify(plain))).not.toBeNull();
    expect(graph().importedCache).toBeNull();
  });
});

describe('The Always run switch', () => {
  it('is undoable, saved with the workflow, and makes the step run every time', async () => {
    graph().createWorkflow('always', 'arithmetic');
    await run().run();
    graph().setNodeAlwaysRun('add', true);
    expect(graph().nodes.find((node) => node.id === 'add')?.data.deterministic).toBe(false);
    expect(studio.ports.getWorkflow(graph().activeWorkflowId as string)?.workflow.steps.find((step) => step.id === 'add')?.deterministic).toBe(false);
    await run().run();
    expect(run().steps.find((row) => row.key === 'add')).toMatchObject({ status: 'ran', reason: 'always run' });
    expect(run().steps.find((row) => row.key === 'multiply')?.status).toBe('skipped');
    graph().undo();
    expect(graph().nodes.find((node) => node.id === 'add')?.data).not.toHaveProperty('deterministic');
    await run().run();
    expect(run().steps.find((row) => row.key === 'add')?.status).toBe('skipped');
    graph().redo();
    graph().setNodeAlwaysRun('add', false);
    expect(graph().nodes.find((node) => node.id === 'add')?.data).not.toHaveProperty('deterministic');
  });

  it('shows in the preview as "will run: always run"', async () => {
    graph().createWorkflow('always preview', 'arithmetic');
    await run().run();
    graph().setNodeAlwaysRun('x', true);
    run().refreshPreview();
    for (let i = 0; i < 100 && run().previewByStep.x?.willSkip !== false; i++) await new Promise((resolve) => setTimeout(resolve, 5));
    expect(run().previewByStep.x).toEqual({ verdict: 'will-run', willSkip: false, reason: 'will run: always run' });
  });
});

describe('A code node in the editor', () => {
  /** One JavaScript node with `code`, trusted (made here, not imported). */
  function codeWorkflow(code: string) {
    graph().createWorkflow('code');
    const id = graph().addNode('code.javascript', { x: 0, y: 0 });
    graph().updateNodeParam(id, 'code', code);
    return id;
  }

  it('that read Math.random() runs every time, its row saying why, with a new value each run', async () => {
    const id = codeWorkflow('return Math.random();');
    await run().run();
    const first = slotPreview(`${id}.result`);
    expect(rows()).toEqual([[id, 'ran', 'not cached: read Math.random()']]);
    await run().run();
    expect(rows()).toEqual([[id, 'ran', 'not cached: read Math.random()']]);
    expect(slotPreview(`${id}.result`)).not.toBe(first);
    expect(run().cache[id]).toBeUndefined();
  });

  it('that returns a function fails in words, and the run ends with nothing cached', async () => {
    const id = codeWorkflow('return () => 1;');
    await run().run();
    expect(run().phase).toBe('idle');
    expect(rows()).toEqual([[id, 'error', null]]);
    expect(run().steps[0]?.error).toBe('the returned value is a function, which cannot be stored; return data (numbers, text, lists, objects, tables)');
    expect(run().alert?.message).toContain('the returned value is a function');
    expect(run().cache[id]).toBeUndefined();
  });
});
