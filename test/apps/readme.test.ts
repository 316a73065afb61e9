/** The README's numbers for the arithmetic templates are the templates' own. */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { standard } from '../../src/apps/arithmetic/states/xyk';
import { templateById } from '../../src/store/graph/templates';

const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8').replace(/\s+/g, ' ');

describe('README', () => {
  it('gives the x, y, k the arithmetic application template starts from, and its result', () => {
    const { x, y, k } = standard().toJSON().values as Record<string, number>;
    expect(readme).toContain(`x, y, k = ${x}, ${y}, ${k} from its initial state and gives ${(x! + y!) * k!}`);
  });

  it('gives the number nodes of the editor example, and its result', () => {
    const steps = templateById('arithmetic')!.body().workflow.steps as { id?: string; params?: { value?: number } }[];
    const value = (id: string) => steps.find((step) => step.id === id)!.params!.value!;
    const [x, y, k] = [value('x'), value('y'), value('k')];
    expect(readme).toContain(`number nodes x, y, k = ${x}, ${y}, ${k}, giving ${(x + y) * k}`);
  });
});
