/**
 * Tables in an exported workflow file's cache ("export with cache"): written as table payload
 * version 2 (typed columns, no object a date cell), read back equal by the importer; a file written
 * by the previous release (version 1 payloads) still imports.
 */
import { describe, expect, it } from 'vitest';
import { decodeValue, encodeValue, hashValue, type JsonValue } from '../../src/engine';
import { Table } from '../../src/models';
import { FORMAT_VERSION, checkWorkflowFile, importWorkflowText, toWorkflowFile, type WorkflowFile } from '../../src/format';
import { importedExtractRefs } from '../../src/store/graph/importedCache';
import { isCodeModel, portsOf } from '../../src/store/graph';
import { encodeForStore } from '../../src/persistence/values';
import { readImport } from '../../src/worker/importRead';

const rows = 2000;
const table = () =>
  Table.fromColumns({
    date: Array.from({ length: rows }, (_, i) => (i % 97 === 0 ? null : new Date(Date.UTC(1960, 0, 1) + i * 86_400_000))),
    temp: Array.from({ length: rows }, (_, i) => (i % 13 === 0 ? null : Math.round(Math.cos(i) * 300) / 10)),
    ratio: Array.from({ length: rows }, (_, i) => (i === 5 ? NaN : i === 6 ? -0 : Math.sin(i))),
    weather: Array.from({ length: rows }, (_, i) => ['sun', 'rain', 'fog', '', null][i % 5] as string | null),
    dry: Array.from({ length: rows }, (_, i) => i % 3 === 0),
  });

const file = (cached: unknown, input: unknown): WorkflowFile => ({
  format: 'swark.workflow',
  version: FORMAT_VERSION,
  name: 'Tables',
  workflow: {
    useExtracts: true,
    populateExtracts: true,
    steps: [{ id: 'x', model: 'input.number', inputs: {}, outputs: { value: 'x.value' }, params: { value: 2 } }],
    modelInputs: { x: { model: 'input.number', version: '1', value: encodeValue(input) } },
    modelOutputs: { x: { model: 'input.number', version: '1', value: encodeValue(cached) } },
  },
  layout: { x: { x: 0, y: 0 } },
});

/**
 * The file's cached steps as the import stores them (read as the run worker reads it), each value
 * decoded back from the text stored under its ref, which must be the ref the app itself stores it
 * under (so equal values share one entry).
 */
async function imported(text: string) {
  const { read, pending } = await readImport(text);
  if (!read.ok) throw new Error(read.problems.map((p) => p.message).join('\n'));
  const result = checkWorkflowFile(read.file, { portsOf, isCodeModel });
  if (!result.ok) throw new Error(result.problems.map((p) => p.message).join('\n'));
  const valueOf = (ref: string) => {
    const value = decodeValue(JSON.parse(pending.texts.get(ref) ?? 'null'));
    expect(encodeForStore(value).ref).toBe(ref);
    return value;
  };
  return importedExtractRefs(read.cache, read.file.workflow.steps, result.graph).map((entry) => ({
    stepKey: entry.stepKey,
    inputHash: entry.inputHash,
    input: { value: valueOf(entry.input.ref) },
    output: { value: valueOf(entry.output.ref) },
  }));
}

describe('When a workflow is exported with its cache', () => {
  it('its tables are written typed by column and import back equal', async () => {
    const output = { table: table(), note: 'kept' };
    const input = { source: table() };
    const base = file(output, input);
    const read = importWorkflowText(JSON.stringify(base), { portsOf, isCodeModel });
    if (!read.ok) throw new Error('the file does not import');
    // As the editor exports it: the graph with the cache beside it.
    const exported = toWorkflowFile(read.graph, portsOf, { modelInputs: base.workflow.modelInputs ?? {}, modelOutputs: base.workflow.modelOutputs ?? {} });
    const text = JSON.stringify(exported, null, 2);
    expect(text).not.toContain('"$swark": "date"');
    expect(text).toContain('"v": 2');
    const [entry] = await imported(text);
    expect(entry?.stepKey).toBe('x');
    expect((entry?.output.value as { table: Table }).table.equals(table())).toBe(true);
    expect((entry?.input.value as { source: Table }).source.equals(table())).toBe(true);
    expect(entry?.inputHash).toBe(hashValue(input));
    // Far smaller than a JSON value a cell.
    expect(text.length).toBeLessThan(JSON.stringify(legacyTable(table())).length);
  });

  it('a file written by the previous release (version 1 tables) imports the same tables, hashed as the app hashes them', async () => {
    const old = file(null, null);
    old.workflow.modelOutputs = { x: { model: 'input.number', version: '1', value: legacyTable(table()) } };
    old.workflow.modelInputs = { x: { model: 'input.number', version: '1', value: { old: legacyTable(table()) } } };
    const [entry] = await imported(JSON.stringify(old));
    expect((entry?.output.value as Table).equals(table())).toBe(true);
    expect(entry?.inputHash).toBe(hashValue({ old: table() }));
  });
});

/** A table as the previous release encoded it (payload version 1). */
function legacyTable(value: Table): JsonValue {
  const plain = (values: readonly unknown[]) =>
    values.every((v) => v === null || typeof v === 'string' || typeof v === 'boolean' || (typeof v === 'number' && Number.isFinite(v) && !Object.is(v, -0)));
  return {
    $swark: 'table',
    v: {
      names: [...value.names],
      columns: value.columns.map((values) => (plain(values) ? { plain: true, values: values as JsonValue[] } : { plain: false, values: encodeValue(values) })),
    },
  };
}
