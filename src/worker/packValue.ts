/**
 * Values across postMessage without the JSON codec: a structured clone keeps arrays, dates, maps
 * and typed arrays but drops class prototypes, so the paths of the model library's tables travel
 * beside the value and the receiver revives them (`Table.revive`) without re-encoding anything.
 */
// The table module alone: the model library's index would register every model (and load zod) in the page.
import { Table, isTable } from '../models/table/table';

export interface PackedValue {
  value: unknown;
  /** Where tables sit: each path a list of keys (array indices as strings), [] for the value itself. */
  tables: string[][];
}

/** Finds the tables in `value` (not descending into them) and returns it ready to post. */
export function packValue(value: unknown): PackedValue {
  const tables: string[][] = [];
  // One path stack, copied only where a table is found: the walk may cross 100,000s of rows.
  const path: string[] = [];
  const walk = (item: unknown): void => {
    if (item === null || typeof item !== 'object') return;
    if (isTable(item)) {
      tables.push([...path]);
      return;
    }
    if (ArrayBuffer.isView(item) || item instanceof Date || item instanceof Map || item instanceof Set) return;
    if (Array.isArray(item)) {
      for (let i = 0; i < item.length; i++) {
        const child: unknown = item[i];
        if (child === null || typeof child !== 'object') continue;
        path.push(String(i));
        walk(child);
        path.pop();
      }
      return;
    }
    for (const key in item) {
      const child = (item as Record<string, unknown>)[key];
      if (child === null || typeof child !== 'object') continue;
      path.push(key);
      walk(child);
      path.pop();
    }
  };
  walk(value);
  return { value, tables };
}

/** The value again, its tables revived in place (the clone is ours to change). */
export function unpackValue(packed: PackedValue): unknown {
  let root = packed.value;
  for (const path of packed.tables) {
    const revive = (shape: unknown) => {
      const table = Table.revive(shape);
      if (!table) throw new Error(`a value sent between the page and the run worker lost its table at "${path.join('.')}"`);
      return table;
    };
    if (!path.length) {
      root = revive(root);
      continue;
    }
    let parent = root as Record<string, unknown>;
    for (const key of path.slice(0, -1)) parent = parent[key] as Record<string, unknown>;
    const last = path[path.length - 1] as string;
    parent[last] = revive(parent[last]);
  }
  return root;
}
