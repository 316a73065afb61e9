import { z } from 'zod';
import { defineModel } from '../../../engine';

/** `a * b`: scales the sum by `k` in the arithmetic app. */
export const multiply = defineModel({
  id: 'arithmetic.multiply',
  title: 'Multiply',
  description: 'Multiplies two numbers: product = a * b.',
  category: 'arithmetic',
  inputs: { a: z.number(), b: z.number() },
  outputs: { product: z.number() },
  run: ({ a, b }) => ({ product: a * b }),
});
