import { defineModel } from '../../engine';
import { port } from '../ports';

export const inputText = defineModel({
  id: 'input.text',
  title: 'Text',
  description: 'Text typed in the inspector',
  category: 'input',
  inputs: { value: port.text('The text', 'textarea').default('') },
  outputs: { value: port.text('The text') },
  run: ({ value }) => ({ value }),
});
