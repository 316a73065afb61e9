/**
 * The columns (names and kinds) of every table a step will output, known before a run, so the
 * expression editor can complete names and check kinds as a person types.
 *
 * For each step, in order: a step the next run skips gives its cached table; a step whose output
 * columns follow from its input and params (the relational table models, a CSV source, a sample
 * dataset) gives them, from the columns found upstream; any other gives the last run's table, or
 * the cache's (they may be older than the graph, as their values are).
 */
import { StoredFile, type ModelRegistry, type StateLike, type Workflow } from '../engine';
import { isTable, parseCsv, type Table } from '../models';
import type { ColumnInfo } from '../models/table/expression';
import { valueTypeOfValues } from '../models/table/expression/values';
import type { StepColumns } from './protocol';
import type { WorkflowCache } from './workflowCache';

const tableColumnsMemo = new WeakMap<Table, ColumnInfo[]>();

/** A table's columns with the kind of their cells, as the expression checker sees them. */
function columnsOfTable(table: Table): ColumnInfo[] {
  let columns = tableColumnsMemo.get(table);
  if (!columns) {
    columns = table.names.map((name, i) => ({ name, type: valueTypeOfValues(table.columns[i] as readonly unknown[]) }));
    tableColumnsMemo.set(table, columns);
  }
  return columns;
}

/** The columns of each table field of a model output. */
function outputColumns(output: unknown): Record<string, ColumnInfo[]> {
  const columns: Record<string, ColumnInfo[]> = {};
  if (output === null || typeof output !== 'object') return columns;
  for (const [field, value] of Object.entries(output)) if (isTable(value)) columns[field] = columnsOfTable(value);
  return columns;
}

type Inputs = (field: string) => ColumnInfo[] | null;
type Params = Record<string, unknown>;
/** A model's output `table` columns from its inputs' columns and its params; null when unknown. */
type ReadFile = (ref: string) => Promise<string>;
type Transfer = (input: Inputs, params: Params, registry: ModelRegistry, readFile: ReadFile) => ColumnInfo[] | null | Promise<ColumnInfo[] | null>;

const NUMBER_OPS = new Set(['count', 'sum', 'mean', 'median', 'distinct', 'stdev']);
const strings = (value: unknown): string[] => (Array.isArray(value) ? value.filter((item): item is string => typeof item === 'string') : []);
const same: Transfer = (input) => input('table');

/**
 * arquero types each CSV column from its first values (up to 1,000): the first 1,000 rows give the
 * same kinds, unless a column is mostly empty there (then its kind here may differ; the run's is
 * the one that counts, and the field's check is only advice).
 */
const CSV_TYPED_ROWS = 1000;
/** Recent CSV heads and their columns (a graph rarely has more CSV sources than this). */
const CSV_MEMO_SIZE = 8;
const csvMemo = new Map<string, Promise<ColumnInfo[] | null>>();
const sampleMemo = new Map<string, Promise<ColumnInfo[] | null>>();

/** The header and the rows arquero types from, without splitting a big text whole. */
function csvHead(text: string): string {
  let end = -1;
  for (let line = 0; line <= CSV_TYPED_ROWS; line++) {
    end = text.indexOf('\n', end + 1);
    if (end < 0) return text;
  }
  return text.slice(0, end).replace(/\r$/, '');
}

function csvColumns(text: string, delimiter: string): Promise<ColumnInfo[] | null> {
  const head = csvHead(text);
  const key = `${delimiter}\u0000${head}`;
  let columns = csvMemo.get(key);
  if (!columns) {
    columns = parseCsv(head, delimiter === 'tab' || delimiter === '\\t' ? '\t' : delimiter).then(columnsOfTable, () => null);
    if (csvMemo.size >= CSV_MEMO_SIZE) csvMemo.delete(csvMemo.keys().next().value as string);
  }
  // Re-inserted, so the least recently used goes first.
  csvMemo.delete(key);
  csvMemo.set(key, columns);
  return columns;
}

