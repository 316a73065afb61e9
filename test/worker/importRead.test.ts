/**
 * Reading an imported file's cache without decoding it (issue 12: the page decoded, hashed and
 * encoded a million-row export's tables again, 2–3 s): a value the codec wrote is stored and
 * hashed as it is written, and that must give exactly the text, ref and hash the app gives the
 * decoded value; a value that does not decode is no cache, as when it was decoded.
 */
import { describe, expect, it } from 'vitest';
import { decodeValue, encodeValue, hashString, hashValue, sortedJsonText, storableAsWritten, type JsonValue } from '../../src/engine';
import { Table } from '../../src/models';
import { FORMAT_VERSION, type WorkflowFile } from '../../src/format';
import { workflowFileText } from '../../src/format/sharedValues';
import { encodeForStore, initValueHashing } from '../../src/persistence/values';
import { readImport } from '../../src/worker/importRead';

const ROWS = 3000;
/** Every column type the table encoding has, with nulls, NaN, -0, invalid dates and repeated strings. */
const everyColumnType = () =>
  Table.fromColumns({
    int: Array.from({ length: ROWS }, (_, i) => (i % 17 === 0 ? null : i * 3 - 4000)),
    decimal: Array.from({ length: ROWS }, (_, i) => Math.round(Math.cos(i) * 1000) / 100),
    f64: Array.from({ length: ROWS }, (_, i) => (i === 3 ? NaN : i === 4 ? -0 : i === 5 ? Infinity : Math.sin(i))),
    day: Array.from({ length: ROWS }, (_, i) => (i % 11 === 0 ? null : new Date(Date.UTC(2001, 0, 1) + i * 86_400_000))),
    instant: Array.from({ length: ROWS }, (_, i) => (i === 7 ? new Date(NaN) : new Date(1_700_000_000_123 + i * 7919))),
    flag: Array.from({ length: ROWS }, (_, i) => (i % 5 === 0 ? null : i % 3 === 0)),
    city: Array.from({ length: ROWS }, (_, i) => (i % 13 === 0 ? null : (['Oslo', 'Lima', 'Pune'][i % 3] as string))),
    note: Array.from({ length: ROWS }, (_, i) => `n${i}\u{1F600}`),
    mixed: Array.from({ length: ROWS }, (_, i) => (i % 2 ? i : `t${i}`)),
    empty: Array.from({ length: ROWS }, () => null),
  });

/** A workflow file whose one step caches `input` → `output` (as the app exports it: big fields once, in `values`). */
function cachedFile(input: unknown, output: unknown, more: Record<string, { input: JsonValue; output: JsonValue }> = {}): string {
  const file: WorkflowFile = {
    format: 'swark.workflow',
    version: FORMAT_VERSION,
    name: 'Cache',
    workflow: {
      useExtracts: true,
      populateExtracts: true,
      steps: [
        { id: 'x', model: 'input.number', inputs: {}, outputs: { value: 'x.value' }, params: { value: 2 } },
        { id: 'y', model: 'input.number', inputs: {}, outputs: { value: 'y.value' }, params: { value: 3 } },
      ],
      modelInputs: { x: { model: 'input.number', version: '1', value: encodeValue(input) } },
      modelOutputs: { x: { model: 'input.number', version: '1', value: encodeValue(output) } },
    },
  };
  for (const [key, entry] of Object.entries(more)) {
    (file.workflow.modelInputs ?? {})[key] = { model: 'input.number', version: '1', value: entry.input };
    (file.workflow.modelOutputs ?? {})[key] = { model: 'input.number', version: '1', value: entry.output };
  }
  return workflowFileText(file);
}

