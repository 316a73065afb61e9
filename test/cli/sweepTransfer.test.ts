import { describe, expect, it } from 'vitest';
import '../../src/models';
import { valuesEqual, type StepExtract } from '../../src/engine';
import { ValueWire } from '../../src/cli/sweep/transfer';
import { Table } from '../../src/models/table/table';

// Cache entries between the main thread and a sweep thread (`src/cli/sweep/transfer.ts`): each
// value crosses once, then goes by id; tables cross column by column. Both sides play here in one
// thread, so each is named.

const entry = (input: Record<string, unknown>, output: Record<string, unknown>): StepExtract => ({
  input: { value: input, model: 'table.filter', version: '1', at: 5 },
  output: { value: output, model: 'table.filter', version: '1', at: 5 },
});

/** Sends through a structured clone, as postMessage does, moving the typed arrays' buffers. */
function cross<T>(value: T, moved: ArrayBuffer[]): T {
  return structuredClone(value, { transfer: moved });
}

describe('ValueWire', () => {
  it('sends a value once: after that, and back, it goes by id and arrives as the very object', () => {
    const main = new ValueWire('main');
    const thread = new ValueWire('thread');
    const threadHolds = new Set<string>();
    const mainHolds = new Set<string>();
    const shared = Table.fromColumns({ city: ['a', 'b', 'a'], price: [1, 2.5, 3] });
    const first = cross(main.send([entry({ ranked: shared, where: 'price > 1' }, { table: shared })], threadHolds), main.takeMoved());
    expect(first[0]?.output.fields?.table).toEqual({ ref: expect.any(String) });
    const [received] = thread.receive(first, mainHolds);
    const table = (received?.input.value as { ranked: Table }).ranked;
    expect(valuesEqual(table, shared)).toBe(true);
    expect((received?.output.value as { table: Table }).table).toBe(table);

    // A second job names the table the thread holds.
    const second = main.send([entry({ ranked: shared, where: 'price > 2' }, { table: shared })], threadHolds);
    expect(second[0]?.input.fields?.ranked).toEqual({ ref: 'main.1' });

    // The thread's entry goes back with the shared table by id and its own table whole.
    const made = Table.fromColumns({ city: ['a'], price: [3] });
    const reply = cross(thread.send([entry({ ranked: table, where: 'price > 2' }, { table: made })], mainHolds), thread.takeMoved());
    expect(reply[0]?.input.fields?.ranked).toEqual({ ref: expect.any(String) });
    const [back] = main.receive(reply, threadHolds);
    expect((back?.input.value as { ranked: Table }).ranked).toBe(shared);
    expect(valuesEqual((back?.output.value as { table: Table }).table, made)).toBe(true);
    expect(back?.input).toMatchObject({ model: 'table.filter', version: '1', at: 5 });
  });

  it('with defer, makes a received table’s columns only when read, equal to the sent ones, shared with the tables derived from it', () => {
    const main = new ValueWire('main', true);
    const thread = new ValueWire('thread');
    const mainHolds = new Set<string>();
    const threadHolds = new Set<string>();
    const kept = Table.fromColumns({ city: ['a', 'b', 'a'], price: [1, 2.5, NaN] });
    const derived = Table.fromColumns([...kept.names.map((name): [string, unknown[]] => [name, kept.column(name) as unknown[]]), ['band', [0, null, 1]]]);
    const reply = cross(thread.send([entry({ kept }, { table: derived })], mainHolds), thread.takeMoved());
    const [back] = main.receive(reply, threadHolds);
    const input = (back?.input.value as { kept: Table }).kept;
    const output = (back?.output.value as { table: Table }).table;
    // Known before any column is made: the names and the row count.
    expect(input.rowCount).toBe(3);
    expect(output.names).toEqual(['city', 'price', 'band']);
    expect(Object.getOwnPropertyDescriptor(input, 'columns')?.get).toBeTypeOf('function');
    expect(valuesEqual(input, kept)).toBe(true);
    expect(Object.getOwnPropertyDescriptor(input, 'columns')?.get).toBeUndefined();
    expect(valuesEqual(output, derived)).toBe(true);
    // The derived table's columns are its source's very arrays, as on the thread.
    expect(output.column('city')).toBe(input.column('city'));
    // Sent back to that thread, a table it made goes by id, column by column.
    const again = main.send([entry({ table: output }, { table: output })], threadHolds);
    expect(again[0]?.input.fields?.table).toEqual({ ref: expect.any(String) });
  });

  it('keeps every cell as it was: numbers (NaN, -0, ±Infinity), text, empty cells, dates, and cells a clone would change', () => {
    const main = new ValueWire('main');
    const thread = new ValueWire('thread');
    const date = new Date(Date.UTC(2014, 0, 2));
    const table = Table.fromColumns({
      n: [NaN, -0, Infinity, -Infinity, 1.5],
      s: ['x', 'y', 'x', '', 'ü'],
      mixed: [null, 'a', 3, true, date],
      nested: [{ a: 1 }, null, [1, 2], 'b', new Map([[1, 2]])],
    });
    const plain = Table.fromColumns({ n: [-0, NaN], when: [date, null] });
    const gapped = Table.fromColumns({ gaps: [null, 2, null, -0, NaN], none: [null, null, null, null, null] });
    const wire = cross(main.send([entry({ table, plain, gapped }, { table })], new Set()), main.takeMoved());
    // Numbers with empty cells cross as numbers and a mask of the empty ones, not cell by cell.
    const sent = wire[0]?.input.fields?.gapped;
    const gaps = sent && 'table' in sent ? sent.table.columns[sent.table.names.indexOf('gaps')] : undefined;
    expect(gaps && Object.keys(gaps).sort()).toEqual(['id', 'nulls', 'numbers']);
    const [got] = thread.receive(wire, new Set());
    const value = got?.input.value as { table: Table; plain: Table; gapped: Table };
    expect(valuesEqual(value.table, table)).toBe(true);
    expect(Object.is(value.table.column('n')[1], -0)).toBe(true);
    expect(value.table.column('n')[0]).toBeNaN();
    expect(value.gapped.column('gaps')).toEqual([null, 2, null, -0, NaN]);
    expect(Object.is(value.gapped.column('gaps')[3], -0)).toBe(true);
    expect(value.gapped.column('none')).toEqual([null, null, null, null, null]);
    expect(value.table.column('nested')[4]).toBeInstanceOf(Map);
    expect(valuesEqual(value.plain, plain)).toBe(true);
    expect(value.plain.column('when')[0]).toBeInstanceOf(Date);
  });

  it('counts nothing as sent when a value cannot be encoded, and says so when a value is named but never sent', () => {
    const main = new ValueWire('main');
    const held = new Set<string>();
    const table = Table.fromColumns({ n: [1] });
    expect(() => main.send([entry({ table, bad: () => 1 }, { table })], held)).toThrow(/cannot store a value of type function/);
    expect(held.size).toBe(0);
    expect(main.takeMoved()).toEqual([]);

    const thread = new ValueWire('thread');
    const wire = main.send([entry({ table }, { table })], new Set(['main.1']));
    expect(() => thread.receive(wire, new Set())).toThrow('sweep transfer: value main.1 was named but never sent');
  });
});
