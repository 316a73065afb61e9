import { z } from 'zod';
import { defineModel } from '../../engine';
import { annotate, port } from '../ports';
import { DEFAULT_TIMEOUT_MS, runInSandbox } from './sandbox';

export const codeJavascript = defineModel({
  id: 'code.javascript',
  // 2: results come back faithfully (Map, Date, NaN…) or as an error, and a run that read the clock
  // or a random source is not cached; entries made by version 1 (which cached such runs) miss.
  version: '2',
  title: 'JavaScript',
  description:
    'Runs a function body over the inputs a, b, c in an isolated sandbox (no page, storage or network) and returns its `return` value. Tables arrive as arrays of row objects; the result must be data: numbers, text, lists, objects, dates, maps (use "Rows to table" to make a table of it). A run that reads Math.random(), the clock or crypto is not cached',
  category: 'code',
  inputs: {
    a: port.any('Input a (optional)').optional(),
    b: port.any('Input b (optional)').optional(),
    c: port.any('Input c (optional)').optional(),
    code: annotate(port.text('Function body over a, b, c; `return` the result'), { widget: 'code' }).default('return a;'),
    timeoutMs: annotate(z.number().int().positive('must be more than 0').max(600_000, 'at most 10 minutes'), {
      description: 'Stop the code after this many milliseconds',
      portType: 'number',
      widget: 'number',
    }).default(DEFAULT_TIMEOUT_MS),
  },
  outputs: { result: port.any('The returned value') },
  run: async ({ a, b, c, code, timeoutMs }, ctx) => ({
    result: await runInSandbox({
      code,
      parameters: ['a', 'b', 'c'],
      values: { a, b, c },
      timeoutMs,
      signal: ctx.signal,
      doNotCache: (reason) => ctx.doNotCache?.(reason),
    }),
  }),
});
