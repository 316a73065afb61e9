/**
 * Custom models: a code node saved under a name, with declared inputs and outputs, run in the same
 * sandbox as `code.javascript`. With one output the function's return value is that output; with
 * several it must return an object holding each of them.
 */
import { defineModel, hashString, registry as defaultRegistry, describeType, type FieldSchemas, type ModelDefinition, type ModelRegistry } from '../../engine';
import type { CustomModelRecord } from '../../persistence/types';
import { port } from '../ports';
import { DEFAULT_TIMEOUT_MS, checkParameterName, runInSandbox } from './sandbox';

/**
 * What the sandbox gives back changed (faithful values, uncached clock and random reads): entries
 * made before (their versions were the bare hash) miss. Bump with `code.javascript`'s version.
 */
const SANDBOX_RESULTS = '2';

/** The version a custom model gets: a hash of its code, so editing the code invalidates the cache. */
export function customModelVersion(code: string): string {
  return `${SANDBOX_RESULTS}-${hashString(code)}`;
}

export function createCustomModel(record: CustomModelRecord): ModelDefinition {
  if (!record.id.trim()) throw new Error('a custom model needs an id');
  if (!record.outputs.length) throw new Error(`custom model "${record.title || record.id}" declares no outputs`);
  for (const names of [record.inputs, record.outputs]) {
    const duplicate = names.find((name, i) => names.indexOf(name) !== i);
    if (duplicate !== undefined) throw new Error(`custom model "${record.title || record.id}" declares \`${duplicate}\` twice`);
  }
  record.inputs.forEach(checkParameterName);
  const inputs: FieldSchemas = {};
  for (const name of record.inputs) inputs[name] = port.any(`Input ${name}`).optional();
  const outputs: FieldSchemas = {};
  for (const name of record.outputs) outputs[name] = port.any(`Output ${name}`);
  const single = record.outputs.length === 1 ? record.outputs[0] : undefined;
  return defineModel({
    id: record.id,
    version: customModelVersion(record.code),
    title: record.title || record.id,
    description: record.description || 'A saved code node',
    category: 'custom',
    inputs,
    outputs,
    run: async (input, ctx) => {
      const result = await runInSandbox({
        code: record.code,
        parameters: record.inputs,
        values: input,
        timeoutMs: DEFAULT_TIMEOUT_MS,
        signal: ctx.signal,
        doNotCache: (reason) => ctx.doNotCache?.(reason),
      });
      if (single !== undefined) return { [single]: result };
      if (result === null || typeof result !== 'object' || Array.isArray(result)) {
        throw new Error(`the code must return an object with ${record.outputs.map((name) => `\`${name}\``).join(', ')}; it returned ${describeType(result)}`);
      }
      const missing = record.outputs.filter((name) => !(name in result));
      if (missing.length) throw new Error(`the returned object lacks ${missing.map((name) => `\`${name}\``).join(', ')}`);
      return result as Record<string, unknown>;
    },
  }) as unknown as ModelDefinition;
}

/** Registers (or replaces) a custom model; refuses to shadow a built-in of the same id. */
export function registerCustomModel(record: CustomModelRecord, target: ModelRegistry = defaultRegistry): ModelDefinition {
  if (target.has(record.id) && target.get(record.id).category !== 'custom') {
    throw new Error(`"${record.id}" is the id of a built-in model: choose another id for the custom model`);
  }
  return target.register(createCustomModel(record));
}

export function unregisterCustomModel(id: string, target: ModelRegistry = defaultRegistry): boolean {
  if (!target.has(id) || target.get(id).category !== 'custom') return false;
  return target.unregister(id);
}