const TRANSFERS: Record<string, Transfer> = {
  'table.filter': same,
  'table.sort': same,
  'table.limit': same,
  'table.distinct': same,
  'table.union': (input) => input('a'),
  'table.select': (input, params) => {
    const columns = input('table');
    if (!columns) return null;
    return strings(params.columns).flatMap((name) => columns.filter((column) => column.name === name));
  },
  'table.rename': (input, params) => {
    const names = (params.names ?? {}) as Record<string, unknown>;
    return (
      input('table')?.map((column) => ({ ...column, name: typeof names[column.name] === 'string' ? (names[column.name] as string) : column.name })) ?? null
    );
  },
  'table.derive': async (input, params) => {
    const columns = input('table');
    if (!columns || typeof params.name !== 'string' || typeof params.expression !== 'string') return null;
    // The expression language loads with the first derive, as the models load it (derive.ts, filter.ts).
    const { checkExpression } = await import('../models/table/expression');
    const check = checkExpression(params.expression, columns, 'value');
    const added: ColumnInfo = { name: params.name, type: check.ok ? check.type : 'any' };
    return columns.some((column) => column.name === added.name) ? columns.map((column) => (column.name === added.name ? added : column)) : [...columns, added];
  },
  'table.aggregate': (input, params) => {
    const columns = input('table');
    if (!columns || !Array.isArray(params.measures)) return null;
    const kindOf = (name: string | undefined) => columns.find((column) => column.name === name)?.type ?? 'any';
    const groups = strings(params.groupBy).map((name) => ({ name, type: kindOf(name) }));
    const measures = (params.measures as { op?: string; column?: string; as?: string }[]).map((m) => ({
      name: m.as || (m.column ? `${m.op}_${m.column}` : String(m.op)),
      type: NUMBER_OPS.has(String(m.op)) ? ('number' as const) : kindOf(m.column),
    }));
    return [...groups, ...measures];
  },
  'input.csv': (_input, params, _registry, readFile) => {
    const delimiter = typeof params.delimiter === 'string' ? params.delimiter : ',';
    // A stored file is read from the value store once (the worker keeps it for the run that follows).
    if (params.text instanceof StoredFile) return readFile(params.text.hash).then((text) => csvColumns(text, delimiter));
    return typeof params.text === 'string' && params.text.trim() ? csvColumns(params.text, delimiter) : null;
  },
  'input.sample': (_input, params, registry) => {
    const name = typeof params.name === 'string' ? params.name : 'seattle-weather';
    let columns = sampleMemo.get(name);
    if (!columns) {
      // The dataset ships with the app and never changes: loaded and typed once per name.
      columns = Promise.resolve(registry.get('input.sample').run({ name }, { signal: new AbortController().signal, progress: () => {} }))
        .then((output) => outputColumns(output).table ?? null)
        .catch(() => null);
      sampleMemo.set(name, columns);
    }
    return columns;
  },
};

/** Every step's table outputs' columns, as far as they are known before the next run. */
export async function stepColumns(
  workflow: Workflow,
  cache: WorkflowCache,
  state: StateLike,
  /** The cached output of each step the next run skips (see previewRun). */
  skippedOutputs: ReadonlyMap<string, Record<string, unknown>>,
  registry: ModelRegistry,
  readFile: ReadFile,
): Promise<StepColumns> {
  const result: StepColumns = {};
  const bySlot = new Map<string, ColumnInfo[] | null>();
  for (const [index, step] of workflow.steps.entries()) {
    const key = workflow.keyOf(index);
    const slotOf: Record<string, string> = Object.fromEntries(Object.entries(step.inputs).map(([slot, field]) => [field, slot]));
    const input: Inputs = (field) => {
      const slot = slotOf[field];
      if (slot === undefined) return null;
      if (bySlot.has(slot)) return bySlot.get(slot) ?? null;
      const value = state.has(slot) ? state.extract(slot) : undefined;
      return isTable(value) ? columnsOfTable(value) : null;
    };
    const cached = cache.extracts.get(key)?.output.value;
    const transfer = TRANSFERS[step.model];
    const skipped = skippedOutputs.get(key);
    const fromRule = skipped || !transfer || !registry.has(step.model) ? null : await transfer(input, step.params as Params, registry, readFile);
    const last = cache.lastRun.get(key);
    const columns = skipped
      ? outputColumns(skipped)
      : fromRule
        ? { table: fromRule }
        : outputColumns(last && !last.inCache ? last.extract.output.value : cached);
    if (Object.keys(columns).length) result[key] = columns;
    for (const [outputKey, slot] of Object.entries(step.outputs)) if (!bySlot.has(slot)) bySlot.set(slot, columns[outputKey] ?? null);
  }
  return result;
}
