/** The results of a `swark sweep`: a row per state, a column per output, as text or JSON. */
import { decodeValue, type JsonValue } from '../../engine';
import { sweepCell, type SweepCell } from '../../models/sweepCell';
import { formatDuration } from '../words';
import type { JobResult, JobStep } from './job';

export interface StateReport {
  label: string;
  ok: boolean;
  counts: { ran: number; skipped: number; error: number; notRun: number };
  steps: JobStep[];
  /** Each chosen output as the results table shows it. */
  cells: Record<string, SweepCell>;
  /** The chosen outputs, codec-encoded. */
  outputs: Record<string, JsonValue>;
  error?: string;
}

export function stateReport(label: string, result: JobResult, outputs: readonly string[]): StateReport {
  const count = (status: JobStep['status']) => result.steps.filter((step) => step.status === status).length;
  const present = (slot: string) => Object.hasOwn(result.slots, slot);
  return {
    label,
    ok: !result.error,
    counts: { ran: count('ran'), skipped: count('skipped'), error: count('error'), notRun: count('not-run') },
    steps: result.steps,
    cells: Object.fromEntries(
      outputs.map((slot) => [slot, sweepCell(present(slot) ? decodeValue(result.slots[slot] as JsonValue) : undefined, present(slot))]),
    ),
    outputs: Object.fromEntries(outputs.filter(present).map((slot) => [slot, result.slots[slot] as JsonValue])),
    ...(result.error ? { error: result.error.message } : {}),
  };
}

/** A state that never ran (a thread failed, or the sweep stopped): its row says why. */
export function failedReport(label: string, message: string, outputs: readonly string[]): StateReport {
  return {
    label,
    ok: false,
    counts: { ran: 0, skipped: 0, error: 0, notRun: 0 },
    steps: [],
    cells: Object.fromEntries(outputs.map((slot) => [slot, sweepCell(undefined, false)])),
    outputs: {},
    error: message,
  };
}

const stepsText = (report: StateReport) => (report.error ? `failed: ${report.error}` : `${report.counts.ran} ran, ${report.counts.skipped} skipped`);

/** The table as text, columns padded to their widest cell; a failed state's error ends its row. */
export function sweepTable(reports: readonly StateReport[], outputs: readonly string[]): string[] {
  const header = ['state', ...outputs, 'steps'];
  const rows = reports.map((report) => [report.label, ...outputs.map((slot) => (report.error ? '—' : (report.cells[slot]?.text ?? ''))), stepsText(report)]);
  const widths = header.map((title, column) => Math.max(title.length, ...rows.map((row) => (row[column] as string).length)));
  const line = (cells: string[]) => cells.map((cell, column) => (column === cells.length - 1 ? cell : cell.padEnd(widths[column] as number))).join('  ');
  return [line(header), ...rows.map(line)];
}

export const summaryLine = (reports: readonly StateReport[], durationMs: number) => {
  const failed = reports.filter((report) => !report.ok).length;
  return `${reports.length} states: ${reports.length - failed} ok${failed ? `, ${failed} failed` : ''} in ${formatDuration(durationMs)}`;
};
