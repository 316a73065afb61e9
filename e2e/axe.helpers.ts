import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';

/** Where an axe scan looks: only inside `include` (when given), leaving out `exclude`. */
export interface AxeScope {
  include?: string[];
  exclude?: string[];
}

/**
 * The serious and critical axe violations in `scope`, each as "rule: help (first targets)" so a
 * failing test names what to fix and where; empty when there is none.
 */
export async function seriousViolations(page: Page, { include = [], exclude = [] }: AxeScope = {}): Promise<string[]> {
  let builder = new AxeBuilder({ page });
  for (const selector of include) builder = builder.include(selector);
  for (const selector of exclude) builder = builder.exclude(selector);
  const results = await builder.analyze();
  return results.violations
    .filter((violation) => violation.impact === 'serious' || violation.impact === 'critical')
    .map(
      (violation) =>
        `${violation.id}: ${violation.help} (${violation.nodes
          .map((node) => node.target.join(' '))
          .slice(0, 3)
          .join(', ')})`,
    );
}
