import { registry, type JsonValue } from '../../engine';

/** The field's own schema check of a param value, in words; null when it is fine. */
export function fieldError(modelId: string, field: string, value: JsonValue | undefined): string | null {
  if (!registry.has(modelId)) return null;
  const schema = registry.get(modelId).inputs[field];
  if (!schema) return null;
  const result = schema.safeParse(value);
  if (result.success) return null;
  if (value === undefined) return 'Required: set a value or wire an output into it.';
  return result.error.issues[0]?.message ?? 'Invalid value.';
}
