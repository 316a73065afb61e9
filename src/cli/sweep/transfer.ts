/**
 * Cache entries on their way between the main thread and a sweep thread, each value sent once: an
 * entry's input and output are records (port → value), and every object among their fields gets an
 * id the first time it crosses. A side that holds a value already is sent its id, not the value:
 * the shared 60,000-row table that every state's first swept step reads crosses to a thread once,
 * and never back (the thread's entries name it by id). Ids are `<threadId>.<n>`, unique in the
 * process, so an id either side made means the same value on both.
 *
 * Tables cross column by column (numbers and text in moved typed arrays, no codec) when every cell
 * survives a structured clone unchanged; any other value crosses codec-encoded.
 */
import { threadId } from 'node:worker_threads';
import { decodeValue, encodeValue, type CacheEntry, type JsonValue, type StepExtract } from '../../engine';
import { Table } from '../../models/table/table';
import { PendingColumn, cellsOf, columnData, lengthOf, receiveData, type WireColumn } from './columnWire';

/** One field of an entry's record: a value the peer holds (by id), or the value with its id. */
type WireField = { ref: string } | { id: string; table: { names: string[]; columns: WireColumn[] } } | { id: string; json: JsonValue } | { plain: JsonValue };

interface WireEntry {
  model: string | null;
  version: string | null;
  at?: number;
  origin?: 'imported';
  /** The record's fields; `whole` when the value is not a record (a seed, say). */
  fields?: Record<string, WireField>;
  whole?: JsonValue;
}

export interface WireExtract {
  input: WireEntry;
  output: WireEntry;
}

/** A step's entries, by step key, as they cross. */
export type WireCache = Record<string, WireExtract[]>;

const isRecord = (value: unknown): value is Record<string, unknown> =>
  value !== null && typeof value === 'object' && (Object.getPrototypeOf(value) === Object.prototype || Object.getPrototypeOf(value) === null);

export class ValueWire {
  /**
   * `side` prefixes the ids this side makes: the thread's id, unless a test plays both sides in one
   * thread. With `defer`, a table received is made into arrays only when its columns are first read:
   * the main thread of a sweep keeps every table a thread made, for the workspace, and reads few.
   */
  constructor(
    private readonly side: string = String(threadId),
    private readonly defer = false,
  ) {}

  private next = 1;
  private readonly ids = new WeakMap<object, string>();
  private readonly byId = new Map<string, unknown>();
  /** The buffers the next message moves (see {@link ValueWire.takeMoved}). */
  private moved: ArrayBuffer[] = [];

  /**
   * Lets go of every value this side made (a sweep thread, once its reply is sent: the main thread
   * keeps them, and a thread that kept every state's tables would spend its time in the garbage
   * collector). The values the peer sent stay, by id. Pair with {@link ValueWire.peerForgot} there.
   */
  forgetOwn(): void {
    for (const id of this.byId.keys()) if (id.startsWith(`${this.side}.`)) this.byId.delete(id);
  }

  /** The peer let go of what it made (`forgetOwn`): it holds only what this side sent it, so the rest goes whole if it must go again. */
  peerForgot(held: Set<string>): void {
    for (const id of held) if (!id.startsWith(`${this.side}.`)) held.delete(id);
  }

  /** The buffers of the typed arrays sent since the last call: the message that carries them must move them. */
  takeMoved(): ArrayBuffer[] {
    const moved = this.moved;
    this.moved = [];
    return moved;
  }

  private idOf(value: object): string {
    let id = this.ids.get(value);
    if (id === undefined) this.remember(value, (id = `${this.side}.${this.next++}`));
    return id;
  }

  private remember(value: object, id: string): void {
    this.ids.set(value, id);
    this.byId.set(id, value);
  }

  /** A table's columns for the wire (those the peer holds by id), or null when a cell would not survive a structured clone as it is. */
  private sendColumns(table: Table, held: Set<string>): WireColumn[] | null {
    const columns: WireColumn[] = [];
    const sent: string[] = [];
    for (const column of table.columns) {
      const id = this.idOf(column);
      if (held.has(id)) {
        columns.push({ ref: id });
        continue;
      }
      const data = columnData(column, this.moved);
      if (!data) {
        for (const each of sent) held.delete(each);
        return null;
      }
      held.add(id);
      sent.push(id);
      columns.push({ ...data, id });
    }
    return columns;
  }

