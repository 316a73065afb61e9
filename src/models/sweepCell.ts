/**
 * A value as one cell of a sweep's results (a row per state, a column per output), the same in the
 * app and under `swark sweep`: numbers and short text inline, a table as its row count, a chart as
 * its mark and points, anything else as its type.
 */
// The table module alone: the library's index would register every model where this is used.
import { isTable } from './table/table';
import { describeType } from '../engine';

export type SweepCell =
  | { kind: 'inline'; text: string }
  | { kind: 'table'; text: string; rows: number; columns: number }
  | { kind: 'chart'; text: string; points: number }
  | { kind: 'other'; text: string }
  | { kind: 'missing'; text: string };

/** Text longer than this is shown by its length, not inline. */
const SHORT_TEXT = 40;

const plural = (count: number, word: string) => `${count.toLocaleString('en')} ${word}${count === 1 ? '' : 's'}`;

function isChart(value: unknown): value is { mark: unknown; data: unknown[] } {
  const chart = value as { kind?: unknown; data?: unknown } | null;
  return chart !== null && typeof chart === 'object' && chart.kind === 'chart' && Array.isArray(chart.data);
}

/** The cell of slot value `value`; `present: false` when the run left no such slot. */
export function sweepCell(value: unknown, present = true): SweepCell {
  if (!present) return { kind: 'missing', text: 'not written' };
  if (isTable(value)) return { kind: 'table', text: plural(value.rowCount, 'row'), rows: value.rowCount, columns: value.names.length };
  if (isChart(value)) return { kind: 'chart', text: `${String(value.mark)} chart, ${plural(value.data.length, 'point')}`, points: value.data.length };
  if (typeof value === 'number') return { kind: 'inline', text: Number.isInteger(value) ? String(value) : String(Number(value.toPrecision(6))) };
  if (typeof value === 'boolean' || value === null) return { kind: 'inline', text: String(value) };
  if (typeof value === 'string')
    return value.length <= SHORT_TEXT && !value.includes('\n')
      ? { kind: 'inline', text: value }
      : { kind: 'other', text: `text, ${plural(value.length, 'character')}` };
  if (value instanceof Date) return { kind: 'inline', text: value.toISOString().replace('T00:00:00.000Z', '') };
  return { kind: 'other', text: describeType(value) };
}
