import { describe, expect, it } from 'vitest';
import '../../src/apps';
import { createRunnerSession } from '../../src/ui/runner/runnerSession';

describe('The Runner view session', () => {
  it('runs the references, reruns skipping, and reruns everything with the cache off on a mutable state', async () => {
    const session = createRunnerSession({ workflowRef: 'app://arithmetic/workflows/xyk', stateRef: 'app://arithmetic/states/xyk#mutable' });
    await session.getState().run();
    expect(session.getState()).toMatchObject({ status: 'ok', canRerun: true, output: [{ slot: 'result', text: '9' }] });
    expect(session.getState().steps.map((step) => step.status)).toEqual(['ran', 'ran']);

    await session.getState().rerun();
    expect(session.getState().steps.map((step) => step.status)).toEqual(['skipped', 'skipped']);

    session.getState().setFlag('useExtracts', false);
    await session.getState().rerun();
    expect(session.getState().steps.map((step) => `${step.status} ${step.reason}`)).toEqual(['ran cache off', 'ran cache off']);
  });

  it('shows a bad reference as the error, in words, and cannot rerun', async () => {
    const session = createRunnerSession({ workflowRef: 'app://arithmetic/workflows/nope' });
    await session.getState().run();
    expect(session.getState()).toMatchObject({ status: 'error', canRerun: false });
    expect(session.getState().error).toMatch(
      /cannot resolve reference "app:\/\/arithmetic\/workflows\/nope": application "arithmetic" has no workflows file "nope"/,
    );
  });

  it('shows a failed rerun on an immutable state with the step that failed', async () => {
    const session = createRunnerSession();
    await session.getState().run();
    session.getState().setFlag('useExtracts', false);
    await session.getState().rerun();
    expect(session.getState().status).toBe('error');
    expect(session.getState().error).toMatch(/step 0 "add" \(model arithmetic\.add\): .*immutable/);
    expect(session.getState().steps[0]).toMatchObject({ key: 'add', status: 'error' });
  });
});
