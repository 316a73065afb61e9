/**
 * The library's one table type: named columns of equal length, immutable by convention.
 * Light on purpose (no library): importing it never loads arquero, so the palette and the
 * codec registration cost nothing at first paint. Table operations convert to arquero lazily
 * (see `arquero.ts`); the conversion shares the column arrays instead of copying them.
 */
import { registerValueType, valuesEqual, type JsonValue, type ValueType } from '../../engine';
import { checkTablePayload, decodeTablePayload, encodeTablePayload } from './columnar';

export type ColumnType = 'number' | 'string' | 'boolean' | 'date' | 'null' | 'mixed';
export type Row = Record<string, unknown>;

export class Table {
  readonly names: readonly string[];
  readonly columns: readonly (readonly unknown[])[];
  readonly rowCount: number;

  private constructor(names: readonly string[], columns: readonly (readonly unknown[])[], rowCount: number) {
    this.names = names;
    this.columns = columns;
    this.rowCount = rowCount;
  }

  /**
   * A table from `{ name: values }`; every column must have the same length. `rowCount` says it for a
   * table without columns (which may still have rows, as `fromRows` of empty objects makes).
   */
  static fromColumns(columns: Record<string, readonly unknown[]> | [string, readonly unknown[]][], rowCount?: number): Table {
    const entries = Array.isArray(columns) ? columns : Object.entries(columns);
    const names = entries.map(([name]) => name);
    const duplicate = names.find((name, i) => names.indexOf(name) !== i);
    if (duplicate !== undefined) throw new Error(`column \`${duplicate}\` appears twice`);
    const rows = entries[0]?.[1].length ?? rowCount ?? 0;
    if (rowCount !== undefined && rows !== rowCount) throw new Error(`column \`${names[0]}\` has ${rows} values, not ${rowCount}`);
    for (const [name, values] of entries) {
      if (values.length !== rows) throw new Error(`column \`${name}\` has ${values.length} values but \`${names[0]}\` has ${rows}`);
    }
    return new Table(
      names,
      entries.map(([, values]) => values),
      rows,
    );
  }

  /**
   * A table whose columns are made when first read, as a table another thread sent in buffers
   * (`cli/sweep/transfer.ts`): a sweep keeps every state's tables for the workspace, and most are
   * never read before they are saved. Its names and row count are known now.
   */
  static deferred(names: readonly string[], rowCount: number, columns: () => readonly (readonly unknown[])[]): Table {
    const table = new Table(names, [], rowCount);
    Object.defineProperty(table, 'columns', {
      configurable: true,
      enumerable: true,
      get: () => {
        const made = columns();
        Object.defineProperty(table, 'columns', { value: made, enumerable: true, writable: false, configurable: false });
        return made;
      },
    });
    return table;
  }

  /** A table from row objects; columns are the union of their keys in first-seen order, missing cells null. */
  static fromRows(rows: readonly Row[], names?: readonly string[]): Table {
    const columnNames = names ? [...names] : unionOfKeys(rows);
    const columns = columnNames.map((name) => {
      const values = new Array<unknown>(rows.length);
      for (let i = 0; i < rows.length; i++) {
        const row = rows[i] as Row;
        // Own cells only: a row without `toString` must not read the built-in one.
        const cell = Object.hasOwn(row, name) ? row[name] : undefined;
        values[i] = cell === undefined ? null : cell;
      }
      return values;
    });
    return new Table(columnNames, columns, rows.length);
  }

  /**
   * A Table again from its structured clone (postMessage drops the class but keeps names,
   * column arrays and dates), without re-encoding; undefined when `value` does not have that shape.
   */
  static revive(value: unknown): Table | undefined {
    if (value instanceof Table) return value;
    const shape = value as { names?: unknown; columns?: unknown; rowCount?: unknown } | null;
    if (shape === null || typeof shape !== 'object' || !Array.isArray(shape.names) || !Array.isArray(shape.columns) || typeof shape.rowCount !== 'number')
      return undefined;
    if (shape.names.length !== shape.columns.length || !shape.names.every((name) => typeof name === 'string')) return undefined;
    const columns = shape.columns as unknown[];
    if (!columns.every(Array.isArray)) return undefined;
    try {
      return Table.fromColumns((shape.names as string[]).map((name, i) => [name, columns[i] as unknown[]] as [string, unknown[]]));
    } catch {
      return undefined;
    }
  }

  static empty(names: readonly string[] = []): Table {
    return new Table(
      [...names],
      names.map(() => []),
      0,
    );
  }

  get columnCount(): number {
    return this.names.length;
  }

  has(name: string): boolean {
    return this.names.includes(name);
  }

  /** The values of column `name`; throws a message listing the columns when there is none. */
  column(name: string): readonly unknown[] {
    const index = this.names.indexOf(name);
    if (index < 0) throw new Error(columnNotFound(name, this.names));
    return this.columns[index] as readonly unknown[];
  }

  /** Row `index` as an object (for virtualised grids: O(columns), no copy of the table). */
  row(index: number): Row {
    const row: Row = {};
    for (let c = 0; c < this.names.length; c++) setOwn(row, this.names[c] as string, (this.columns[c] as readonly unknown[])[index]);
    return row;
  }

  rows(): Row[] {
    const out = new Array<Row>(this.rowCount);
    for (let i = 0; i < this.rowCount; i++) out[i] = this.row(i);
    return out;
  }

  columnType(name: string): ColumnType {
    return typeOfValues(this.column(name));
  }

