import { test, expect } from '@playwright/test';

test('the app loads without console errors', async ({ page }) => {
  const errors: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(message.text());
  });
  await page.goto('/');
  await expect(page).toHaveTitle('Swark Studio');
  expect(errors).toEqual([]);
});
