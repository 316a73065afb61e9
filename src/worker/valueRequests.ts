/**
 * A value a person opened (`get-value`), the pages of a table in it (`get-rows`) and a whole value
 * as a file (`export-value`): answered at once, not queued behind a run. Long lists come as their first items and tables as their first
 * page unless the whole value is asked for (an export).
 */
import { errorMessage, valuesEqual } from '../engine';
import { isTable, type Table } from '../models';
import { packValue } from './packValue';
import { SHOWN_ITEMS, TABLE_PAGE_ROWS } from './protocol';
import type {
  ExportValueMessage,
  FromWorker,
  GetRowsMessage,
  GetValueMessage,
  ShownPart,
  StepValues,
  TableAt,
  TablePart,
  ValueTarget,
  ValueView,
} from './protocol';
import { FILE_TYPES, valueFileText } from './valueFile';
import { pageOfRows } from './tableRows';
import { summarizeExtract } from './wire';
import type { StepExtract, WorkflowCache } from './workflowCache';

type Post = (message: FromWorker) => void;

/** A table's first page of rows, its column types and row count: the grid fetches the rest by page. */
export function tablePart(table: Table): TablePart {
  return {
    tablePart: true,
    names: [...table.names],
    types: table.columnTypes(),
    rowCount: table.rowCount,
    columns: table.columns.map((column) => column.slice(0, TABLE_PAGE_ROWS)),
  };
}

/**
 * What the viewer draws of a value: lists over SHOWN_ITEMS long cut to their start, tables as their
 * first page — as a field or as the value itself.
 */
function shownValue(value: unknown): unknown {
  const cut = (item: unknown) => {
    if (isTable(item)) return tablePart(item);
    return Array.isArray(item) && item.length > SHOWN_ITEMS
      ? ({ shownPart: true, items: item.slice(0, SHOWN_ITEMS), total: item.length } satisfies ShownPart)
      : item;
  };
  if (value === null || typeof value !== 'object' || Object.getPrototypeOf(value) !== Object.prototype) return cut(value);
  return Object.fromEntries(Object.entries(value).map(([field, item]) => [field, cut(item)]));
}

/** Input fields that differ between the previous cached input and the current one. */
function changedFields(previous: unknown, current: unknown): string[] {
  if (previous === current || previous === null || current === null || typeof previous !== 'object' || typeof current !== 'object') return [];
  const before = previous as Record<string, unknown>;
  const after = current as Record<string, unknown>;
  const fields = new Set([...Object.keys(before), ...Object.keys(after)]);
  return [...fields].filter((field) => !valuesEqual(before[field], after[field]));
}

/**
 * The step values a view shows: the last run's own (when the cache did not take them), else the
 * cache entry, which is the run's when the step ran or was skipped in it.
 */
function stepValuesFor(cache: WorkflowCache, stepKey: string, view: ValueView): { extract: StepExtract | undefined; from: ValueView } {
  const last = cache.lastRun.get(stepKey);
  const cached = cache.extracts.get(stepKey);
  if (view === 'cache' || !last) return { extract: cached, from: 'cache' };
  return { extract: last.inCache ? cached : last.extract, from: 'run' };
}

/** How the cache differs from the last run for a step that run did not cache: when its entry was written, if there is one. */
function cacheNotUpdated(cache: WorkflowCache, stepKey: string): StepValues['cacheNotUpdated'] {
  const last = cache.lastRun.get(stepKey);
  if (!last || last.inCache) return undefined;
  return {
    cachedAt: cache.extracts.get(stepKey)?.output.at ?? null,
    cached: cache.extracts.has(stepKey),
    ...(last.why === undefined ? {} : { why: last.why }),
  };
}

export function answerValue(post: Post, cache: WorkflowCache, message: GetValueMessage): void {
  try {
    const { target } = message;
    const show = message.full ? (value: unknown) => value : shownValue;
    if (target.kind === 'slot') {
      const values = cache.lastState?.values;
      const found = values !== undefined && Object.prototype.hasOwnProperty.call(values, target.name);
      post({
        type: 'value',
        requestId: message.requestId,
        value: found ? { kind: 'slot', name: target.name, value: packValue(show(values[target.name])) } : null,
      });
      return;
    }
    const { extract: entry, from } = stepValuesFor(cache, target.stepKey, message.view ?? 'run');
    if (!entry) {
      post({ type: 'value', requestId: message.requestId, value: null });
      return;
    }
    const previous = cache.previousInputs.get(target.stepKey);
    const changed = previous ? changedFields(previous.value, entry.input.value) : [];
    const before = previous?.value as Record<string, unknown> | undefined;
    const value: StepValues = {
      kind: 'step',
      stepKey: target.stepKey,
      summary: summarizeExtract(entry),
      input: packValue(show(entry.input.value)),
      output: packValue(show(entry.output.value)),
      previousFields: changed.length && before ? packValue(show(Object.fromEntries(changed.map((field) => [field, before[field]])))) : null,
      changed,
      from,
    };
    const notUpdated = cacheNotUpdated(cache, target.stepKey);
    if (notUpdated) value.cacheNotUpdated = notUpdated;
    post({ type: 'value', requestId: message.requestId, value });
  } catch (error) {
    post({ type: 'value-failed', requestId: message.requestId, message: errorMessage(error) });
  }
}

const nameOf = (at: TableAt) => `${at.side}${at.field === undefined ? '' : `.${at.field}`}`;

/** The whole value at `at` of the open step or slot (undefined when it is no longer there). */
function valueAt(cache: WorkflowCache, target: ValueTarget, at: TableAt, view: ValueView): unknown {
  let holder: unknown;
  if (target.kind === 'slot') holder = cache.lastState?.values[target.name];
  else {
    const { extract } = stepValuesFor(cache, target.stepKey, view);
    const sides = {
      input: extract?.input,
      output: extract?.output,
      previous: cache.previousInputs.get(target.stepKey),
      slot: undefined,
    };
    holder = sides[at.side]?.value;
  }
  if (at.field === undefined) return holder;
  return holder !== null && typeof holder === 'object' && Object.prototype.hasOwnProperty.call(holder, at.field)
    ? (holder as Record<string, unknown>)[at.field]
    : undefined;
}

/** A page of rows of a table in the open step or slot. */
export function answerRows(post: Post, cache: WorkflowCache, message: GetRowsMessage): void {
  try {
    const table = valueAt(cache, message.target, message.at, message.view ?? 'run');
    if (!isTable(table)) throw new Error(`there is no table at ${nameOf(message.at)} any more`);
    post({ type: 'rows', requestId: message.requestId, ...pageOfRows(table, message) });
  } catch (error) {
    post({ type: 'rows-failed', requestId: message.requestId, message: errorMessage(error) });
  }
}

/** The whole value at `at` as a file, made here: a million-row table's CSV is built off the page's thread. */
export function answerExport(post: Post, cache: WorkflowCache, message: ExportValueMessage): void {
  try {
    const value = valueAt(cache, message.target, message.at, message.view ?? 'run');
    if (value === undefined) throw new Error(`there is no value at ${nameOf(message.at)} any more`);
    const file = new Blob([valueFileText(value, message.format, nameOf(message.at))], { type: FILE_TYPES[message.format] });
    post({ type: 'exported', requestId: message.requestId, file });
  } catch (error) {
    post({ type: 'export-failed', requestId: message.requestId, message: errorMessage(error) });
  }
}
