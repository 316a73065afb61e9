/**
 * What the run store shows after a run is that run's: the node's result, the row's, and whose
 * values the viewer holds — after "Update cache" off, a cancel and a reload.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Workspace } from '../../src/persistence/workspace';
import { createRunStore, rowOf, rowResult, stepOutcome, valuesNote, valuesPlace, type RunStore } from '../../src/store/run';
import { attachRunCore } from '../../src/store/run/runCore';
import { nodeFace } from '../../src/ui/canvas/nodeFace';
import { inProcessWorkerFactory } from '../../src/worker/inProcess';
import { memoryWorkspace } from '../helpers/studio';
import { FakeGraph, makeRegistry } from '../run/fixtures';

const registry = makeRegistry();
let graph: FakeGraph;
let workspace: Workspace;
let runStore: RunStore;
let counter = 0;

/** A run store over the fake graph and the test's workspace (a new one is a reload: a new page and worker). */
async function openRunStore(): Promise<void> {
  runStore?.getState().dispose();
  runStore = createRunStore({ source: graph, workerFactory: inProcessWorkerFactory(registry), workspace, previewDelayMs: 0 }, { attach: attachRunCore });
  await runStore.getState().refresh();
}
const store = () => runStore.getState();
const waitFor = async (check: () => boolean, what: string) => {
  for (let i = 0; i < 200; i++) {
    if (check()) return;
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
  throw new Error(`timed out waiting for ${what}`);
};
/** Opens a step and waits for its values. */
async function open(stepKey: string) {
  store().selectStep(stepKey);
  await waitFor(() => store().inspection?.status === 'ready' || store().inspection?.status === 'absent', `the values of ${stepKey}`);
}
const place = (key: string) => {
  const row = rowOf(store(), key);
  return row ? valuesPlace(store(), row) : undefined;
};
const results = () => Object.fromEntries(store().steps.map((row) => [row.key, rowResult(store(), row)]));

beforeEach(async () => {
  graph = new FakeGraph(`truth-${++counter}`);
  workspace = memoryWorkspace();
  await openRunStore();
});
afterEach(() => store().dispose());

/** (2 + 3) × 4 cached, then k = 5 with "Update cache" off: 25, while the cache keeps 20. */
async function changedRunWithoutUpdatingTheCache() {
  await store().run();
  store().setFlag('populateExtracts', false);
  graph.params.k = 5;
  await store().run();
}

describe('After a run with "Update cache" off', () => {
  it("the node and the row give the run's results, and the viewer says the cache was not updated", async () => {
    await changedRunWithoutUpdatingTheCache();
    expect(results()).toEqual({ x: '2', y: '3', add: '5', k: '5', multiply: '25' });
    expect(stepOutcome(store(), 'multiply')?.result).toBe('25');
    expect(store().cache.multiply?.result).toBe('20');
    expect([place('add'), place('multiply')]).toEqual(['cache', 'run']);
    await open('multiply');
    expect(valuesNote(store(), store().inspection)).toBe('cache-not-updated');
    await open('add');
    expect(valuesNote(store(), store().inspection)).toBeNull();
  });

  it('a cancel loses the values the worker held apart, and the node no longer claims them', async () => {
    await changedRunWithoutUpdatingTheCache();
    graph.tail = { id: 'spin', model: 't.spin', inputs: { result: 'a' }, outputs: { out: 'out' } };
    graph.params.k = 6;
    const running = store().run();
    await waitFor(() => rowOf(store(), 'spin')?.status === 'running', 'the endless step');
    store().cancel();
    await running;
    expect(place('multiply')).toBe('lost');
    expect(stepOutcome(store(), 'multiply')?.result).toBeNull();
    await open('multiply');
    // The fresh worker has only the cache: 20, said to be the cache's.
    const inspection = store().inspection;
    expect(inspection?.status === 'ready' && inspection.value.kind === 'step' && inspection.value.output).toEqual({ product: 20 });
    expect(valuesNote(store(), inspection)).toBe('values-from-cache');
  });
});

describe('After an edit that leaves a graph Run cannot compile', () => {
  it("the last run's results are marked old, and fresh again once the graph is the run's", async () => {
    await store().run();
    expect(nodeFace(stepOutcome(store(), 'multiply'), null)).toMatchObject({ result: '20', resultIsOld: false });
    graph.broken = 'has a wire on port "factor", which its component no longer has';
    graph.changed();
    await waitFor(() => store().graphChanged, 'the preview to see the change');
    expect(nodeFace(stepOutcome(store(), 'multiply'), null)).toMatchObject({ result: '20', resultIsOld: true });
    graph.broken = null;
    graph.changed();
    await waitFor(() => !store().graphChanged, 'the preview to see the graph back');
    expect(nodeFace(stepOutcome(store(), 'multiply'), store().previewByStep['multiply'] ?? null).resultIsOld).toBe(false);
  });
});

describe('After a reload', () => {
  it('a result the cache summaries have not brought yet is pending, not "no result"', async () => {
    await store().run();
    await openRunStore();
    // The rows are the history's at once; their results come with the worker's summaries.
    expect(store().rowsFromHistory).toBe(true);
    expect(stepOutcome(store(), 'multiply')).toMatchObject({ status: 'ran', result: null, resultPending: true });
    expect(nodeFace(stepOutcome(store(), 'multiply'), null).placeholder).toBe('= …');
    await waitFor(() => !store().summariesPending, 'the cache summaries');
    expect(stepOutcome(store(), 'multiply')).toMatchObject({ status: 'ran', result: '20', resultPending: false });
    // A step the cache has nothing for says so once the summaries are in.
    expect(nodeFace({ ...(stepOutcome(store(), 'multiply') as NonNullable<ReturnType<typeof stepOutcome>>), result: null }, null).placeholder).toBe(
      'no result',
    );
  });

  it("rows of a run that did not update the cache do not pass the cache's values off as theirs", async () => {
    await changedRunWithoutUpdatingTheCache();
    await openRunStore();
    await waitFor(() => Object.keys(store().cache).length === 5, 'the cache summaries');
    expect(store().rowsFromHistory).toBe(true);
    expect(results()).toEqual({ x: '2', y: '3', add: '5', k: null, multiply: null });
    expect(place('multiply')).toBe('lost');
    // The kept state is the last run's.
    expect(store().lastState?.slots.find((slot) => slot.name === 'result')?.preview).toBe('25');
    await open('multiply');
    expect(valuesNote(store(), store().inspection)).toBe('values-from-cache');
  });

  it("rows of a run that updated the cache show the cache's values as theirs", async () => {
    await store().run();
    graph.params.k = 5;
    await store().run();
    await openRunStore();
    await waitFor(() => Object.keys(store().cache).length === 5, 'the cache summaries');
    expect(results()).toEqual({ x: '2', y: '3', add: '5', k: '5', multiply: '25' });
    await open('multiply');
    expect(valuesNote(store(), store().inspection)).toBeNull();
  });
});
