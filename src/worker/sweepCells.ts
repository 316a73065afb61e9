/**
 * A sweep's results cells, from the state a worker's last run left: each chosen slot as the
 * results table shows it (`sweepCell`), with a table's first page to open and a chart's data to
 * draw as a small multiple.
 */
import { errorMessage } from '../engine';
import { isTable } from '../models';
import type { ChartValue } from '../models/chart/chartValue';
import { sweepCell } from '../models/sweepCell';
import type { FromWorker, SweepCellValue, SweepCellsMessage } from './protocol';
import { tablePart } from './valueRequests';
import type { WorkflowCache } from './workflowCache';

export function answerSweepCells(post: (message: FromWorker) => void, cache: WorkflowCache, message: SweepCellsMessage): void {
  try {
    const values = cache.lastState?.values ?? {};
    const cells: Record<string, SweepCellValue> = {};
    for (const slot of message.slots) {
      const present = Object.hasOwn(values, slot);
      const value = values[slot];
      const cell: SweepCellValue = sweepCell(value, present);
      if (cell.kind === 'table' && isTable(value)) cell.table = tablePart(value);
      if (cell.kind === 'chart') cell.chart = value as ChartValue;
      cells[slot] = cell;
    }
    post({ type: 'sweep-cells', requestId: message.requestId, cells });
  } catch (error) {
    post({ type: 'sweep-cells-failed', requestId: message.requestId, message: errorMessage(error) });
  }
}
