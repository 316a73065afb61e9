import { beforeEach, describe, expect, it } from 'vitest';
import { configureRunStore, runStore } from '../../src/store/runStore';
import { workspaceStore } from '../../src/store/workspaceStore';
import { inProcessWorkerFactory } from '../../src/worker/client';
import { FakeGraph, makeRegistry } from './fixtures';

const registry = makeRegistry();
let graph: FakeGraph;
let counter = 0;

const store = () => runStore.getState();
const statuses = () => Object.fromEntries(store().steps.map((row) => [row.key, row.status]));
const result = () => store().lastState?.values.result;
const waitFor = async (check: () => boolean, what: string) => {
  for (let i = 0; i < 200; i++) {
    if (check()) return;
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
  throw new Error(`timed out waiting for ${what}`);
};

beforeEach(async () => {
  graph = new FakeGraph(`wf-${++counter}`);
  runStore.setState({ flags: { useExtracts: true, populateExtracts: true, mutable: false }, phase: 'idle', alert: null });
  configureRunStore({ workerFactory: inProcessWorkerFactory(registry), source: graph, previewDelayMs: 0 });
  await store().refresh();
});

describe('When a workflow runs for the first time', () => {
  it('runs every step, keeps the state and stores every extract', async () => {
    await store().run();
    expect(statuses()).toEqual({ x: 'ran', y: 'ran', add: 'ran', k: 'ran', multiply: 'ran' });
    expect(result()).toBe(20);
    const stored = await workspaceStore.getState().getExtracts(graph.workflowId);
    expect(stored.map((entry) => entry.stepKey).sort()).toEqual(['add', 'k', 'multiply', 'x', 'y']);
    expect(store().extracts.multiply?.output.value).toEqual({ product: 20 });
    expect(store().steps.map((row) => row.reason)).toEqual(Array(5).fill('no cache yet'));
    const [record] = workspaceStore.getState().listRuns(graph.workflowId);
    expect(record?.outcome).toBe('ok');
    expect(record?.steps.map((step) => step.status)).toEqual(['ran', 'ran', 'ran', 'ran', 'ran']);
    expect(store().history[0]?.id).toBe(record?.id);
  });
});

describe('When it runs again unchanged', () => {
  it('skips every step and gives the same result', async () => {
    await store().run();
    await store().run();
    expect(Object.values(statuses())).toEqual(Array(5).fill('skipped'));
    expect(result()).toBe(20);
  });
});

describe('When one param changes', () => {
  it('runs only the changed input and what depends on it, and says what changed', async () => {
    await store().run();
    graph.params.k = 5;
    await store().run();
    expect(statuses()).toEqual({ x: 'skipped', y: 'skipped', add: 'skipped', k: 'ran', multiply: 'ran' });
    expect(result()).toBe(25);
    const multiply = store().steps.find((row) => row.key === 'multiply');
    expect(multiply?.reason).toBe('input changed: "b"');
    expect(multiply?.changedFields).toEqual(['b']);
    expect(store().previousInputs.multiply?.value).toEqual({ a: 5, b: 4 });
  });
});

describe('Before a run', () => {
  it('previews, in words, what would run and why', async () => {
    store().refreshPreview();
    await waitFor(() => Object.keys(store().previewByStep).length === 5, 'the first preview');
    expect(store().previewByStep.x).toEqual({ willSkip: false, reason: 'will run: no cache yet' });
    expect(store().previewByStep.add?.reason).toBe('will run: upstream step will run ("x", "y")');
    await store().run();
    graph.params.k = 5;
    graph.changed();
    await waitFor(() => store().previewByStep.k?.willSkip === false, 'the preview after the change');
    expect(store().previewByStep.x).toEqual({ willSkip: true, reason: 'cached: will be skipped' });
    expect(store().previewByStep.k?.reason).toBe('will run: param changed: "value"');
    expect(store().previewByStep.multiply?.reason).toBe('will run: upstream step will run ("k")');
    store().setFlag('useExtracts', false);
    await waitFor(() => store().previewByStep.x?.willSkip === false, 'the preview with the cache off');
    expect(store().previewByStep.x?.reason).toBe('will run: caching is off');
  });
});

describe('When "Use cache" is off and the kept state is immutable', () => {
  it('Rerun fails in words with a way out, and the mutable rerun runs every step', async () => {
    await store().run();
    store().setFlag('useExtracts', false);
    await store().rerun();
    expect(store().alert?.message).toMatch(/kept state is immutable/);
    expect(store().alert?.offers).toEqual(['make-mutable-and-rerun', 'run-fresh']);
    expect(statuses()).toEqual({ x: 'error', y: 'not-run', add: 'not-run', k: 'not-run', multiply: 'not-run' });
    await store().makeMutableAndRerun();
    expect(store().flags.mutable).toBe(true);
    expect(Object.values(statuses())).toEqual(Array(5).fill('ran'));
    expect(store().alert).toBeNull();
    expect(result()).toBe(20);
  });
});

describe('When "Update cache" is off', () => {
  it('a changed run leaves the cached extracts as they were', async () => {
    await store().run();
    store().setFlag('populateExtracts', false);
    graph.params.k = 5;
    await store().run();
    expect(result()).toBe(25);
    expect(store().extracts.multiply?.output.value).toEqual({ product: 20 });
    const stored = await workspaceStore.getState().getExtracts(graph.workflowId);
    expect(stored.find((entry) => entry.stepKey === 'k')?.output.value).toEqual({ value: 4 });
  });
});

describe('When a step fails', () => {
  it('marks it error with its message and the later steps not run', async () => {
    graph.tail = { id: 'boom', model: 't.fail', inputs: { result: 'a' }, outputs: { out: 'out' } };
    await store().run();
    const boom = store().steps.find((row) => row.key === 'boom');
    expect(boom?.status).toBe('error');
    expect(boom?.error).toBe('this model always fails');
    expect(store().alert?.message).toMatch(/this model always fails/);
    expect(workspaceStore.getState().listRuns(graph.workflowId)[0]?.outcome).toBe('error');
  });
});

describe('When a run is cancelled', () => {
  it('marks the running step cancelled, stores nothing of it, and the next run works', async () => {
    graph.tail = { id: 'spin', model: 't.spin', inputs: { result: 'a' }, outputs: { out: 'out' } };
    const running = store().run();
    await waitFor(() => store().steps.find((row) => row.key === 'spin')?.status === 'running', 'the endless step to start');
    expect(store().progress?.modelMessage).toBe('spinning');
    store().cancel();
    await running;
    expect(store().phase).toBe('idle');
    expect(statuses().spin).toBe('cancelled');
    expect(store().extracts.spin).toBeUndefined();
    expect(workspaceStore.getState().listRuns(graph.workflowId)[0]?.outcome).toBe('cancelled');
    graph.tail = null;
    await store().run();
    expect(Object.values(statuses())).toEqual(Array(5).fill('skipped'));
  });
});

describe('Run to here and Clear cache', () => {
  it('runs only the step and what it needs; clearing a step makes it run again', async () => {
    await store().runTo('add');
    expect(statuses()).toEqual({ x: 'ran', y: 'ran', add: 'ran', k: 'not-run', multiply: 'not-run' });
    expect(store().lastState?.values).toEqual({ x: 2, y: 3, sum: 5 });
    store().clearCache('x');
    expect(store().extracts.x).toBeUndefined();
    await store().run();
    expect(statuses()).toEqual({ x: 'ran', y: 'skipped', add: 'skipped', k: 'ran', multiply: 'ran' });
    store().clearCache();
    expect(await workspaceStore.getState().getExtracts(graph.workflowId)).toEqual([]);
  });
});

describe('When the graph cannot compile', () => {
  it('says so in words and does not start', async () => {
    graph.compile = () => {
      throw new Error('node "add" has an unconnected input "b"');
    };
    await store().run();
    expect(store().phase).toBe('idle');
    expect(store().alert?.message).toBe('The graph cannot run yet: node "add" has an unconnected input "b"');
  });
});
