/** Aggregate measures as rows: an operation, the column it reads, and the output column's name. */
import type { JsonValue } from '../../engine';
import type { PortInfo } from '../../models';
import { ColumnInput } from './ColumnInput';

interface Measure {
  op: string;
  column?: string;
  as?: string;
}

function withoutEmpty({ op, column, as }: { op: string; column?: string | undefined; as?: string | undefined }): Measure {
  return { op, ...(column === undefined ? {} : { column }), ...(as === undefined ? {} : { as }) };
}

/** The operations the field's schema allows (its JSON Schema's `items.properties.op.enum`). */
function measureOps(port: PortInfo): string[] {
  const items = (port.jsonSchema as { items?: { properties?: { op?: { enum?: unknown } } } }).items;
  const ops = items?.properties?.op?.enum;
  return Array.isArray(ops) ? ops.filter((op): op is string => typeof op === 'string') : ['count'];
}

function asMeasures(value: JsonValue | undefined, fallback: unknown): Measure[] {
  const list = value === undefined ? fallback : value;
  if (!Array.isArray(list)) return [];
  return list.flatMap((item) =>
    item && typeof item === 'object' && !Array.isArray(item) && typeof (item as { op?: unknown }).op === 'string' ? [item as unknown as Measure] : [],
  );
}

function clean(measure: Measure): Record<string, JsonValue> {
  const out: Record<string, JsonValue> = { op: measure.op };
  if (measure.column) out.column = measure.column;
  if (measure.as) out.as = measure.as;
  return out;
}

export function MeasuresControl({
  port,
  value,
  columns,
  onChange,
}: {
  port: PortInfo;
  value: JsonValue | undefined;
  columns: string[] | null;
  onChange(value: JsonValue | undefined): void;
}) {
  const ops = measureOps(port);
  const measures = asMeasures(value, port.defaultValue);
  const commit = (next: Measure[]) => onChange(next.map(clean));
  /** Merges `change` into a measure; a field set to undefined (an emptied box) is removed. */
  const update = (index: number, change: { op?: string; column?: string | undefined; as?: string | undefined }) =>
    commit(measures.map((m, i) => (i === index ? withoutEmpty({ ...m, ...change }) : m)));
  return (
    <div className="measures" role="group" aria-label={port.name} data-testid={`param-${port.name}`}>
      {measures.map((measure, index) => (
        <div key={index} className="measure-row" data-testid={`measure-${index}`}>
          <select aria-label={`Measure ${index + 1} operation`} value={measure.op} onChange={(event) => update(index, { op: event.target.value })}>
            {ops.map((op) => (
              <option key={op} value={op}>
                {op}
              </option>
            ))}
          </select>
          <ColumnInput
            label={`Measure ${index + 1} column`}
            value={measure.column ?? ''}
            columns={columns}
            placeholder={measure.op === 'count' ? '(all rows)' : 'column'}
            onChange={(text) => update(index, { column: text || undefined })}
          />
          <input
            type="text"
            aria-label={`Measure ${index + 1} output name`}
            placeholder="name"
            value={measure.as ?? ''}
            onChange={(event) => update(index, { as: event.target.value || undefined })}
          />
          <button
            type="button"
            className="icon-button"
            aria-label={`Remove measure ${index + 1}`}
            title="Remove this measure"
            onClick={() => commit(measures.filter((_, i) => i !== index))}
          >
            ×
          </button>
        </div>
      ))}
      <button
        type="button"
        className="button small"
        data-testid="add-measure"
        onClick={() => commit([...measures, { op: ops.includes('mean') ? 'mean' : (ops[0] ?? 'count') }])}
      >
        + Add measure
      </button>
    </div>
  );
}
