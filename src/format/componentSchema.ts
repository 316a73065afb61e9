/**
 * The export format's `components` (definitions by id) and `instances` (where each is placed), since
 * version 6. The steps in `workflow.steps` are already flattened (`<instance>/<inner>`), so a reader that
 * ignores these two keys (the CLI) still runs the file; the importer folds the steps back into instances.
 */
import { z } from 'zod';
import { jsonValueSchema as json } from './jsonValueSchema';
import type { ComponentDefinition } from './components';

const NAME_MAX = 200;
const name = z.string().min(1, 'must not be empty').max(NAME_MAX);

const innerNodeSchema = z.strictObject({
  id: name.refine((id) => !id.includes('/'), { message: 'must not contain "/" (it joins instance and inner ids)' }),
  model: name,
  label: z.string().max(NAME_MAX),
  x: z.number(),
  y: z.number(),
  params: z.record(name, json).exactOptional(),
  slotNames: z.record(name, name).exactOptional(),
  stateInputs: z.record(name, name).exactOptional(),
  deterministic: z.literal(false).exactOptional(),
  bypassed: z.literal(true).exactOptional(),
});

export const componentDefinitionSchema = z.strictObject({
  name,
  nodes: z.array(innerNodeSchema).min(1).max(1000),
  edges: z.array(z.strictObject({ source: name, output: name, target: name, field: name })).max(10_000),
  inputs: z.array(z.strictObject({ port: name, node: name, field: name })).max(1000),
  outputs: z.array(z.strictObject({ port: name, node: name, output: name })).max(1000),
});

export const componentInstanceSchema = z.strictObject({
  component: name.describe('The id of its definition in `components`.'),
  label: z.string().max(NAME_MAX),
  x: z.number(),
  y: z.number(),
});

export type ComponentDefinitionFile = z.infer<typeof componentDefinitionSchema>;
export type ComponentInstanceFile = z.infer<typeof componentInstanceSchema>;

export function definitionToFile(definition: ComponentDefinition): ComponentDefinitionFile {
  return {
    name: definition.name,
    nodes: definition.nodes.map((node) => ({
      id: node.id,
      model: node.model,
      label: node.label,
      x: node.position.x,
      y: node.position.y,
      ...(Object.keys(node.params).length ? { params: structuredClone(node.params) } : {}),
      ...(Object.keys(node.slotNames).length ? { slotNames: { ...node.slotNames } } : {}),
      ...(Object.keys(node.stateInputs).length ? { stateInputs: { ...node.stateInputs } } : {}),
      ...(node.deterministic === false ? { deterministic: false as const } : {}),
      ...(node.bypassed ? { bypassed: true as const } : {}),
    })),
    edges: definition.edges.map((edge) => ({ ...edge })),
    inputs: definition.inputs.map((input) => ({ ...input })),
    outputs: definition.outputs.map((output) => ({ ...output })),
  };
}

export function definitionFromFile(id: string, file: ComponentDefinitionFile): ComponentDefinition {
  return {
    id,
    name: file.name,
    nodes: file.nodes.map(({ x, y, params, slotNames, stateInputs, ...rest }) => ({
      ...rest,
      position: { x, y },
      params: params ?? {},
      slotNames: slotNames ?? {},
      stateInputs: stateInputs ?? {},
    })),
    edges: file.edges,
    inputs: file.inputs,
    outputs: file.outputs,
  };
}
