import { z } from 'zod';
import { defineModel } from '../../engine';
import { annotate, port } from '../ports';
import { withArquero } from './arquero';
import { Table, requireColumns } from './table';

const AGGREGATE_OPS = ['count', 'sum', 'mean', 'median', 'min', 'max', 'distinct', 'stdev'] as const;

const measure = z.object({
  op: z.enum(AGGREGATE_OPS),
  column: z.string().optional(),
  as: z.string().optional(),
});
type Measure = z.infer<typeof measure>;

/** The output column name of a measure: its `as`, else e.g. `mean_temp_max` or `count`. */
function measureName(m: Measure): string {
  return m.as || (m.column ? `${m.op}_${m.column}` : m.op);
}

export const tableAggregate = defineModel({
  id: 'table.aggregate',
  title: 'Aggregate',
  description: 'Groups rows by columns and computes measures per group: count, sum, mean, median, min, max, distinct (count of distinct values), stdev',
  category: 'table',
  inputs: {
    table: port.table('The rows to aggregate'),
    groupBy: port.columns('Columns to group by (empty: one group of all rows)').default([]),
    measures: annotate(z.array(measure).min(1, 'add at least one measure, e.g. { "op": "count" }'), {
      description: 'Measures, e.g. [{ "op": "mean", "column": "temp_max", "as": "avg_high" }]',
      portType: 'json',
      widget: 'measures',
      columnsFrom: 'table',
    }).default([{ op: 'count' }]),
  },
  outputs: { table: port.table('One row per group: the group columns and one column per measure') },
  run: async ({ table, groupBy, measures }) => {
    requireColumns(table, groupBy, 'group by');
    const outputs = new Set<string>();
    measures.forEach((m, i) => {
      if (m.op !== 'count' && !m.column) throw new Error(`measure ${i + 1} (${m.op}) needs a column`);
      if (m.column !== undefined) requireColumns(table, [m.column], `measure ${i + 1} (${m.op})`);
      const name = measureName(m);
      if (outputs.has(name) || groupBy.includes(name))
        throw new Error(`two output columns would be called \`${name}\`: give measure ${i + 1} another name with "as"`);
      outputs.add(name);
    });
    // No rows, no groups: the result has no rows (arquero would give its measures one row each).
    // Without groups, one row as in SQL: a count of 0, other measures empty.
    if (table.rowCount === 0 && groupBy.length) return { table: Table.empty([...groupBy, ...outputs]) };
    return {
      table: await withArquero(table, (dt, names) => {
        const values: Record<string, string> = {};
        for (const m of measures) {
          const field = m.column === undefined ? '' : names.field(m.column);
          values[names.output(measureName(m))] =
            m.op === 'count' && !m.column ? 'd => op.count()' : m.op === 'count' ? `d => op.valid(${field})` : `d => op.${m.op}(${field})`;
        }
        return (groupBy.length ? dt.groupby(...groupBy.map(names.alias)) : dt).rollup(values);
      }),
    };
  },
});
