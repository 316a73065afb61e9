import { describe, expect, it } from 'vitest';
import { References, State, Workflow, hashValue } from '../../src/engine';
import { createWorkspaceResolver, listTemplates, parseWorkspaceRef, savedStateRef, workspaceRef } from '../../src/apps';
import { openWorkspaceDatabase } from '../../src/persistence/workspaceDb';

/** A real workspace database holding the arithmetic template under `name`, run once. */
async function workspaceWithArithmetic(name: string) {
  const workspace = await openWorkspaceDatabase();
  const template = listTemplates().find((entry) => entry.ref === 'app://arithmetic/workflows/xyk');
  if (!template) throw new Error('the arithmetic template is missing');
  workspace.saveWorkflow({ id: 'wf-1', name, workflow: template.workflow, layout: template.layout, state: template.state, createdAt: 1, updatedAt: 1 });
  const workflow = Workflow.fromJSON(template.workflow);
  const state = State.fromJSON({ mutable: false, values: template.state });
  await workflow.run(state);
  workspace.replaceExtracts(
    'wf-1',
    [...workflow.modelInputs].map(([stepKey, input]) => ({
      stepKey,
      input,
      output: workflow.modelOutputs.get(stepKey) ?? input,
      inputHash: hashValue(input.value),
    })),
  );
  workspace.putLastState('wf-1', state.toJSON());
  const refs = new References();
  refs.register('workspace', createWorkspaceResolver(workspace));
  return { workspace, refs };
}

