/** The inspector's "Always run" switch (issue 11): the step runs on every run, and the preview says so. */
import { test, expect } from '@playwright/test';
import { node, openEditor, statusLine } from './editor.helpers';

test('a node switched to "Always run" runs again on a second run, said in its row and preview', async ({ page }) => {
  await openEditor(page);
  await page.getByTestId('new-from-template').selectOption('arithmetic');
  await expect(page.locator('.react-flow__node')).toHaveCount(5);
  const addRow = page.locator('[data-testid^="step-row-"][data-step-id="add"]');
  await page.getByTestId('run-button').click();
  await expect(addRow).toHaveAttribute('data-status', 'ran');

  await node(page, 'add').locator('.model-node-header').click();
  const toggle = page.getByRole('switch', { name: 'Always run' });
  await expect(toggle).not.toBeChecked();
  await toggle.check();
  await expect(statusLine(page, 'add')).toContainText('will run: always run');

  await page.getByTestId('run-button').click();
  await expect(page.getByTestId('run-history').locator('li')).toHaveCount(2);
  await expect(addRow).toHaveAttribute('data-status', 'ran');
  await expect(addRow.locator('.run-step-reason')).toHaveText('always run');
  // Its output did not change, so the step after it still skips.
  await expect(page.locator('[data-testid^="step-row-"][data-step-id="multiply"]')).toHaveAttribute('data-status', 'skipped');

  // Undo turns it off again: the next run skips it.
  await page.locator('.react-flow__pane').click();
  await page.keyboard.press('Control+z');
  await node(page, 'add').locator('.model-node-header').click();
  await expect(page.getByRole('switch', { name: 'Always run' })).not.toBeChecked();
  await page.getByTestId('run-button').click();
  await expect(page.getByTestId('run-history').locator('li')).toHaveCount(3);
  await expect(addRow).toHaveAttribute('data-status', 'skipped');
});
