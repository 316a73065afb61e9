import { test, expect } from '@playwright/test';

test('the app opens to a working editor without errors', async ({ page }) => {
  const errors: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(message.text());
  });
  page.on('pageerror', (error) => errors.push(error.message));
  await page.goto('/');
  await expect(page).toHaveTitle('Swark Studio');
  // The editor, not only the page: the canvas, a model to drag, Run, and the workspace saved.
  await expect(page.locator('.react-flow__pane')).toBeVisible();
  await expect(page.getByTestId('palette-item-math.add')).toBeVisible();
  await expect(page.getByTestId('run-button')).toBeEnabled();
  await expect(page.getByTestId('save-status')).toContainText('Saved');
  // What loads after the first paint (the model library, the run worker) has its turn too.
  await page.waitForLoadState('networkidle');
  expect(errors).toEqual([]);
});
