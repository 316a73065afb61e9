import { defineModel } from '../../engine';
import { port } from '../ports';

export const multiply = defineModel({
  id: 'math.multiply',
  title: 'Multiply',
  description: 'value × factor',
  category: 'math',
  inputs: { value: port.number('Number to multiply').default(0), factor: port.number('Multiplier').default(1) },
  outputs: { product: port.number('value × factor') },
  run: ({ value, factor }) => ({ product: value * factor }),
});