  private receiveColumn(column: WireColumn, held: Set<string>): unknown[] | PendingColumn {
    if ('ref' in column) {
      const known = this.byId.get(column.ref);
      if (!Array.isArray(known) && !(known instanceof PendingColumn)) throw new Error(`sweep transfer: column ${column.ref} was named but never sent`);
      return known;
    }
    if (this.defer) {
      const { id } = column;
      const pending = new PendingColumn(column, lengthOf(column), (cells) => this.ids.set(cells, id));
      this.byId.set(id, pending);
      held.add(id);
      return pending;
    }
    const cells = receiveData(column);
    this.remember(cells, column.id);
    held.add(column.id);
    return cells;
  }

  /** A field for a peer that holds the ids in `held` (and will hold this one after). */
  private sendField(value: unknown, held: Set<string>): WireField {
    if (value === null || typeof value !== 'object') return { plain: encodeValue(value) };
    const id = this.idOf(value);
    if (held.has(id)) return { ref: id };
    held.add(id);
    const columns = value instanceof Table ? this.sendColumns(value, held) : null;
    if (value instanceof Table && columns) return { id, table: { names: [...value.names], columns } };
    return { id, json: encodeValue(value) };
  }

  private receiveField(field: WireField, held: Set<string>): unknown {
    if ('plain' in field) return decodeValue(field.plain);
    if ('ref' in field) {
      const value = this.byId.get(field.ref);
      if (value === undefined) throw new Error(`sweep transfer: value ${field.ref} was named but never sent`);
      return value;
    }
    const known = this.byId.get(field.id);
    if (known !== undefined) return known;
    const value = 'table' in field ? this.receiveTable(field.table, held) : decodeValue(field.json);
    if (value !== null && typeof value === 'object') this.remember(value, field.id);
    held.add(field.id);
    return value;
  }

  private receiveTable(table: { names: string[]; columns: WireColumn[] }, held: Set<string>): Table {
    const columns = table.names.map((_, i) => this.receiveColumn(table.columns[i] as WireColumn, held));
    if (!columns.some((column) => column instanceof PendingColumn))
      return Table.fromColumns(table.names.map((name, i): [string, unknown[]] => [name, columns[i] as unknown[]]));
    const rowCount = columns[0]?.length ?? 0;
    const uneven = columns.findIndex((column) => column.length !== rowCount);
    if (uneven >= 0) throw new Error(`sweep transfer: column \`${table.names[uneven]}\` has ${columns[uneven]?.length} values, not ${rowCount}`);
    return Table.deferred([...table.names], rowCount, () => columns.map(cellsOf));
  }

  private sendEntry(entry: CacheEntry, held: Set<string>): WireEntry {
    const head = {
      model: entry.model,
      version: entry.version,
      ...(entry.at === undefined ? {} : { at: entry.at }),
      ...(entry.origin === undefined ? {} : { origin: entry.origin }),
    };
    const { value } = entry;
    if (!isRecord(value)) return { ...head, whole: encodeValue(value) };
    const fields: Record<string, WireField> = {};
    for (const key of Object.keys(value)) Object.defineProperty(fields, key, { value: this.sendField(value[key], held), enumerable: true });
    return { ...head, fields };
  }

  private receiveEntry(wire: WireEntry, held: Set<string>): CacheEntry {
    let value: unknown;
    if (wire.fields) {
      const record: Record<string, unknown> = {};
      for (const key of Object.keys(wire.fields))
        Object.defineProperty(record, key, {
          value: this.receiveField(wire.fields[key] as WireField, held),
          enumerable: true,
          writable: true,
          configurable: true,
        });
      value = record;
    } else value = decodeValue(wire.whole);
    return {
      value,
      model: wire.model,
      version: wire.version,
      ...(wire.at === undefined ? {} : { at: wire.at }),
      ...(wire.origin === undefined ? {} : { origin: wire.origin }),
    };
  }

  /** Entries for a peer that holds `held` (updated: it holds every value sent after). */
  send(entries: readonly StepExtract[], held: Set<string>): WireExtract[] {
    // All or nothing: a value that cannot be encoded must not leave the peer counted as holding what came before it.
    const before = new Set(held);
    const moved = this.moved.length;
    try {
      return entries.map((entry) => ({ input: this.sendEntry(entry.input, held), output: this.sendEntry(entry.output, held) }));
    } catch (error) {
      for (const id of held) if (!before.has(id)) held.delete(id);
      this.moved.length = moved;
      throw error;
    }
  }

  /** A peer's entries; the values it names by id must have crossed before. `held` learns the ids that came. */
  receive(entries: readonly WireExtract[], held: Set<string>): StepExtract[] {
    return entries.map((entry) => ({ input: this.receiveEntry(entry.input, held), output: this.receiveEntry(entry.output, held) }));
  }
}
