import { describe, expect, it } from 'vitest';
import { References, State, Workflow, hashValue } from '../../src/engine';
import { createWorkspaceResolver, listTemplates, parseWorkspaceRef, workspaceRef } from '../../src/apps';
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
