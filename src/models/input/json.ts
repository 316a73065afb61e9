import { StoredFile, defineModel, readStoredFile, type JsonValue } from '../../engine';
import { port } from '../ports';

export const inputJson = defineModel({
  id: 'input.json',
  title: 'JSON value',
  description: 'Any JSON value (object, array, number, text, true/false, null) typed in the inspector or loaded from a .json file',
  category: 'input',
  inputs: { value: port.jsonOrFile('The value, or a loaded .json file').default(null) },
  outputs: { value: port.json('The value') },
  run: async ({ value }, ctx) => ({ value: value instanceof StoredFile ? parseJsonFile(value.name, await readStoredFile(value, ctx)) : value }),
});

function parseJsonFile(name: string, text: string): JsonValue {
  try {
    return JSON.parse(text) as JsonValue;
  } catch (error) {
    throw new Error(`the file “${name}” is not valid JSON: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
  }
}
