import { defineModel } from '../../engine';
import { annotate, port } from '../ports';
import { evaluateArithmetic } from './arithmetic';

export const formula = defineModel({
  id: 'math.formula',
  title: 'Formula',
  description: 'Arithmetic over the named numbers a, b, c, d, e.g. `(a + b) / 2` or `sqrt(a^2 + b^2)`',
  category: 'math',
  inputs: {
    expression: annotate(port.text('The formula over a, b, c, d').min(1, 'write a formula, e.g. a + b'), { widget: 'expression' }).default('a + b'),
    a: port.number('Value of a').optional(),
    b: port.number('Value of b').optional(),
    c: port.number('Value of c').optional(),
    d: port.number('Value of d').optional(),
  },
  outputs: { result: port.number('The formula’s value') },
  run: ({ expression, a, b, c, d }) => {
    const result = evaluateArithmetic(expression, { a, b, c, d });
    if (Number.isNaN(result)) throw new Error(`the formula \`${expression}\` gives no number (NaN) for these values`);
    return { result };
  },
});
