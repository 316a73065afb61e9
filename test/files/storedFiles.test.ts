import { describe, expect, it } from 'vitest';
import '../../src/models';
import {
  StoredFile,
  Workflow,
  State,
  decodeValue,
  encodeValue,
  hashValue,
  registry,
  storedFileJson,
  storedFileOf,
  storedFilesIn,
  type StoredFileInfo,
} from '../../src/engine';
import { filesOfGraph, importWorkflowText, remapGraphFiles, toWorkflowFile, embeddedFile, type WorkflowGraph } from '../../src/format';
import { isTable, type Table } from '../../src/models';
import { openWorkspaceDatabase } from '../../src/persistence/workspaceDb';
import { initValueHashing } from '../../src/persistence/values';
import { isCodeModel, portsOf } from '../../src/store/graph';

const CSV = 'city,sales\nOslo,12\nLima,7\n';
const info = (hash: string): StoredFileInfo => ({ name: 'sales.csv', size: CSV.length, hash, mediaType: 'text/csv' });

function csvGraph(param: unknown): WorkflowGraph {
  return {
    name: 'sales',
    nodes: [{ id: 'sales', model: 'input.csv', label: 'sales', position: { x: 0, y: 0 }, params: { text: param as never }, slotNames: {}, stateInputs: {} }],
    edges: [],
    state: {},
    useExtracts: true,
    populateExtracts: true,
  };
}

async function runCsv(workflow: Workflow, readFile?: (hash: string) => Promise<string>): Promise<Table> {
  const state = new State();
  await workflow.run(state, readFile ? { readFile } : {});
  const table = state.extract('sales.table');
  if (!isTable(table)) throw new Error('no table');
  return table;
}

describe('A stored file reference', () => {
  it('is a small codec value: encoded, decoded, hashed by its fields, never by the file', () => {
    const file = new StoredFile(info('xabc-1a'));
    const json = encodeValue(file);
    expect(json).toEqual(storedFileJson(info('xabc-1a')));
    expect(storedFileOf(json)).toEqual(info('xabc-1a'));
    expect(decodeValue(json)).toEqual(file);
    expect(hashValue(file)).toBe(hashValue(new StoredFile(info('xabc-1a'))));
    expect(hashValue(file)).not.toBe(hashValue(new StoredFile(info('xdef-1a'))));
    expect(storedFileOf({ $swark: 'file', v: { name: 'x' } })).toBeNull();
    expect(storedFileOf('text')).toBeNull();
  });

  it('is found anywhere in codec-encoded values', () => {
    const found = storedFilesIn([{ a: [storedFileJson(info('h1'))] }, { b: { c: storedFileJson(info('h2')) } }, 'plain']);
    expect([...found.keys()].sort()).toEqual(['h1', 'h2']);
  });
});

describe('When a CSV step holds a stored file', () => {
  it('reads the text through the run context, and its cached input is the reference, not the text', async () => {
    const workflow = Workflow.fromJSON({
      steps: [{ id: 'sales', model: 'input.csv', inputs: {}, outputs: { table: 'sales.table' }, params: { text: storedFileJson(info('xabc-1a')) } }],
      useExtracts: true,
      populateExtracts: true,
    });
    const asked: string[] = [];
    const table = await runCsv(workflow, async (hash) => (asked.push(hash), CSV));
    expect(asked).toEqual(['xabc-1a']);
    expect(table.rowCount).toBe(2);
    const cachedInput = workflow.modelInputs.get('sales')?.value as Record<string, unknown>;
    expect(cachedInput.text).toBeInstanceOf(StoredFile);
    expect(JSON.stringify(encodeValue(cachedInput)).length).toBeLessThan(200);
  });

  it('fails the step in words naming the file when its bytes are gone', async () => {
    const workflow = Workflow.fromJSON({
      steps: [{ id: 'sales', model: 'input.csv', inputs: {}, outputs: { table: 'sales.table' }, params: { text: storedFileJson(info('xgone-1a')) } }],
      useExtracts: true,
      populateExtracts: true,
    });
    await expect(runCsv(workflow, () => Promise.reject(new Error('not there')))).rejects.toThrow(
      'step 0 "sales" (model input.csv): the file “sales.csv” (26 B) is missing from the workspace\'s storage: load it again with “Replace…”',
    );
  });

  it('parses a JSON file in the JSON value model, saying which file is not JSON', async () => {
    const model = registry.get('input.json');
    const file = new StoredFile({ name: 'conf.json', size: 9, hash: 'h', mediaType: 'application/json' });
    const ctx = { signal: new AbortController().signal, progress: () => {} };
    await expect(Promise.resolve(model.run({ value: file }, { ...ctx, readFile: async () => '{"a":[1]}' }))).resolves.toEqual({ value: { a: [1] } });
    await expect(Promise.resolve(model.run({ value: file }, { ...ctx, readFile: async () => '{oops' }))).rejects.toThrow(
      'the file “conf.json” is not valid JSON',
    );
  });
});

