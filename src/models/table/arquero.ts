/**
 * The bridge to arquero, loaded on first use so importing the library stays light.
 * Conversions share column arrays (no copy) in the usual case.
 *
 * Arquero keeps columns and per-column options in plain objects, so a column named `__proto__`,
 * `toString`, `valueOf` or `constructor` is lost or read as a built-in function there. Every table
 * therefore crosses under aliases (`c0`, `c1`, …, see `ArqueroNames`) and comes back under its own
 * names; models speak to arquero only through those aliases.
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

/** A join's suffixes on columns both sides have (arquero's defaults, spelled out). */
const JOIN_SUFFIX = /^(c\d+)(_[12])$/;

/**
 * The names arquero sees in one operation: each column name (and each output name a model
 * chooses) gets an alias `c<n>`, the same in every table of the operation, so a join's keys match.
 */
export class ArqueroNames {
  private readonly aliases = new Map<string, string>();
  private readonly names = new Map<string, string>();
  private outputs = 0;

  /** The alias of `name`, made on first use. */
  readonly alias = (name: string): string => {
    let alias = this.aliases.get(name);
    if (alias === undefined) {
      alias = `c${this.aliases.size}`;
      this.aliases.set(name, alias);
      this.names.set(alias, name);
    }
    return alias;
  };

  /** A fresh alias for a column the operation makes (a measure, a pivot's key), standing for `name`. */
  readonly output = (name: string, width = 0): string => {
    const alias = `o${String(this.outputs++).padStart(width, '0')}`;
    this.names.set(alias, name);
    return alias;
  };

  /** The field accessor of `name` for arquero's expression strings: `d["c3"]`. */
  readonly field = (name: string): string => `d[${JSON.stringify(this.alias(name))}]`;

  /** The name an alias stands for; a join's `c3_1` is the name of `c3` with `_1`. */
  readonly nameOf = (alias: string): string => {
    const name = this.names.get(alias);
    if (name !== undefined) return name;
    const suffixed = JOIN_SUFFIX.exec(alias);
    const base = suffixed ? this.names.get(suffixed[1] as string) : undefined;
    if (base === undefined || !suffixed) throw new Error(`internal: arquero returned a column \`${alias}\` no alias stands for`);
    return base + (suffixed[2] as string);
  };

  /** The table as arquero holds it, under aliases (the column arrays are shared, not copied). */
  toArquero(aq: Arquero, table: Table): ColumnTable {
    const columns: Record<string, unknown[]> = {};
    table.names.forEach((name, i) => (columns[this.alias(name)] = table.columns[i] as unknown[]));
    return aq.table(columns);
  }

  /** Arquero's result under the names again. */
  fromArquero(dt: ColumnTable): Table {
    // An unfiltered, unordered table's array columns are shared as they are; `array()` would copy them.
    const direct = !dt.isFiltered() && !dt.isOrdered();
    return Table.fromColumns(
      dt.columnNames().map((alias) => {
        const column = direct ? dt.column(alias) : undefined;
        const values = Array.isArray(column) ? (column as unknown[]) : (dt.array(alias) as ArrayLike<unknown>);
        return [this.nameOf(alias), withNulls(values)] as [string, unknown[]];
      }),
    );
  }
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

/** Runs `operate` on the table in arquero (under aliases, see `ArqueroNames`) and brings the result back. */
export async function withArquero(table: Table, operate: (dt: ColumnTable, names: ArqueroNames, aq: Arquero) => ColumnTable): Promise<Table> {
  const aq = await loadArquero();
  const names = new ArqueroNames();
  return names.fromArquero(operate(names.toArquero(aq, table), names, aq));
}
