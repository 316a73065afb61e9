/**
 * What the editor needs to draw and check a node, for any model definition (built-in or custom):
 * its ports with types, defaults, JSON Schemas and inspector widget hints, and whether an output
 * may be wired to an input.
 */
import type { z } from 'zod';
import type { ModelDefinition } from '../engine';
import { portTypeOf } from '../engine/portType';
import type { PortMeta, PortType, Widget } from './ports';

export type { PortType, Widget } from './ports';

export interface PortInfo {
  name: string;
  type: PortType;
  description: string;
  /** May be left unset (no wire, no value). */
  optional: boolean;
  /** Has a default, so it can be left unwired and set in the inspector. */
  hasDefault: boolean;
  defaultValue?: unknown;
  /** zod's JSON Schema of the field (input side), for inspector forms. */
  jsonSchema: object;
  widget?: Widget;
  /** The table input field whose columns a column picker lists. */
  columnsFrom?: string;
  /** The choices of an enum field. */
  options?: string[];
  /** The field may hold a stored file instead of its text ("Load from file…"). */
  acceptsFile?: boolean;
}

export interface ModelInfo {
  id: string;
  title: string;
  description: string;
  category: string;
  version: string;
  inputs: PortInfo[];
  outputs: PortInfo[];
}

export interface CategoryInfo {
  id: string;
  title: string;
}

const CATEGORIES: CategoryInfo[] = [
  { id: 'input', title: 'Inputs' },
  { id: 'math', title: 'Math' },
  { id: 'table', title: 'Tables' },
  { id: 'sql', title: 'SQL' },
  { id: 'chart', title: 'Charts' },
  { id: 'json', title: 'JSON' },
  { id: 'code', title: 'Code' },
  { id: 'custom', title: 'Custom models' },
];

/** The palette's categories in display order; unknown categories of custom models go last. */
export function listCategories(definitions?: readonly Pick<ModelDefinition, 'category'>[]): CategoryInfo[] {
  if (!definitions) return CATEGORIES.map((category) => ({ ...category }));
  const used = new Set(definitions.map((definition) => definition.category));
  const known = CATEGORIES.filter((category) => used.has(category.id));
  const extra = [...used].filter((id) => !CATEGORIES.some((category) => category.id === id)).sort();
  return [...known, ...extra.map((id) => ({ id, title: id.charAt(0).toUpperCase() + id.slice(1) }))];
}

interface ZodInternals {
  _zod: { def: { type: string; innerType?: z.ZodType; defaultValue?: unknown; entries?: Record<string, string> } };
}

function defOf(schema: z.ZodType): ZodInternals['_zod']['def'] {
  return (schema as unknown as ZodInternals)._zod.def;
}

const WRAPPERS = new Set(['optional', 'nullable', 'default', 'prefault', 'catch', 'readonly', 'nonoptional']);

/** Looks through optional/default wrappers, merging metadata (outer wins) and noting defaults. */
function inspect(schema: z.ZodType): { core: z.ZodType; meta: PortMeta; optional: boolean; hasDefault: boolean; defaultValue: unknown } {
  let current = schema;
  let meta: PortMeta = {};
  let optional = false;
  let hasDefault = false;
  let defaultValue: unknown;
  for (;;) {
    meta = { ...((current.meta() as PortMeta | undefined) ?? {}), ...meta };
    if (!meta.description && current.description) meta.description = current.description;
    const def = defOf(current);
    if (!WRAPPERS.has(def.type) || !def.innerType) break;
    if (def.type === 'optional') optional = true;
    if (def.type === 'default' || def.type === 'prefault') {
      hasDefault = true;
      const value = def.defaultValue;
      defaultValue = typeof value === 'function' ? (value as () => unknown)() : value;
    }
    current = def.innerType;
  }
  return { core: current, meta, optional, hasDefault, defaultValue };
}

const WIDGET_BY_TYPE: Partial<Record<PortType, Widget>> = { number: 'number', string: 'text', boolean: 'boolean', json: 'json', any: 'json' };

/** The schema's own method, not `z.toJSONSchema`: describing a model must not load zod (the editor's first paint). */
function jsonSchemaOf(schema: z.ZodType): object {
  try {
    const { $schema: _ignored, ...rest } = schema.toJSONSchema({ unrepresentable: 'any', io: 'input' }) as Record<string, unknown>;
    return rest;
  } catch {
    return {};
  }
}

/** Describes one field of a model. */
export function describePort(name: string, schema: z.ZodType): PortInfo {
  const { core, meta, optional, hasDefault, defaultValue } = inspect(schema);
  // One rule with the engine's bypass (which input passes through to which output).
  const type = (meta.portType ?? portTypeOf(core)) as PortType;
  const def = defOf(core);
  const options = def.type === 'enum' && def.entries ? Object.values(def.entries) : undefined;
  const widget = meta.widget ?? (options ? 'enum' : WIDGET_BY_TYPE[type]);
  const info: PortInfo = { name, type, description: meta.description ?? '', optional, hasDefault, jsonSchema: jsonSchemaOf(schema) };
  if (hasDefault) info.defaultValue = defaultValue;
  if (widget) info.widget = widget;
  if (meta.columnsFrom) info.columnsFrom = meta.columnsFrom;
  if (meta.acceptsFile) info.acceptsFile = true;
  if (options) info.options = options;
  return info;
}

const cache = new WeakMap<ModelDefinition, ModelInfo>();

/** Ports and labels of a model, for the palette, the canvas and the inspector (memoised per definition). */
export function describeModel(definition: ModelDefinition): ModelInfo {
  const cached = cache.get(definition);
  if (cached) return cached;
  const info: ModelInfo = {
    id: definition.id,
    title: definition.title,
    description: definition.description,
    category: definition.category,
    version: definition.version,
    inputs: Object.entries(definition.inputs).map(([name, schema]) => describePort(name, schema)),
    outputs: Object.entries(definition.outputs).map(([name, schema]) => describePort(name, schema)),
  };
  cache.set(definition, info);
  return info;
}

/** Types a loosely typed value (json / any) may turn out to be at run time; the step's validation checks it then. */
const LOOSE_TARGETS = new Set<PortType>(['number', 'string', 'boolean', 'json', 'any']);

/**
 * May an output of type `output` be wired to an input of type `input`?
 * Exact matches always; `any` accepts everything; `json` accepts every plain-data type (not tables);
 * a `json`/`any` output may feed number, string and boolean inputs (checked when the step runs).
 */
export function isCompatible(output: PortType, input: PortType): boolean {
  if (output === input || input === 'any') return true;
  if (input === 'json') return output !== 'table';
  if (output === 'any' || output === 'json') return LOOSE_TARGETS.has(input);
  return false;
}
