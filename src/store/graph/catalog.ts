/**
 * The editor's view of the model registry: ports, types and connection checks for any model id.
 * Until the model library has registered (after the first paint), the library snapshot describes it.
 */
import { registry } from '../../engine';
import { describeModel, isCompatible, type ModelInfo, type PortInfo } from '../../models/catalog';
import type { PortsOf } from '../../format';
import { snapshotModelInfo } from './librarySnapshot';

/** Described once per model definition (nodes ask on every render; a redefined model is a new object). */
const described = new WeakMap<object, ModelInfo>();

export function modelInfo(modelId: string): ModelInfo | null {
  if (!registry.has(modelId)) return snapshotModelInfo(modelId);
  const definition = registry.get(modelId);
  let info = described.get(definition);
  if (!info) {
    info = describeModel(definition);
    described.set(definition, info);
  }
  return info;
}

export const portsOf: PortsOf = (modelId) => {
  const info = modelInfo(modelId);
  return info ? { inputs: info.inputs.map((port) => port.name), outputs: info.outputs.map((port) => port.name) } : null;
};

/** Models that run code typed by a person: imported copies stay disabled until trusted. */
export function isCodeModel(modelId: string): boolean {
  const info = modelInfo(modelId);
  return !!info && (info.category === 'code' || info.inputs.some((port) => port.widget === 'code'));
}

function inputPort(modelId: string, field: string): PortInfo | undefined {
  return modelInfo(modelId)?.inputs.find((port) => port.name === field);
}

function outputPort(modelId: string, output: string): PortInfo | undefined {
  return modelInfo(modelId)?.outputs.find((port) => port.name === output);
}

/** Null when an output may feed the input; else why not, in words. Unknown (missing) models accept anything. */
export function typeMismatch(sourceModel: string, output: string, targetModel: string, field: string): string | null {
  const from = outputPort(sourceModel, output);
  const to = inputPort(targetModel, field);
  if (!from || !to) return null;
  return isCompatible(from.type, to.type) ? null : `output "${output}" is ${article(from.type)}, but field "${field}" takes ${article(to.type)}`;
}

export function article(type: string): string {
  return /^[aeiou]/.test(type) ? `an ${type}` : `a ${type}`;
}
