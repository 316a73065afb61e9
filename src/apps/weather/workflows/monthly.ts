import { Workflow } from '../../../engine';
import type { WorkflowMeta } from '../../types';
import { registerSteps } from '../steps';

export const meta: WorkflowMeta = {
  title: 'Seattle weather: monthly highs',
  description: 'Loads the Seattle weather dataset, drops bad days, averages each month and charts the mean daily high.',
  layout: {
    sample: { x: 0, y: 0, label: 'Seattle weather' },
    clean: { x: 260, y: 0, label: 'Clean days' },
    monthly: { x: 520, y: 0, label: 'Monthly means' },
    chart: { x: 780, y: 0, label: 'Chart' },
  },
};

/**
 * sample → clean → monthly aggregate → chart. State slots: `dataset` (the sample's name),
 * `fromYear`, `toYear`; a new year range reruns clean and what follows, never the load.
 */
export function create(): Workflow {
  registerSteps();
  return new Workflow({
    steps: [
      { id: 'sample', model: 'input.sample', inputs: { dataset: 'name' }, outputs: { table: 'weather' } },
      {
        id: 'clean',
        model: 'weather.clean',
        inputs: { weather: 'table', fromYear: 'fromYear', toYear: 'toYear' },
        outputs: { table: 'days', dropped: 'dropped' },
      },
      {
        id: 'monthly',
        model: 'table.aggregate',
        inputs: { days: 'table' },
        params: {
          groupBy: ['month'],
          measures: [
            { op: 'mean', column: 'temp_max', as: 'avg_high' },
            { op: 'mean', column: 'temp_mean', as: 'avg_temp' },
            { op: 'sum', column: 'precipitation', as: 'rain_mm' },
          ],
        },
        outputs: { table: 'monthly' },
      },
      {
        id: 'chart',
        model: 'chart.plot',
        inputs: { monthly: 'table' },
        params: { mark: 'line', x: 'month', y: 'avg_high', title: 'Mean daily high by month (°C)' },
        outputs: { chart: 'chart' },
      },
    ],
  });
}
