/** Short descriptions of values for the page: type, size and a preview of at most ~80 characters. */
import { approximateSize, describeType } from '../engine';
import { isTable } from '../models';
import type { ValueSummary } from './protocol';

const PREVIEW_CHARS = 80;

function inline(value: unknown): string {
  if (typeof value === 'string') return JSON.stringify(value.length > PREVIEW_CHARS ? value.slice(0, PREVIEW_CHARS) : value);
  if (typeof value === 'bigint') return `${value}n`;
  // String(-0) is "0": the sign of zero is part of the answer (1 / -0 is -Infinity).
  if (Object.is(value, -0)) return '-0';
  if (value instanceof Date) return value.toISOString();
  return String(value);
}

/** Writes JSON-ish text of `value` until `budget` characters, never walking more than that. */
function boundedText(value: unknown, budget: number): string {
  let out = '';
  const write = (item: unknown): void => {
    if (out.length >= budget) return;
    if (item === null || typeof item !== 'object' || item instanceof Date) {
      out += inline(item);
      return;
    }
    if (isTable(item)) {
      out += `[${item.toString()}]`;
      return;
    }
    if (Array.isArray(item) || ArrayBuffer.isView(item)) {
      const list = item as ArrayLike<unknown>;
      out += '[';
      for (let i = 0; i < list.length && out.length < budget; i++) {
        if (i) out += ',';
        write(list[i]);
      }
      out += ']';
      return;
    }
    if (item instanceof Map || item instanceof Set) {
      out += describeType(item);
      return;
    }
    out += '{';
    let first = true;
    for (const key in item) {
      if (out.length >= budget) break;
      if (!first) out += ',';
      first = false;
      out += `${JSON.stringify(key)}:`;
      write((item as Record<string, unknown>)[key]);
    }
    out += '}';
  };
  write(value);
  return out.length > budget ? `${out.slice(0, budget - 1)}…` : out;
}

function previewText(value: unknown): string {
  if (isTable(value)) {
    const names = value.names.slice(0, 6).join(', ') + (value.names.length > 6 ? ', …' : '');
    return `${value.rowCount.toLocaleString('en')} rows: ${names}`;
  }
  if (value === null || typeof value !== 'object') return inline(value).slice(0, PREVIEW_CHARS);
  return boundedText(value, PREVIEW_CHARS);
}

/** Size without serialising big values: tables know theirs; other values are measured by the codec. */
export function summarizeValue(value: unknown): ValueSummary {
  return { type: describeType(value), size: sizeOf(value), preview: previewText(value) };
}

/** A record of fields (a model input or output) is sized field by field, so a table field counts by its own measure. */
function sizeOf(value: unknown): number {
  if (value === null || typeof value !== 'object' || Object.getPrototypeOf(value) !== Object.prototype) return approximateSize(value);
  let bytes = 2;
  for (const [key, field] of Object.entries(value)) bytes += key.length + 4 + approximateSize(field);
  return bytes;
}

const RESULT_CHARS = 60;

/** A chart value of the model library (`{ kind: 'chart', mark, data }`), recognised by shape. */
function chartLine(value: unknown): string | null {
  const chart = value as { kind?: unknown; mark?: unknown; data?: unknown } | null;
  if (!chart || typeof chart !== 'object' || chart.kind !== 'chart' || !Array.isArray(chart.data)) return null;
  return `chart (${String(chart.mark)}, ${chart.data.length.toLocaleString('en')} points)`;
}

function oneLine(value: unknown): string {
  const chart = chartLine(value);
  if (chart) return chart;
  if (isTable(value)) return `table ${value.rowCount.toLocaleString('en')} × ${value.names.length}`;
  if (typeof value === 'string') {
    const line = value.replace(/\s+/g, ' ');
    return JSON.stringify(line.length > RESULT_CHARS ? `${line.slice(0, RESULT_CHARS)}…` : line);
  }
  if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint' || value === null || value === undefined) return inline(value);
  if (Array.isArray(value)) return `list of ${value.length.toLocaleString('en')}`;
  return boundedText(value, RESULT_CHARS);
}

/**
 * A step's main output in one line, for its node: "20", "table 461 × 6", "chart (bar, 12 points)".
 * A model's output is a record of fields: its only field, else its first, is the main one.
 */
export function resultLine(output: unknown): string {
  if (output !== null && typeof output === 'object' && Object.getPrototypeOf(output) === Object.prototype && !chartLine(output)) {
    const fields = Object.keys(output);
    const first = fields[0];
    if (first === undefined) return 'nothing';
    const line = oneLine((output as Record<string, unknown>)[first]);
    return fields.length > 1 ? `${first}: ${line} (+${fields.length - 1} more)` : line;
  }
  return oneLine(output);
}
