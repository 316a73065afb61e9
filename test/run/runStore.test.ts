import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Workspace } from '../../src/persistence/workspace';
import { createRunStore, stepOutcome, type RunStore, type RunWorkspace } from '../../src/store/run';
import { attachRunCore } from '../../src/store/run/runCore';
import type { WorkspacePorts } from '../../src/store/workspace/ports';
import type { RunWorkerFactory } from '../../src/worker/client';
import { inProcessWorkerFactory } from '../../src/worker/inProcess';
import { packValue, unpackValue } from '../../src/worker/packValue';
import { isTablePart, TABLE_PAGE_ROWS } from '../../src/worker/protocol';
import { Table, isTable } from '../../src/models';
import { memoryWorkspace } from '../helpers/studio';
import { FakeGraph, makeRegistry } from './fixtures';

const registry = makeRegistry();
let graph: FakeGraph;
let counter = 0;
let workspace: Workspace;
let ports: WorkspacePorts;
let runStore: RunStore;

/** A run store over the fake graph and the test's workspace (a new one is a reload: a new page and worker). */
function openRunStore(options: { worker?: RunWorkerFactory; workspace?: RunWorkspace } = {}): RunStore {
  runStore?.getState().dispose();
  runStore = createRunStore(
    {
      source: graph,
      workerFactory: options.worker ?? inProcessWorkerFactory(registry),
      workspace: options.workspace ?? ports,
      previewDelayMs: 0,
    },
    { attach: attachRunCore },
  );
  return runStore;
}

