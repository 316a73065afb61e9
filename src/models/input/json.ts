import { defineModel } from '../../engine';
import { port } from '../ports';

export const inputJson = defineModel({
  id: 'input.json',
  title: 'JSON value',
  description: 'Any JSON value (object, array, number, text, true/false, null) typed in the inspector',
  category: 'input',
  inputs: { value: port.json('The value').default(null) },
  outputs: { value: port.json('The value') },
  run: ({ value }) => ({ value }),
});
