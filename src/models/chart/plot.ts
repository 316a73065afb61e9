import { defineModel } from '../../engine';
import { port } from '../ports';
import { requireColumns, setOwn } from '../table/table';
import { MARKS, chartSchema, type ChartValue } from './chartValue';

export const chartPlot = defineModel({
  id: 'chart.plot',
  title: 'Plot',
  description: 'A bar, line, point or area chart of two columns, optionally coloured by a third',
  category: 'chart',
  inputs: {
    table: port.table('The rows to plot'),
    mark: port.enum(MARKS, 'Kind of chart').default('bar'),
    x: port.column('Column on the horizontal axis'),
    y: port.column('Column on the vertical axis'),
    color: port.column('Column that colours the marks (optional)').optional(),
    title: port.text('Title (optional)').optional(),
  },
  outputs: { chart: chartSchema },
  run: ({ table, mark, x, y, color, title }) => {
    const used = [...new Set([x, y, ...(color ? [color] : [])])];
    requireColumns(table, used);
    const columns = used.map((name) => table.column(name));
    const data = new Array<Record<string, unknown>>(table.rowCount);
    for (let i = 0; i < table.rowCount; i++) {
      const row: Record<string, unknown> = {};
      used.forEach((name, c) => setOwn(row, name, (columns[c] as readonly unknown[])[i]));
      data[i] = row;
    }
    const chart: ChartValue = { kind: 'chart', mark, x, y, data };
    if (color) chart.color = color;
    if (title) chart.title = title;
    return { chart };
  },
});