const store = () => runStore.getState();
const statuses = () => Object.fromEntries(store().steps.map((row) => [row.key, row.status]));
const slot = (name: string) => store().lastState?.slots.find((entry) => entry.name === name);
/** The result slot's preview as a number (the page holds summaries only). */
const result = () => Number(slot('result')?.preview);
/** Selects a step and waits for its values to come from the worker. */
async function inspect(stepKey: string) {
  store().selectStep(stepKey);
  await waitFor(() => store().inspection?.status !== 'loading', `the values of ${stepKey}`);
  const inspection = store().inspection;
  if (inspection?.status !== 'ready' || inspection.value.kind !== 'step') throw new Error(`no values for ${stepKey}: ${JSON.stringify(inspection)}`);
  return inspection.value;
}
const waitFor = async (check: () => boolean, what: string) => {
  for (let i = 0; i < 200; i++) {
    if (check()) return;
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
  throw new Error(`timed out waiting for ${what}`);
};

beforeEach(async () => {
  graph = new FakeGraph(`wf-${++counter}`);
  workspace = memoryWorkspace();
  ports = workspace;
  openRunStore();
  await store().refresh();
});
afterEach(() => store().dispose());

describe('The history a run leaves', () => {
  it('is the workspace’s own: newest first, cut to the runs it keeps, whatever the store was shown before', async () => {
    workspace.changeSettings({ runsPerWorkflow: 3 });
    for (let i = 0; i < 5; i++) {
      graph.params = { ...graph.params, x: i };
      await store().run();
      expect(store().history).toEqual(ports.listRuns(graph.workflowId));
    }
    expect(store().history).toHaveLength(3);
    // Shown another workflow's history (a switch mid-run): the run's end reads its own again.
    runStore.setState({ history: ports.listRuns('some-other-workflow').concat([{ ...store().history[0]!, workflowId: 'elsewhere' }]) });
    await store().run();
    expect(store().history).toEqual(ports.listRuns(graph.workflowId));
  });
});

describe('When a workflow runs for the first time', () => {
  it('runs every step, keeps the state and stores every extract', async () => {
    await store().run();
    expect(statuses()).toEqual({ x: 'ran', y: 'ran', add: 'ran', k: 'ran', multiply: 'ran' });
    expect(result()).toBe(20);
    const stored = await ports.getExtracts(graph.workflowId);
    expect(stored.map((entry) => entry.stepKey).sort()).toEqual(['add', 'k', 'multiply', 'x', 'y']);
    expect(store().cache.multiply?.output.preview).toBe('{"product":20}');
    expect((await inspect('multiply')).output).toEqual({ product: 20 });
    expect(store().steps.map((row) => row.reason)).toEqual(Array(5).fill('nothing cached to reuse'));
    const [record] = ports.listRuns(graph.workflowId);
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
    const multiplyValues = await inspect('multiply');
    expect(multiplyValues.input).toEqual({ a: 5, b: 5 });
    expect(multiplyValues.changed).toEqual(['b']);
    expect(multiplyValues.previousFields).toEqual({ b: 4 });
  });
});

describe('Before a run', () => {
  it('previews, in words, what would run and why', async () => {
    store().refreshPreview();
    await waitFor(() => Object.keys(store().previewByStep).length === 5, 'the first preview');
    expect(store().previewByStep.x).toEqual({ verdict: 'will-run', willSkip: false, reason: 'will run: nothing cached to reuse' });
    // With no cache it runs whatever its upstream steps give.
    expect(store().previewByStep.add?.reason).toBe('will run: nothing cached to reuse');
    await store().run();
    graph.params.k = 5;
    graph.changed();
    await waitFor(() => store().previewByStep.k?.willSkip === false, 'the preview after the change');
    expect(store().previewByStep.x).toEqual({ verdict: 'will-skip', willSkip: true, reason: 'cached: will be skipped' });
    expect(store().previewByStep.k?.reason).toBe('will run: param changed: "value"');
    // Skipped if k's new output equals the cached one.
    expect(store().previewByStep.multiply).toEqual({ verdict: 'may-run', willSkip: false, reason: 'may run: an upstream step will run ("k")' });
    store().setFlag('useExtracts', false);
    await waitFor(() => store().previewByStep.x?.willSkip === false, 'the preview with the cache off');
    expect(store().previewByStep.x?.reason).toBe('will run: caching is off');
  });
});

describe("A step's outcome for its node", () => {
  const outcome = (stepId: string) => stepOutcome(store(), stepId);

  it('gives the main output in one line, the duration and no error after a run', async () => {
    expect(outcome('multiply')).toBeNull();
    await store().run();
    expect(outcome('multiply')).toMatchObject({ status: 'ran', stale: false, error: null, result: '20' });
    expect(outcome('multiply')?.durationMs).toBeTypeOf('number');
  });

  it('marks stale what a changed param may change, and only that', async () => {
    await store().run();
    graph.params.k = 5;
    graph.changed();
    await waitFor(() => store().previewByStep.k?.willSkip === false, 'the preview after the change');
    expect(outcome('k')?.stale).toBe(true);
    expect(outcome('multiply')?.stale).toBe(true);
    expect(outcome('x')?.stale).toBe(false);
    expect(outcome('multiply')?.result).toBe('20');
    await store().run();
    expect(outcome('multiply')).toMatchObject({ status: 'ran', stale: false, result: '25' });
  });

  it('gives the error in words and no result for a failed step', async () => {
    graph.tail = { id: 'boom', model: 't.fail', inputs: { result: 'a' }, outputs: { out: 'out' } };
    await store().run();
    expect(outcome('boom')).toMatchObject({ status: 'error', error: 'this model always fails', result: null });
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
  it('a changed run leaves the cached extracts as they were, and shows its own values with the cached ones on request', async () => {
    await store().run();
    store().setFlag('populateExtracts', false);
    graph.params.k = 5;
    await store().run();
    expect(result()).toBe(25);
    const stored = await ports.getExtracts(graph.workflowId);
    expect(stored.find((entry) => entry.stepKey === 'k')?.output.value).toEqual({ value: 4 });
    expect(stored.find((entry) => entry.stepKey === 'multiply')?.output.value).toEqual({ product: 20 });
    const ran = await inspect('multiply');
    expect(ran).toMatchObject({ from: 'run', input: { a: 5, b: 5 }, output: { product: 25 }, changed: ['b'], previousFields: { b: 4 } });
    expect(ran.cacheNotUpdated).toEqual({ cached: true, cachedAt: stored.find((entry) => entry.stepKey === 'multiply')?.output.at });
    expect(stepOutcome(store(), 'multiply')?.result).toBe('25');
    store().showValues('cache');
    await waitFor(
      () => store().inspection?.status === 'ready' && (store().inspection as { value: { from: string } }).value.from === 'cache',
      'the cached values',
    );
    expect(await inspect('multiply')).toMatchObject({ from: 'cache', input: { a: 5, b: 4 }, output: { product: 20 } });
    // A skipped step's values are the cache's and the run's alike.
    expect(await inspect('add')).toMatchObject({ from: 'run', output: { sum: 5 }, cacheNotUpdated: null });
  });
});

describe('When a step fails', () => {
  it('marks it error with its message and the later steps not run', async () => {
    graph.tail = { id: 'boom', model: 't.fail', inputs: { result: 'a' }, outputs: { out: 'out' } };
    await store().run();
    const boom = store().steps.find((row) => row.key === 'boom');
    expect(boom?.status).toBe('error');
    expect(boom?.error).toBe('this model always fails');
    // Counted from 1 for a person; the engine's own error keeps pyswark's 0-based index.
    expect(store().alert?.message).toBe('Run failed at “boom” (step 6 of 6): this model always fails');
    expect(ports.listRuns(graph.workflowId)[0]?.outcome).toBe('error');
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
    expect(store().cache.spin).toBeUndefined();
    expect(ports.listRuns(graph.workflowId)[0]?.outcome).toBe('cancelled');
    graph.tail = null;
    await store().run();
    expect(Object.values(statuses())).toEqual(Array(5).fill('skipped'));
  });
});

describe('Run to here and Clear cache', () => {
  it('runs only the step and what it needs; clearing a step makes it run again', async () => {
    await store().runTo('add');
    expect(statuses()).toEqual({ x: 'ran', y: 'ran', add: 'ran', k: 'not-run', multiply: 'not-run' });
    expect(store().lastState?.slots.map((entry) => `${entry.name}=${entry.preview}`)).toEqual(['x=2', 'y=3', 'sum=5']);
    store().clearCache('x');
    expect(store().cache.x).toBeUndefined();
    await store().run();
    expect(statuses()).toEqual({ x: 'ran', y: 'skipped', add: 'skipped', k: 'ran', multiply: 'ran' });
    store().clearCache();
    expect(await ports.getExtracts(graph.workflowId)).toEqual([]);
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

describe('When a new worker starts (after a reload or a cancel)', () => {
  it('asks the page once for the stored cache and state, then skips what is cached and reruns the kept state', async () => {
    await store().run();
    const asked: string[] = [];
    const counting: RunWorkerFactory = (onMessage, onCrash) =>
      inProcessWorkerFactory(registry)((message) => {
        if (message.type === 'need-workspace') asked.push(message.workflowId);
        onMessage(message);
      }, onCrash);
    openRunStore({ worker: counting });
    store().refreshPreview();
    await waitFor(() => store().previewByStep.multiply?.willSkip === true, 'the preview from the stored cache');
    await store().run();
    await store().rerun();
    expect(Object.values(statuses())).toEqual(Array(5).fill('skipped'));
    expect(result()).toBe(20);
    expect((await inspect('add')).output).toEqual({ sum: 5 });
    expect(asked).toEqual([graph.workflowId]);
  });
});

describe('When values cross between the page and the worker', () => {
  it('keeps tables as tables wherever they sit, and leaves look-alike plain objects alone', () => {
    const table = Table.fromRows([
      { a: 1, b: 'x' },
      { a: 2, b: 'y' },
    ]);
    const lookAlike = { names: ['a'], columns: [[1]], rowCount: 1 };
    const packed = packValue({ rows: table, nested: [{ inner: table }], lookAlike, when: new Date(0) });
    const back = unpackValue(structuredClone(packed)) as { rows: Table; nested: { inner: Table }[]; lookAlike: unknown; when: Date };
    expect(isTable(back.rows) && back.rows.equals(table)).toBe(true);
    expect(isTable(back.nested[0]?.inner)).toBe(true);
    expect(isTable(back.lookAlike)).toBe(false);
    expect(back.when).toEqual(new Date(0));
    expect(isTable(unpackValue(structuredClone(packValue(table))))).toBe(true);
  });

  it('says where a table was lost', () => {
    expect(() => unpackValue({ value: { t: { broken: true } }, tables: [['t']] })).toThrow('lost its table at "t"');
  });
});

describe('When the workflow changes while the worker is still loading the first one', () => {
  it('serves both, so a run of the second never waits forever', async () => {
    const held: string[] = [];
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const slowRefs = async (id: string) => (held.push(id), await gate, ports.valueRefsFor(id));
    // The test's workspace, with a value-ref read that waits for the gate.
    const slowWorkspace: RunWorkspace = new Proxy(ports, {
      get: (target, key) => {
        if (key === 'valueRefsFor') return slowRefs;
        const value: unknown = Reflect.get(target, key);
        return typeof value === 'function' ? value.bind(target) : value;
      },
    });
    const first = graph.workflowId;
    openRunStore({ workspace: slowWorkspace });
    store().refreshPreview();
    await waitFor(() => held.length === 1, 'the first load to be asked');
    // The editor opens another workflow.
    graph.workflowId = `wf-${++counter}`;
    graph.changed();
    const running = store().run();
    release();
    await running;
    expect(held).toEqual([first, graph.workflowId]);
    expect(Object.values(statuses())).toEqual(Array(5).fill('ran'));
  });
});

describe('After a reload', () => {
  it('fills the step rows from the last run in the history, marked as from history', async () => {
    graph.params.k = 5;
    await store().run();
    await store().run();
    // A reload: a fresh page has no rows and a new worker.
    openRunStore();
    await store().refresh();
    expect(statuses()).toEqual({ x: 'skipped', y: 'skipped', add: 'skipped', k: 'skipped', multiply: 'skipped' });
    expect(store().rowsFromHistory).toBe(true);
    expect(store().steps.find((row) => row.key === 'multiply')?.inputs).toEqual({ sum: 'a', k: 'b' });
  });

  it('shows the last run with its error when that run failed', async () => {
    graph.tail = { id: 'boom', model: 't.fail', inputs: { result: 'a' }, outputs: { out: 'out' } };
    await store().run();
    openRunStore();
    await store().refresh();
    expect(store().steps.find((row) => row.key === 'boom')).toMatchObject({ status: 'error', error: 'this model always fails' });
  });
});

describe('When a node is deleted after a run', () => {
  it('drops its step row and the alert that names it', async () => {
    graph.tail = { id: 'boom', model: 't.fail', inputs: { result: 'a' }, outputs: { out: 'out' } };
    await store().run();
    expect(store().alert?.stepKey).toBe('boom');
    graph.tail = null;
    graph.changed();
    await waitFor(() => !store().steps.some((row) => row.key === 'boom'), 'the deleted step row to go');
    expect(store().alert).toBeNull();
    expect(statuses()).toEqual({ x: 'ran', y: 'ran', add: 'ran', k: 'ran', multiply: 'ran' });
  });

  it('keeps an alert about a step that is still there', async () => {
    graph.tail = { id: 'boom', model: 't.fail', inputs: { result: 'a' }, outputs: { out: 'out' } };
    await store().run();
    graph.params.k = 7;
    graph.changed();
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(store().alert?.stepKey).toBe('boom');
  });
});

describe('When a big table step is opened', () => {
  it('sends the table as its first page with column types and row count, further rows by page, and the whole for an export', async () => {
    graph.tail = { id: 'big', model: 't.rows', inputs: { result: 'a' }, outputs: { table: 'rows' } };
    await store().run();
    const { output } = await inspect('big');
    const part = (output as Record<string, unknown>).table;
    expect(isTablePart(part)).toBe(true);
    if (!isTablePart(part)) return;
    expect(part.rowCount).toBe(20_000);
    expect(part.types).toEqual({ id: 'number', label: 'string' });
    expect(part.columns[0]?.length).toBe(TABLE_PAGE_ROWS);
    const page = await store().tableRows({ side: 'output', field: 'table' }, 19_900, 500);
    expect(page.columns[0]?.length).toBe(100);
    expect(page.columns[1]?.[0]).toBe('row 19900');
    // The export is made in the worker from the whole table: every row, as a plain loop writes them.
    const csv = await (await store().exportValue({ side: 'output', field: 'table' }, 'csv')).text();
    expect(csv.trimEnd().split(/\r?\n/)).toEqual(['id,label', ...Array.from({ length: 20_000 }, (_, i) => `${i},row ${i}`)]);
    const json = JSON.parse(await (await store().exportValue({ side: 'output', field: 'table' }, 'json')).text()) as unknown[];
    expect(json).toHaveLength(20_000);
    expect(json[19_999]).toEqual({ id: 19_999, label: 'row 19999' });
  });

  it('refuses in words an export of a field that is not there, or a CSV of what is not a table', async () => {
    graph.tail = { id: 'big', model: 't.rows', inputs: { result: 'a' }, outputs: { table: 'rows' } };
    await store().run();
    await inspect('big');
    await expect(store().exportValue({ side: 'output', field: 'constructor' }, 'json')).rejects.toThrow('there is no value at output.constructor any more');
    await expect(store().exportValue({ side: 'input' }, 'csv')).rejects.toThrow('input is not a table, so it has no CSV form');
  });

  it('sorts and searches the whole table in the worker, not the page shown', async () => {
    graph.tail = { id: 'big', model: 't.rows', inputs: { result: 'a' }, outputs: { table: 'rows' } };
    await store().run();
    await inspect('big');
    const at = { side: 'output', field: 'table' } as const;
    const descending = await store().tableRows(at, 0, 3, { sortBy: 'id', descending: true });
    expect(descending.total).toBe(20_000);
    expect(descending.columns[0]).toEqual([19_999, 19_998, 19_997]);
    expect(descending.rowNumbers).toEqual([19_999, 19_998, 19_997]);
    // The rows a plain loop over the same ids finds, in the order a person reads the labels (numbers by value).
    const ids = Array.from({ length: 20_000 }, (_, i) => i);
    const found = await store().tableRows(at, 0, 500, { search: 'ROW 1999', sortBy: 'label' });
    const expected = ids.filter((i) => `row ${i}`.includes('row 1999'));
    expect(found.total).toBe(expected.length);
    expect(found.columns[0]).toEqual(expected);
    const later = await store().tableRows(at, 1, 2, { search: 'ROW 1999', sortBy: 'label' });
    expect(later.columns[1]).toEqual(expected.slice(1, 3).map((i) => `row ${i}`));
  });

  it('says so in words when the table is no longer there', async () => {
    graph.tail = { id: 'big', model: 't.rows', inputs: { result: 'a' }, outputs: { table: 'rows' } };
    await store().run();
    await inspect('big');
    await expect(store().tableRows({ side: 'output', field: 'nope' }, 0, 10)).rejects.toThrow('there is no table at output.nope any more');
  });
});