describe('The value store round trip', () => {
  it('stores a file once by content, keeps it while a workflow refers to it, and drops it after', async () => {
    await initValueHashing();
    const db = await openWorkspaceDatabase();
    const hash = db.storeFileText(CSV);
    expect(db.storeFileText(CSV)).toBe(hash);
    expect(await db.fileText(hash)).toBe(CSV);
    const workflow = Workflow.fromJSON({
      steps: [{ id: 'sales', model: 'input.csv', inputs: {}, outputs: { table: 'sales.table' }, params: { text: storedFileJson(info(hash)) } }],
      useExtracts: true,
      populateExtracts: true,
    }).toJSON();
    db.saveWorkflow({ id: 'w1', name: 'sales', workflow, layout: {}, state: {}, createdAt: 1, updatedAt: 1 });
    expect(db.referencedValues().has(hash)).toBe(true);
    // The workflow row holds the reference only.
    expect(JSON.stringify(db.getWorkflow('w1')?.workflow)).not.toContain('Oslo');

    // A backup (the whole file) carries it; reopened, it still reads.
    const reopened = await openWorkspaceDatabase(new Uint8Array(await (await db.exportFile()).arrayBuffer()));
    expect(await reopened.fileText(hash)).toBe(CSV);

    db.deleteWorkflow('w1');
    expect(db.referencedValues().has(hash)).toBe(false);
    await expect(db.fileText(hash)).rejects.toThrow(/missing/);
  });
});

describe('When a workflow with a stored file is exported without cache', () => {
  it('embeds the file by hash, and an import finds it there', () => {
    const graph = csvGraph(storedFileJson(info('xabc-1a')));
    expect([...filesOfGraph(graph).keys()]).toEqual(['xabc-1a']);
    const file = toWorkflowFile(graph, portsOf, undefined, { 'xabc-1a': embeddedFile(info('xabc-1a'), CSV) });
    expect(file.files).toEqual({ 'xabc-1a': { name: 'sales.csv', mediaType: 'text/csv', size: 26, text: CSV } });
    expect(file.workflow.modelInputs).toBeUndefined();

    const imported = importWorkflowText(JSON.stringify(file), { portsOf, isCodeModel });
    if (!imported.ok) throw new Error(JSON.stringify(imported.problems));
    expect(imported.warnings).toEqual([]);
    expect(imported.file.files?.['xabc-1a']?.text).toBe(CSV);
  });

  it('warns when a referenced file is not embedded, and remaps references to the hash the workspace stored under', () => {
    const file = toWorkflowFile(csvGraph(storedFileJson(info('xabc-1a'))), portsOf);
    const imported = importWorkflowText(JSON.stringify(file), { portsOf, isCodeModel });
    if (!imported.ok) throw new Error('refused');
    expect(imported.warnings.map((w) => w.message)).toEqual([
      'The file “sales.csv” is not embedded in this file; the step that reads it fails until you load it again.',
    ]);
    const moved = remapGraphFiles(imported.graph, new Map([['xabc-1a', 'xnew-1a']]));
    expect(storedFileOf(moved.nodes[0]?.params.text)?.hash).toBe('xnew-1a');
  });

  it('may exceed the plain size limit by its embedded files only', () => {
    const big = 'city,sales\n' + 'Oslo,12\n'.repeat(300);
    const file = toWorkflowFile(csvGraph(storedFileJson(info('xabc-1a'))), portsOf, undefined, { 'xabc-1a': embeddedFile(info('xabc-1a'), big) });
    const text = JSON.stringify(file);
    expect(importWorkflowText(text, { portsOf, isCodeModel, maxBytes: 2000, maxBytesWithData: 10_000 }).ok).toBe(true);
    const refused = importWorkflowText(text, { portsOf, isCodeModel, maxBytes: 2000, maxBytesWithData: 2000 });
    expect(refused.ok ? null : refused.problems[0]?.message).toMatch(/^The file is too large: .*; the limit is /);
    const padded = JSON.stringify({ ...file, name: 'n'.repeat(190), layout: { pad: { x: 0, y: 0, label: 'p'.repeat(190) } } });
    const besides = importWorkflowText(padded, { portsOf, isCodeModel, maxBytes: 500, maxBytesWithData: 10_000 });
    expect(besides.ok ? null : besides.problems[0]?.message).toMatch(/besides its embedded files/);
  });
});
