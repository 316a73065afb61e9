/**
 * Field schemas with the metadata the editor reads (port type, inspector widget, column pickers).
 * Every model builds its inputs and outputs from these so the catalog can describe any of them.
 */
import { z } from 'zod';
import { StoredFile, describeType } from '../engine';
import { Table } from './table/table';

export type PortType = 'number' | 'string' | 'boolean' | 'table' | 'chart' | 'json' | 'any';

export type Widget =
  | 'number'
  | 'text'
  | 'textarea'
  | 'boolean'
  | 'enum'
  | 'json'
  | 'code'
  | 'sql'
  | 'expression'
  /** A row condition (true/false per row) in the row-expression language. */
  | 'condition'
  | 'column'
  | 'columns'
  | 'measures'
  | 'csv';

/** What a field carries in zod's metadata registry (`.meta()`), read by the catalog. */
export interface PortMeta {
  description?: string;
  portType?: PortType;
  widget?: Widget;
  /** For column pickers: the table input whose columns are offered. */
  columnsFrom?: string;
  /** The field may hold a stored file instead of its text ("Load from file…"). */
  acceptsFile?: boolean;
}

function withMeta<S extends z.ZodType>(schema: S, meta: PortMeta): S {
  return schema.meta(meta as Record<string, unknown>);
}

const storedFileSchema = z.custom<StoredFile>((value) => value instanceof StoredFile);

export const port = {
  number: (description: string) =>
    withMeta(z.number({ error: (issue) => `expected a number, got ${numberWords(issue.input)}` }), { description, portType: 'number', widget: 'number' }),
  text: (description: string, widget: Widget = 'text') =>
    withMeta(z.string({ error: (issue) => `expected text, got ${describeType(issue.input)}` }), { description, portType: 'string', widget }),
  /** Text typed in, or a stored file whose text the model reads when it runs (see `readStoredFile`). */
  textOrFile: (description: string, widget: Widget) =>
    withMeta(z.union([z.string(), storedFileSchema], { error: (issue) => `expected text or a file, got ${describeType(issue.input)}` }), {
      description,
      portType: 'string',
      widget,
      acceptsFile: true,
    }),
  /** A JSON value typed in, or a stored `.json` file the model parses when it runs. */
  jsonOrFile: (description: string) => withMeta(z.union([storedFileSchema, z.json()]), { description, portType: 'json', widget: 'json', acceptsFile: true }),
  boolean: (description: string) => withMeta(z.boolean(), { description, portType: 'boolean', widget: 'boolean' }),
  json: (description: string) => withMeta(z.json(), { description, portType: 'json', widget: 'json' }),
  any: (description: string) => withMeta(z.unknown(), { description, portType: 'any', widget: 'json' }),
  table: (description: string) =>
    withMeta(
      z.custom<Table>((value) => value instanceof Table, { error: (issue) => `expected a table, got ${describeType(issue.input)}` }),
      { description, portType: 'table' },
    ),
  /** One column name of the table input `from`. */
  column: (description: string, from = 'table') =>
    withMeta(z.string().min(1, 'name a column'), { description, portType: 'string', widget: 'column', columnsFrom: from }),
  /** Several column names of the table input `from`. */
  columns: (description: string, from = 'table') =>
    withMeta(z.array(z.string().min(1)), { description, portType: 'json', widget: 'columns', columnsFrom: from }),
  enum: <const T extends readonly [string, ...string[]]>(values: T, description: string) =>
    withMeta(z.enum(values), { description, portType: 'string', widget: 'enum' }),
};

/** Attaches editor metadata to any schema. */
export function annotate<S extends z.ZodType>(schema: S, meta: PortMeta): S {
  return withMeta(schema, meta);
}

/** What a number port got instead, in words: "-Infinity (a division by zero?)", not "got number" for a number it refuses. */
function numberWords(input: unknown): string {
  if (typeof input !== 'number') return describeType(input);
  if (Number.isNaN(input)) return 'NaN (not a number)';
  return `${String(input)} (a number port holds finite numbers only: a division by zero?)`;
}