describe('A value the codec wrote, stored as it is written', () => {
  it('has the text, ref and hash of its decoded value, for a table of every column type and the values around it', async () => {
    await initValueHashing();
    const values: unknown[] = [
      { table: everyColumnType(), note: 'kept', n: -0, when: new Date(5), big: 2n ** 70n },
      everyColumnType(),
      { nested: { $swark: 'not a tag', list: [1, null, 'x', NaN] } },
      [new Map([[1, 'a']]), new Set([2]), undefined, Infinity],
    ];
    for (const value of values) {
      const json = encodeValue(value);
      const parsed = JSON.parse(JSON.stringify(json)) as JsonValue;
      expect(storableAsWritten(parsed)).toBe(true);
      expect(JSON.stringify(parsed)).toBe(encodeForStore(value).json);
      expect(hashString(sortedJsonText(parsed))).toBe(hashValue(value));
      expect(hashValue(decodeValue(parsed))).toBe(hashValue(value));
    }
  });

  it('is decoded and encoded again when written another way: an older table, a raw -0, an own `$swark` key, a tag with more keys', () => {
    const legacy = { $swark: 'table', v: { names: ['a'], columns: [{ plain: true, values: [1, 2] }] } };
    for (const json of [legacy, -0, { $swark: 5 }, { $swark: 'date', v: 5, extra: 1 }, { $swark: 'date', v: '5' }] as JsonValue[])
      expect(storableAsWritten(json)).toBe(false);
    expect(storableAsWritten({ a: [1, 'b', null, true] })).toBe(true);
  });

  it('is refused as decoding refuses it, for each way a table payload can be wrong', () => {
    const good = encodeValue(everyColumnType()) as { $swark: string; v: { rows: number; names: string[]; columns: Record<string, unknown>[] } };
    const variants: ((payload: typeof good.v) => void)[] = [
      (p) => (p.rows = -1),
      (p) => (p.rows = ROWS + 1),
      (p) => (p.names = [...p.names.slice(0, -1), 'int']),
      (p) => p.columns.pop(),
      (p) => ((p.columns[0] as { d: string }).d = 'AAAA'),
      (p) => ((p.columns[0] as { w: number }).w = 3),
      (p) => ((p.columns[0] as { n: string }).n = 'AA=='),
      (p) => ((p.columns[1] as { e: number }).e = 9),
      (p) => ((p.columns[3] as { u: number }).u = 7),
      (p) => ((p.columns[6] as { s: string[] }).s = ['Oslo']),
      (p) => ((p.columns[7] as { s: string[] }).s = ['too few']),
      (p) => ((p.columns[8] as { v: unknown }).v = [1, 2]),
      (p) => ((p.columns[2] as { t: string }).t = 'f128'),
      (p) => ((p as unknown as { v: number }).v = 3),
    ];
    for (const [i, change] of variants.entries()) {
      const bad = structuredClone(good);
      change(bad.v);
      expect(() => decodeValue(bad), `variant ${i}`).toThrow();
      expect(() => storableAsWritten(bad), `variant ${i}`).toThrow();
    }
  });
});

describe('An imported file read in the worker', () => {
  it('keeps each cached step whose values decode, by the refs the app stores them under, and leaves out one that does not', async () => {
    const input = { source: everyColumnType() };
    const output = { table: everyColumnType(), note: 'kept' };
    const broken = encodeValue({ table: everyColumnType() }) as { table: { v: { rows: number } } };
    broken.table.v.rows = 5;
    const { read, pending } = await readImport(cachedFile(input, output, { y: { input: { n: 1 }, output: broken as unknown as JsonValue } }));
    if (!read.ok) throw new Error(read.problems.map((p) => p.message).join('\n'));
    expect(read.cache.map((entry) => entry.key)).toEqual(['x']);
    const [entry] = read.cache;
    expect(entry?.inputHash).toBe(hashValue(input));
    expect(entry?.input.ref).toBe(encodeForStore(input).ref);
    expect(entry?.output.origin).toBe('imported');
    // The output's fields come back inline ones first (the file writes a big one apart, in `values`):
    // its ref is the app's for the value as it comes back, as when the import decoded it.
    const stored = decodeValue(JSON.parse(pending.texts.get(entry?.output.ref ?? '') ?? 'null')) as typeof output;
    expect(stored.table.equals(everyColumnType())).toBe(true);
    expect(stored.note).toBe('kept');
    expect(entry?.output.ref).toBe(encodeForStore(stored).ref);
    // The page gets the graph part only.
    expect(read.file.workflow.modelInputs).toBeUndefined();
    expect(JSON.stringify(read.file).length).toBeLessThan(2000);
  });
});
