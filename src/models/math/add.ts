import { defineModel } from '../../engine';
import { port } from '../ports';

export const add = defineModel({
  id: 'math.add',
  title: 'Add',
  description: 'a + b',
  category: 'math',
  inputs: { a: port.number('First number').default(0), b: port.number('Second number').default(0) },
  outputs: { sum: port.number('a + b') },
  run: ({ a, b }) => ({ sum: a + b }),
});
