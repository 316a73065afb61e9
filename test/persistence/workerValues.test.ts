import { describe, expect, it } from 'vitest';
import { BROWSER_VALUES, encodeForStore, initValueHashing, storedForm } from '../../src/persistence/values';
import { idbBackend } from '../../src/persistence/keyValue';
import { openWorkerValueStore } from '../../src/persistence/workerValues';
import type { StoredExtractRef } from '../../src/persistence/types';
import { bigValue, captureWarnings, storage, workflowRecord, workspaceOpener, type Storage } from './helpers';

const warnings = captureWarnings();
const open = workspaceOpener();

/** What the run worker does: encodes the values, writes them to the value store (as UTF-8 bytes), returns the refs. */
async function workerStores(store: Storage, stepKey: string, input: unknown, output: unknown): Promise<StoredExtractRef> {
  await initValueHashing();
  const [a, b] = [encodeForStore(input), encodeForStore(output)];
  await store.values.backend.setMany([
    [a.ref, storedForm(a.json)],
    [b.ref, storedForm(b.json)],
  ]);
  return { stepKey, inputHash: 'h', input: { model: 'm', version: '1', ref: a.ref }, output: { model: 'm', version: '1', ref: b.ref } };
}

describe('When the run worker stores the values and the page records only refs', () => {
  it('a reload reads them back, and the page never held them', async () => {
    const store = storage();
    const ws = await open(store);
    ws.saveWorkflow(workflowRecord('a'));
    const ref = await workerStores(store, 's0', { n: 1 }, bigValue(50_000));
    ws.putExtractRefs('a', [ref]);
    ws.putLastStateRefs('a', { mutable: false, slots: [{ name: 'out', ref: ref.output.ref }] });
    await ws.flush();
    // The save wrote the snapshot only: the values were in storage already.
    expect(store.values.calls.filter((call) => call.op === 'setMany')).toHaveLength(1);
    const again = await open(store);
    expect((await again.database.getExtracts('a'))[0]?.output.value).toEqual(bigValue(50_000));
    const forWorker = await again.valueRefsFor('a');
    expect(forWorker).toMatchObject({ extracts: [ref], lastState: { slots: [{ name: 'out', ref: ref.output.ref }] }, location: null });
    // Storage a worker cannot open itself (not the browser's IndexedDB): the texts go along.
    expect(forWorker.texts.map(([key]) => key).sort()).toEqual([ref.input.ref, ref.output.ref].sort());
  });

  it('a value written before its ref is recorded survives the garbage collection in between', async () => {
    const store = storage();
    const ws = await open(store);
    ws.saveWorkflow(workflowRecord('a'));
    await ws.flush();
    const early = await workerStores(store, 's0', { n: 2 }, { big: bigValue(10_000) });
    // A save that collects garbage (a cache was cleared) runs before the page hears of the refs.
    ws.clearExtracts('a');
    await ws.flush();
    expect(store.values.data.has(early.output.ref)).toBe(true);
    ws.putExtractRefs('a', [early]);
    await ws.flush();
    ws.clearExtracts('none');
    await ws.flush();
    expect(store.values.data.has(early.output.ref)).toBe(true);
  });

  it('a save waits for values still being written, and drops what refers to a value that never arrived', async () => {
    const store = storage();
    const ws = await open(store, { awaitValuesMs: 100 });
    ws.saveWorkflow(workflowRecord('a'));
    const arrived = await workerStores(store, 'done', { n: 1 }, { n: 2 });
    const lost = { ...arrived, stepKey: 'lost', output: { ...arrived.output, ref: 'xnever-1' } };
    ws.putExtractRefs('a', [arrived, lost], [], ['xnever-1', arrived.output.ref]);
    ws.valuesStored([arrived.output.ref]);
    await ws.flush();
    expect(warnings.take()).toEqual([expect.stringContaining('1 cached value(s) never reached storage')]);
    const again = await open(store);
    expect(again.database.extractRefs('a').map((entry) => entry.stepKey)).toEqual(['done']);
  });

  it('texts of values the worker could not store are saved by the page', async () => {
    const store = storage();
    const ws = await open(store);
    await initValueHashing();
    const value = encodeForStore({ kept: true });
    ws.putLastStateRefs('a', { mutable: true, slots: [{ name: 'x', ref: value.ref }] }, [[value.ref, value.json]]);
    await ws.flush();
    expect(store.values.data.get(value.ref)).toEqual(storedForm(value.json));
  });
});

describe("The worker's value store", () => {
  it("writes and reads texts by ref in the browser's IndexedDB store", async () => {
    const values = await openWorkerValueStore(BROWSER_VALUES);
    const value = encodeForStore({ rows: [1, 2, 3] });
    await values.putMany([[value.ref, value.json]]);
    expect(await values.getMany([value.ref, 'xmissing-1'])).toEqual([value.json, undefined]);
  });

  it('reads a value the previous version stored as a string (value format 1) the same', async () => {
    const values = await openWorkerValueStore(BROWSER_VALUES);
    const old = encodeForStore({ written: 'before format 2' });
    await idbBackend(BROWSER_VALUES.dbName, BROWSER_VALUES.storeName).set(old.ref, old.json);
    expect(await values.getMany([old.ref])).toEqual([old.json]);
  });
});
