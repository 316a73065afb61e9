import { z } from 'zod';
import { defineModel } from '../../../engine';

/** `x + y`: the first half of the arithmetic app's `(x + y) * k`. */
export const add = defineModel({
  id: 'arithmetic.add',
  title: 'Add',
  description: 'Adds two numbers: sum = x + y.',
  category: 'arithmetic',
  inputs: { x: z.number(), y: z.number() },
  outputs: { sum: z.number() },
  run: ({ x, y }) => ({ sum: x + y }),
});
