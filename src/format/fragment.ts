/**
 * Copy/paste fragments: selected nodes and the edges among them, as JSON text on the system
 * clipboard (so they paste into another workflow or tab). Checked like an import before use.
 */
import { z } from 'zod';
import type { GraphNodeSpec } from './graph';
import { scanJsonText } from './scan';
import { FORBIDDEN_KEYS } from './constants';
import { FRAGMENT_FORMAT, type GraphFragment } from './fragmentText';
import { jsonValueSchema } from './schema';

const key = z
  .string()
  .min(1)
  .max(200)
  .refine((k) => !FORBIDDEN_KEYS.has(k), { message: 'is a reserved name' });

const nodeSchema = z.strictObject({
  id: key,
  model: z.string().min(1).max(200),
  label: z.string().max(200),
  position: z.strictObject({ x: z.number(), y: z.number() }),
  params: z.record(key, jsonValueSchema),
  slotNames: z.record(key, key),
  stateInputs: z.record(key, key),
  missingPorts: z.strictObject({ inputs: z.array(key), outputs: z.array(key) }).optional(),
  untrusted: z.boolean().optional(),
  deterministic: z.literal(false).optional(),
  bypassed: z.literal(true).optional(),
});

const fragmentSchema = z.strictObject({
  format: z.literal(FRAGMENT_FORMAT),
  version: z.literal(1),
  nodes: z.array(nodeSchema).min(1).max(5000),
  edges: z.array(z.strictObject({ source: key, output: key, target: key, field: key })).max(20000),
});

/** The fragment in `text`, or null when the text is not one (e.g. ordinary copied text). */
export function fragmentFromText(text: string): GraphFragment | null {
  if (text.length > 5 * 1024 * 1024 || !text.includes(FRAGMENT_FORMAT) || scanJsonText(text) !== null) return null;
  try {
    const parsed = fragmentSchema.safeParse(JSON.parse(text));
    if (!parsed.success) return null;
    return {
      nodes: parsed.data.nodes.map((node) => {
        const spec: GraphNodeSpec = {
          id: node.id,
          model: node.model,
          label: node.label,
          position: node.position,
          params: node.params,
          slotNames: node.slotNames,
          stateInputs: node.stateInputs,
        };
        if (node.missingPorts) spec.missingPorts = node.missingPorts;
        if (node.untrusted) spec.untrusted = true;
        if (node.deterministic === false) spec.deterministic = false;
        if (node.bypassed) spec.bypassed = true;
        return spec;
      }),
      edges: parsed.data.edges,
    };
  } catch {
    return null;
  }
}
