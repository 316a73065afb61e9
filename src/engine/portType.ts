/**
 * A field's port type: what a bypassed step matches an input to an output by, and what the editor's
 * catalog draws a port as. It is the `portType` the field's zod metadata names (the models' `port`
 * helpers set it, e.g. "table"), looking through optional/default wrappers (the outer one wins);
 * a field without one gets the type of its zod schema.
 */
import type { z } from 'zod';

interface ZodDef {
  type: string;
  innerType?: z.ZodType;
}

const WRAPPERS = new Set(['optional', 'nullable', 'default', 'prefault', 'catch', 'readonly', 'nonoptional']);

const defOf = (schema: z.ZodType): ZodDef => (schema as unknown as { _zod: { def: ZodDef } })._zod.def;

function inferredType(core: z.ZodType): string {
  switch (defOf(core).type) {
    case 'number':
    case 'int':
    case 'bigint':
      return 'number';
    case 'string':
    case 'enum':
    case 'literal':
      return 'string';
    case 'boolean':
      return 'boolean';
    case 'unknown':
    case 'any':
    case 'custom':
      return 'any';
    default:
      return 'json';
  }
}

/** The port type of a field schema: its metadata's `portType`, else one inferred from the schema ("number", "string", "boolean", "json", "any"). */
export function portTypeOf(schema: z.ZodType): string {
  let current = schema;
  for (;;) {
    const named = (current.meta() as { portType?: unknown } | undefined)?.portType;
    if (typeof named === 'string') return named;
    const def = defOf(current);
    if (!WRAPPERS.has(def.type) || !def.innerType) return inferredType(current);
    current = def.innerType;
  }
}