  columnTypes(): Record<string, ColumnType> {
    const out: Record<string, ColumnType> = {};
    this.names.forEach((name, i) => setOwn(out, name, typeOfValues(this.columns[i] as readonly unknown[])));
    return out;
  }

  equals(other: Table): boolean {
    if (this === other) return true;
    if (this.rowCount !== other.rowCount || this.names.length !== other.names.length) return false;
    for (let c = 0; c < this.names.length; c++) {
      if (this.names[c] !== other.names[c]) return false;
      const a = this.columns[c] as readonly unknown[];
      const b = other.columns[c] as readonly unknown[];
      if (a === b) continue;
      for (let i = 0; i < a.length; i++) {
        const x = a[i];
        const y = b[i];
        if (x !== y && (typeof x !== 'object' || x === null || !valuesEqual(x, y)) && !(x !== x && y !== y)) return false;
      }
    }
    return true;
  }

  toString(): string {
    return `table ${this.rowCount} × ${this.names.length}`;
  }
}

export function isTable(value: unknown): value is Table {
  return value instanceof Table;
}

/** The message every model uses for a missing column. */
export function columnNotFound(name: string, names: readonly string[]): string {
  const shown = names.slice(0, 12).join(', ') + (names.length > 12 ? ', …' : '');
  return `column \`${name}\` not found; ${names.length ? `columns are: ${shown}` : 'the table has no columns'}`;
}

/** Throws the missing-column message for the first of `wanted` the table lacks. */
export function requireColumns(table: Table, wanted: readonly string[], role = ''): void {
  for (const name of wanted) {
    if (!table.has(name)) throw new Error(`${role ? `${role}: ` : ''}${columnNotFound(name, table.names)}`);
  }
}

/**
 * Sets `record[key]` as an own property: `row.__proto__ = v` would set the object's prototype
 * instead (or do nothing), losing a column named `__proto__`.
 */
export function setOwn<T>(record: Record<string, T>, key: string, value: T): void {
  if (key === '__proto__') Object.defineProperty(record, key, { value, enumerable: true, writable: true, configurable: true });
  else record[key] = value;
}

function unionOfKeys(rows: readonly Row[]): string[] {
  const seen = new Set<string>();
  for (const row of rows) for (const key of Object.keys(row)) seen.add(key);
  return [...seen];
}

function typeOfValue(value: unknown): ColumnType {
  if (value === null || value === undefined) return 'null';
  if (typeof value === 'number') return 'number';
  if (typeof value === 'string') return 'string';
  if (typeof value === 'boolean') return 'boolean';
  if (value instanceof Date) return 'date';
  return 'mixed';
}

function typeOfValues(values: readonly unknown[]): ColumnType {
  let found: ColumnType = 'null';
  for (const value of values) {
    const type = typeOfValue(value);
    if (type === 'null') continue;
    if (type === 'mixed') return 'mixed';
    if (found === 'null') found = type;
    else if (found !== type) return 'mixed';
  }
  return found;
}

// ---------------------------------------------------------------- CSV out

function csvCell(value: unknown): string {
  if (value === null || value === undefined) return '';
  const text = value instanceof Date ? value.toISOString() : typeof value === 'object' ? JSON.stringify(value) : String(value);
  return /[",\r\n]/.test(text) || /^\s|\s$/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** CSV text with a header row (RFC 4180 quoting, `\n` line ends, dates as ISO 8601). */
export function toCSV(table: Table, delimiter = ','): string {
  const cell =
    delimiter === ','
      ? csvCell
      : (value: unknown) => {
          const text = csvCell(value);
          return text.includes(delimiter) && !text.startsWith('"') ? `"${text.replace(/"/g, '""')}"` : text;
        };
  const lines = [table.names.map(cell).join(delimiter)];
  for (let i = 0; i < table.rowCount; i++) {
    let line = '';
    for (let c = 0; c < table.columns.length; c++) line += (c ? delimiter : '') + cell((table.columns[c] as readonly unknown[])[i]);
    lines.push(line);
  }
  return lines.join('\n') + '\n';
}

// ---------------------------------------------------------------- codec

/**
 * Each column array's approximate size, counted once: column arrays never change once built, and a
 * run sizes a table for every summary of it (a step's output, the next step's input).
 */
const columnSizes = new WeakMap<readonly unknown[], number>();

function sizeOfColumn(column: readonly unknown[]): number {
  let bytes = columnSizes.get(column);
  if (bytes !== undefined) return bytes;
  bytes = 0;
  for (let i = 0; i < column.length; i++) {
    const value = column[i];
    bytes += typeof value === 'string' ? 2 * value.length + 8 : 8;
  }
  columnSizes.set(column, bytes);
  return bytes;
}

function sizeOfTable(table: Table): number {
  let bytes = 0;
  for (const column of table.columns) bytes += sizeOfColumn(column);
  return bytes;
}

/** Typed by column (`columnar.ts`: payload version 2); version 1 payloads are decoded as well. */
export const tableValueType: ValueType<Table> = {
  tag: 'table',
  is: isTable,
  encode: (table) => encodeTablePayload(table.names, table.columns, table.rowCount) as unknown as JsonValue,
  decode: (payload) => {
    const { names, columns, rowCount } = decodeTablePayload(payload);
    return Table.fromColumns(
      names.map((name, i) => [name, columns[i] as unknown[]] as [string, unknown[]]),
      rowCount,
    );
  },
  check: checkTablePayload,
  equals: (a, b) => a.equals(b),
  describe: (table) => table.toString(),
  sizeOf: sizeOfTable,
};
registerValueType(tableValueType);
