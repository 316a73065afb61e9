import { defineModel, readStoredFile } from '../../engine';
import { port } from '../ports';

export const inputText = defineModel({
  id: 'input.text',
  title: 'Text',
  description: 'Text typed in the inspector or loaded from a file',
  category: 'input',
  inputs: { value: port.textOrFile('The text, or a loaded .txt file', 'textarea').default('') },
  outputs: { value: port.text('The text') },
  run: async ({ value }, ctx) => ({ value: typeof value === 'string' ? value : await readStoredFile(value, ctx) }),
});
