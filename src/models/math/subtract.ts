import { defineModel } from '../../engine';
import { port } from '../ports';

export const subtract = defineModel({
  id: 'math.subtract',
  title: 'Subtract',
  description: 'a − b',
  category: 'math',
  inputs: { a: port.number('Number to subtract from').default(0), b: port.number('Number to subtract').default(0) },
  outputs: { difference: port.number('a − b') },
  run: ({ a, b }) => ({ difference: a - b }),
});
