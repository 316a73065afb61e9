/** Which viewer draws a value. */
import { describeType } from '../../engine';
import { isTable } from '../../models';
import { formatNumber } from '../shell/formatValue';

export type ValueKind = 'table' | 'chart' | 'json' | 'inline';

export function valueKind(value: unknown): ValueKind {
  if (isTable(value)) return 'table';
  if (value !== null && typeof value === 'object') {
    // The chart type is the model library's; it names itself "chart…" to the codec or carries kind "chart".
    if (describeType(value).startsWith('chart') || (value as { kind?: unknown }).kind === 'chart') return 'chart';
    return 'json';
  }
  return 'inline';
}

/** A value shown inline, numbers rounded for reading (the full value goes on hover). */
export function inlineText(value: unknown): string {
  if (typeof value === 'string') return JSON.stringify(value);
  if (typeof value === 'number') return formatNumber(value);
  if (typeof value === 'bigint') return `${value}n`;
  return String(value);
}
