import { defineModel } from '../../engine';
import { port } from '../ports';

export const inputNumber = defineModel({
  id: 'input.number',
  title: 'Number',
  description: 'A number typed in the inspector',
  category: 'input',
  inputs: { value: port.number('The number').default(0) },
  outputs: { value: port.number('The number') },
  run: ({ value }) => ({ value }),
});
