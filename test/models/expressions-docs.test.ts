/** docs/expressions.md documents every function, method and constant the language has. */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { FUNCTIONS, MATH_CONSTANTS, METHODS } from '../../src/models/table/expression/catalog';

const docs = readFileSync(new URL('../../docs/expressions.md', import.meta.url), 'utf8');

describe('docs/expressions.md', () => {
  it('names every function, method and Math constant of the catalog', () => {
    const missing = [
      ...FUNCTIONS.map((spec) => spec.name).filter((name) => !new RegExp(`\\b${name}\\b`).test(docs)),
      ...METHODS.map((spec) => spec.name).filter((name) => !docs.includes(`.${name}`)),
      ...Object.keys(MATH_CONSTANTS).filter((name) => !docs.includes(`Math.${name}`)),
    ];
    expect(missing).toEqual([]);
  });
});
