import { z } from 'zod';
import { annotate } from '../ports';

export const MARKS = ['bar', 'line', 'point', 'area'] as const;
export type Mark = (typeof MARKS)[number];

/**
 * A chart as plain data, so it caches, persists and exports like any value; `renderChart` draws it.
 * `data` holds only the plotted columns, one object per row.
 */
export interface ChartValue {
  kind: 'chart';
  mark: Mark;
  x: string;
  y: string;
  color?: string;
  title?: string;
  data: Record<string, unknown>[];
}

export const chartSchema = annotate(
  z.custom<ChartValue>((value) => {
    const chart = value as Partial<ChartValue> | null;
    return (
      chart !== null &&
      typeof chart === 'object' &&
      chart.kind === 'chart' &&
      Array.isArray(chart.data) &&
      typeof chart.x === 'string' &&
      typeof chart.y === 'string'
    );
  }, 'expected a chart'),
  { description: 'A chart', portType: 'chart' },
);
