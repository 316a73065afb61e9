import { expect, test } from '@playwright/test';
import { selectNode, statusLine } from './editor.helpers';
import { openArithmetic } from './run.helpers';

// The node preview follows the toggles and Clear cache after a run where every step skipped: the
// line says what the next run does, and that run does it.

test('after an all-skipped run, "Use cache" off and Clear cache show on the nodes and inspector what the next run does', async ({ page }) => {
  await openArithmetic(page);
  const rows = page.locator('[data-testid^="step-row-"]');
  await page.getByTestId('run-button').click();
  await expect(rows.and(page.locator('[data-status="ran"]'))).toHaveCount(5, { timeout: 60_000 });
  await page.getByTestId('run-button').click();
  await expect(rows.and(page.locator('[data-status="skipped"]'))).toHaveCount(5, { timeout: 60_000 });
  await expect(statusLine(page, 'x')).toHaveText('skipped (cached)');

  await page.getByTestId('toggle-use-extracts').uncheck();
  for (const key of ['x', 'add', 'multiply']) await expect(statusLine(page, key)).toContainText('will run');
  await page.getByTestId('toggle-use-extracts').check();
  for (const key of ['x', 'add', 'multiply']) await expect(statusLine(page, key)).toHaveText('skipped (cached)');

  await selectNode(page, 'add');
  await page.getByRole('button', { name: 'Clear cache' }).click();
  await expect(statusLine(page, 'add')).toContainText('will run');
  await expect(statusLine(page, 'multiply')).toContainText('may run');
  await expect(statusLine(page, 'x')).toHaveText('skipped (cached)');
  await expect(page.getByTestId('inspector')).toContainText('will run');

  await page.getByTestId('run-button').click();
  await expect(page.locator('[data-testid^="step-row-"][data-step-id="add"]')).toHaveAttribute('data-status', 'ran', { timeout: 60_000 });
  await expect(page.locator('[data-testid^="step-row-"][data-step-id="multiply"]')).toHaveAttribute('data-status', 'skipped');
});
