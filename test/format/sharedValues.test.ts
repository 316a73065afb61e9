/** Format version 7: the cache in an export holds each distinct big value once (`values`, `shared`). */
import { describe, expect, it, vi } from 'vitest';
import '../../src/models';
import { decodeValue, encodeValue, type CacheEntryJSON } from '../../src/engine';
import { FORMAT_VERSION, importWorkflowText, type WorkflowFile } from '../../src/format';
import { migrateWorkflowFile } from '../../src/format/migrations';
import { SHARED_MIN_CHARS, packExtracts, workflowFileText } from '../../src/format/sharedValues';
import { Table } from '../../src/models/table/table';
import { isCodeModel, portsOf } from '../../src/store/graph';

vi.mock('../../src/engine', async (importOriginal) => {
  const engine = await importOriginal<typeof import('../../src/engine')>();
  // Off by default; one test makes every hash collide to check that different values never share a key.
  const collide = { on: false };
  return { ...engine, collide, hashString: (text: string) => (collide.on ? '00000000000000aa' : engine.hashString(text)) };
});

const steps = [
  { id: 'rows', model: 'input.json', inputs: {}, outputs: { value: 'rows.value' }, params: {} },
  { id: 'first', model: 'table.limit', inputs: { 'rows.value': 'table' }, outputs: { table: 'first.table' }, params: { count: 2 } },
];

/** A table of 200 rows with a date column (the kind a CSV step makes) and its codec encoding. */
function bigTable(): { table: Table; encoded: ReturnType<typeof encodeValue> } {
  const table = Table.fromRows(
    Array.from({ length: 200 }, (_, i) => ({ day: new Date(Date.UTC(2020, 0, 1 + i)), temp: i / 4, city: i % 2 ? 'Seattle' : 'Portland' })),
  );
  return { table, encoded: encodeValue(table) };
}

function fileWithCache(): { file: WorkflowFile; modelInputs: Record<string, CacheEntryJSON>; modelOutputs: Record<string, CacheEntryJSON> } {
  const { encoded } = bigTable();
  // The first step's output table is the second step's input, as in every table pipeline.
  const modelInputs = {
    rows: { model: 'input.json', version: '1', at: 1, value: {} },
    first: { model: 'table.limit', version: '1', at: 2, value: { table: encoded, count: 2 } },
  };
  const modelOutputs = {
    rows: { model: 'input.json', version: '1', at: 1, value: { value: encoded } },
    first: { model: 'table.limit', version: '1', at: 2, value: { table: { $swark: 'num', v: 'NaN' } } },
  };
  const file = { format: 'swark.workflow', version: FORMAT_VERSION, name: 'Shared', workflow: { steps, modelInputs, modelOutputs } } as unknown as WorkflowFile;
  return { file, modelInputs, modelOutputs };
}

const importText = (text: string) => {
  const result = importWorkflowText(text, { portsOf, isCodeModel });
  if (!result.ok) throw new Error(result.problems.map((problem) => problem.message).join('\n'));
  return result;
};

describe('the cache in an export (format 7)', () => {
  it('writes a table that is one step’s output and the next one’s input once, and reads back the same extracts', () => {
    const { file, modelInputs, modelOutputs } = fileWithCache();
    const text = workflowFileText(file);
    const parsed = JSON.parse(text) as { values: Record<string, unknown>; workflow: { modelInputs: Record<string, { shared?: object }> } };
    expect(Object.keys(parsed.values)).toHaveLength(1);
    expect(parsed.workflow.modelInputs.first?.shared).toEqual({ table: Object.keys(parsed.values)[0] });
    // Counted in the text itself: the table's JSON appears once.
    expect(text.split(JSON.stringify(bigTable().encoded)).length - 1).toBe(1);

    const back = importText(text).file;
    expect(back.workflow.modelInputs).toEqual(modelInputs);
    expect(back.workflow.modelOutputs).toEqual(modelOutputs);
    expect('values' in back).toBe(false);
    // And the value decodes to the table it was (checked against the rows, not the codec's output).
    const table = decodeValue((back.workflow.modelOutputs?.rows?.value as { value: never }).value) as Table;
    expect(table.equals(bigTable().table)).toBe(true);
  });

  it('is much smaller than the indented whole file, and keeps small fields inline', () => {
    const { file } = fileWithCache();
    const text = workflowFileText(file);
    expect(text.length).toBeLessThan(JSON.stringify(file, null, 2).length / 2);
    const parsed = JSON.parse(text) as { workflow: { modelInputs: Record<string, { value: Record<string, unknown> }> } };
    expect(parsed.workflow.modelInputs.first?.value).toEqual({ count: 2 });
    expect(JSON.stringify(2).length).toBeLessThan(SHARED_MIN_CHARS);
  });

  it('gives two different values with the same hash different keys', async () => {
    const engine = (await import('../../src/engine')) as unknown as { collide: { on: boolean } };
    engine.collide.on = true;
    try {
      const big = (fill: string) => ({ model: 'm', version: '1', value: { text: fill.repeat(SHARED_MIN_CHARS) } });
      const packed = packExtracts({ modelInputs: { a: big('a'), b: big('b'), c: big('a') }, modelOutputs: {} });
      expect([...packed.values.keys()]).toEqual(['00000000000000aa', '00000000000000aa-2']);
      expect([packed.modelInputs.a?.shared, packed.modelInputs.b?.shared, packed.modelInputs.c?.shared]).toEqual([
        { text: '00000000000000aa' },
        { text: '00000000000000aa-2' },
        { text: '00000000000000aa' },
      ]);
    } finally {
      engine.collide.on = false;
    }
  });

  it('refuses, in words, a file whose extract names a value it does not have, or has a field twice', () => {
    const { file } = fileWithCache();
    const parsed = JSON.parse(workflowFileText(file)) as { values: Record<string, unknown>; workflow: { modelInputs: { first: { value: object } } } };
    const key = Object.keys(parsed.values)[0] as string;
    const missing = importWorkflowText(JSON.stringify({ ...parsed, values: {} }), { portsOf, isCodeModel });
    expect(missing.ok ? [] : missing.problems.map((problem) => problem.message)).toEqual([
      `The cached input of step "first": field "table" refers to value "${key}", which the file's "values" does not have.`,
      `The cached output of step "rows": field "value" refers to value "${key}", which the file's "values" does not have.`,
    ]);
    parsed.workflow.modelInputs.first.value = { count: 2, table: 1 };
    const twice = importWorkflowText(JSON.stringify(parsed), { portsOf, isCodeModel });
    expect(twice.ok ? [] : twice.problems.map((problem) => problem.message)).toEqual([
      'The cached input of step "first" has field "table" both inline and in "values".',
    ]);
  });

  it('reads a version 6 file, whose extracts are whole, as it was', () => {
    const { modelInputs, modelOutputs } = fileWithCache();
    const version6 = { format: 'swark.workflow', version: 6, name: 'Old', workflow: { steps, modelInputs, modelOutputs } };
    expect(migrateWorkflowFile(structuredClone(version6))).toEqual({ ...version6, version: 7 });
    const back = importText(JSON.stringify(version6)).file;
    expect(back.workflow.modelInputs).toEqual(modelInputs);
    expect(back.workflow.modelOutputs).toEqual(modelOutputs);
  });
});
