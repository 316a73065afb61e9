import { defineModel } from '../../engine';
import { port } from '../ports';

export const jsonStringify = defineModel({
  id: 'json.stringify',
  title: 'Format JSON',
  description: 'Writes a value as JSON text',
  category: 'json',
  inputs: { value: port.json('The value'), indent: port.number('Spaces of indentation (0: one line)').default(2) },
  outputs: { text: port.text('JSON text') },
  run: ({ value, indent }) => ({ text: JSON.stringify(value, null, indent) }),
});