describe('workspace:// references', () => {
  it('resolve a saved workflow with its cached extracts, so a run skips every step', async () => {
    const { refs } = await workspaceWithArithmetic('my sums');
    const workflow = (await refs.resolve(workspaceRef('workflows', 'my sums'))) as Workflow;
    const state = (await refs.resolve(workspaceRef('states', 'my sums'))) as State;
    expect(state.toObject()).toEqual({ x: 1, y: 2, k: 3 });
    expect(await workflow.run(state)).toEqual({ result: 9 });
    expect(workflow.stepsSkipped).toEqual([0, 1]);
  });

  it('read the workspace afresh on every call', async () => {
    const { refs, workspace } = await workspaceWithArithmetic('fresh');
    const first = await refs.resolve('workspace://states/fresh');
    const record = workspace.getWorkflow('wf-1');
    if (!record) throw new Error('saved workflow missing');
    workspace.saveWorkflow({ ...record, state: { x: 10, y: 2, k: 3 }, updatedAt: 2 });
    const second = (await refs.resolve('workspace://states/fresh')) as State;
    expect(second).not.toBe(first);
    expect(second.extract('x')).toBe(10);
  });

  it('give the last run state with #last', async () => {
    const { refs } = await workspaceWithArithmetic('with last');
    const last = (await refs.resolve('workspace://states/with%20last#last')) as State;
    expect(last.toObject()).toEqual({ x: 1, y: 2, k: 3, sum: 3, result: 9 });
  });

  it('accept the workflow id as well as its name', async () => {
    const { refs } = await workspaceWithArithmetic('by id');
    expect(await refs.resolve('workspace://workflows/wf-1')).toBeInstanceOf(Workflow);
  });

  it.each([
    ['workspace://workflows/nothing', /the workspace has no workflow named "nothing" \(it has: "sums"\)/],
    ['workspace://states/sums#first', /unknown state "#first"; the only one is #last/],
    ['workspace://workflows/sums#last', /workflow references take no "#" part/],
    ['workspace://models/sums', /"models" is not a workspace folder/],
    ['workspace://workflows', /a workspace reference looks like workspace:\/\/workflows\/<name>/],
  ])('name what is wrong with %s', async (ref, message) => {
    const { refs } = await workspaceWithArithmetic('sums');
    await expect(refs.resolve(ref)).rejects.toThrow(message);
    await expect(refs.resolve(ref)).rejects.toThrow(`"${ref}"`);
  });

  it('say when a workflow has no last state yet', async () => {
    const workspace = await openWorkspaceDatabase();
    const template = listTemplates()[0];
    if (!template) throw new Error('no templates');
    workspace.saveWorkflow({ id: 'w', name: 'never run', workflow: template.workflow, layout: {}, state: template.state, createdAt: 1, updatedAt: 1 });
    const resolve = createWorkspaceResolver(workspace);
    await expect(resolve('workspace://states/never%20run#last')).rejects.toThrow(/has not been run yet, so it has no last state/);
  });

  it('parse names with percent-encoding', () => {
    expect(parseWorkspaceRef(workspaceRef('workflows', 'a/b c'))).toEqual({ kind: 'workflows', name: 'a/b c', fragment: undefined });
  });
});

describe('workspace://<workflow>/states/<name>: saved states', () => {
  it('resolve a state saved with a workflow, by the workflow’s name or id, percent-encoded', async () => {
    const { workspace, refs } = await workspaceWithArithmetic('my sums');
    const record = workspace.getWorkflow('wf-1');
    if (!record) throw new Error('saved workflow missing');
    workspace.saveWorkflow({ ...record, states: { 'k = 10': { x: 1, y: 2, k: 10 } } });
    const state = (await refs.resolve(savedStateRef('my sums', 'k = 10'))) as State;
    expect(savedStateRef('my sums', 'k = 10')).toBe('workspace://my%20sums/states/k%20%3D%2010');
    expect(state.toObject()).toEqual({ x: 1, y: 2, k: 10 });
    expect(state.mutable).toBe(false);
    expect(((await refs.resolve('workspace://wf-1/states/k%20%3D%2010')) as State).extract('k')).toBe(10);
    const workflow = (await refs.resolve(workspaceRef('workflows', 'my sums'))) as Workflow;
    expect(await workflow.run(state)).toEqual({ result: 30 });
  });

  it('name what is wrong: an unknown saved state (with those there are), a workflow that is not there, a "#"', async () => {
    const { workspace, refs } = await workspaceWithArithmetic('sums');
    const record = workspace.getWorkflow('wf-1');
    if (!record) throw new Error('saved workflow missing');
    workspace.saveWorkflow({ ...record, states: { a: { k: 1 }, toString: { k: 2 } } });
    await expect(refs.resolve('workspace://sums/states/b')).rejects.toThrow(/workflow "sums" has no saved state "b" \(it has: "a", "toString"\)/);
    await expect(refs.resolve('workspace://sums/states/valueOf')).rejects.toThrow(/has no saved state "valueOf"/);
    await expect(refs.resolve('workspace://other/states/a')).rejects.toThrow(/the workspace has no workflow named "other"/);
    await expect(refs.resolve('workspace://sums/states/a#last')).rejects.toThrow(/a saved state takes no "#" part/);
    expect(parseWorkspaceRef('workspace://states/states/a')).toEqual({ kind: 'saved-state', workflow: 'states', name: 'a' });
  });

  it('load every stored cache entry of a step, most recent first, up to the workspace’s setting', async () => {
    const workspace = await openWorkspaceDatabase();
    const template = listTemplates().find((entry) => entry.ref === 'app://arithmetic/workflows/xyk');
    if (!template) throw new Error('the arithmetic template is missing');
    workspace.saveWorkflow({ id: 'w', name: 'w', workflow: template.workflow, layout: {}, state: template.state, createdAt: 1, updatedAt: 1 });
    const source = Workflow.fromJSON(template.workflow);
    source.extractsPerStep = 8;
    for (const k of [3, 4, 5]) await source.run(new State({ x: 1, y: 2, k }));
    const entries = source.steps.flatMap((_, index) =>
      source.extractsOf(index).map(({ input, output }) => ({ stepKey: source.keyOf(index), input, output, inputHash: hashValue(input.value) })),
    );
    workspace.replaceExtracts('w', entries);
    const resolve = createWorkspaceResolver(workspace);
    const workflow = (await resolve('workspace://workflows/w')) as Workflow;
    expect(workflow.extractsPerStep).toBe(8);
    const scaleKey = workflow.keyOf(workflow.steps.length - 1);
    expect(workflow.extractsOf(scaleKey).map((entry) => (entry.input.value as { b: number }).b)).toEqual([5, 4, 3]);
    await workflow.run(new State({ x: 1, y: 2, k: 3 }));
    expect(workflow.stepsSkipped).toEqual([0, 1]);
  });
});
