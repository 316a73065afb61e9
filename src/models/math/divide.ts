import { defineModel } from '../../engine';
import { port } from '../ports';

export const divide = defineModel({
  id: 'math.divide',
  title: 'Divide',
  description: 'dividend ÷ divisor; dividing by zero is an error rather than Infinity',
  category: 'math',
  inputs: { dividend: port.number('Number to divide').default(0), divisor: port.number('Number to divide by').default(1) },
  outputs: { quotient: port.number('dividend ÷ divisor') },
  run: ({ dividend, divisor }) => {
    if (divisor === 0) throw new Error('cannot divide by zero: `divisor` is 0');
    return { quotient: dividend / divisor };
  },
});
