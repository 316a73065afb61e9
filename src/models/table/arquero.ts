/**
 * The bridge to arquero, loaded on first use so importing the library stays light.
 * Conversions share column arrays (no copy) in the usual case.
 */
import type { ColumnTable } from 'arquero';
import { Table } from './table';

export type Arquero = typeof import('arquero');

let loading: Promise<Arquero> | undefined;

export function loadArquero(): Promise<Arquero> {
  loading ??= import('arquero').catch((error: unknown) => {
    loading = undefined;
    throw error;
  });
  return loading;
}

export function toArquero(aq: Arquero, table: Table): ColumnTable {
  const columns: Record<string, unknown[]> = {};
  table.names.forEach((name, i) => (columns[name] = table.columns[i] as unknown[]));
  return aq.table(columns);
}

/** Arquero marks missing cells as `undefined` in places (outer joins, pivots); the library uses null. */
function withNulls(values: ArrayLike<unknown>): unknown[] {
  const array = Array.isArray(values) ? (values as unknown[]) : Array.from(values);
  let copied: unknown[] | undefined;
  for (let i = 0; i < array.length; i++) {
    if (array[i] === undefined) {
      copied ??= array === values ? array.slice() : array;
      copied[i] = null;
    }
  }
  return copied ?? array;
}

export function fromArquero(dt: ColumnTable): Table {
  // An unfiltered, unordered table's array columns are shared as they are; `array()` would copy them.
  const direct = !dt.isFiltered() && !dt.isOrdered();
  return Table.fromColumns(
    dt.columnNames().map((name) => {
      const column = direct ? dt.column(name) : undefined;
      const values = Array.isArray(column) ? (column as unknown[]) : (dt.array(name) as ArrayLike<unknown>);
      return [name, withNulls(values)] as [string, unknown[]];
    }),
  );
}

/** Runs `operate` on the table in arquero and brings the result back, with library errors put in words. */
export async function withArquero(table: Table, operate: (dt: ColumnTable, aq: Arquero) => ColumnTable): Promise<Table> {
  const aq = await loadArquero();
  return fromArquero(operate(toArquero(aq, table), aq));
}
