/** Any codec-encoded JSON value, as one zod schema (one definition in the generated JSON Schema). */
import { z } from 'zod';
import type { JsonValue } from '../engine';

export const jsonValueSchema: z.ZodType<JsonValue> = z.lazy(() =>
  z.union([z.null(), z.boolean(), z.number(), z.string(), z.array(jsonValueSchema), z.record(z.string(), jsonValueSchema)]),
);
