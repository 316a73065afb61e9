import { test, expect, type Page } from '@playwright/test';
import { openEditor } from './editor.helpers';

async function openRunner(page: Page) {
  await openEditor(page);
  await page.getByTestId('dock-tab-runner').click();
  await expect(page.getByRole('region', { name: 'Runner' })).toBeVisible();
}

async function pick(page: Page, workflowRef: string, stateRef: string) {
  await page.getByLabel('Workflow', { exact: true }).fill(workflowRef);
  await page.getByLabel('State', { exact: true }).fill(stateRef);
}

const steps = (page: Page) => page.getByTestId('runner-step');

test.describe('The Runner view', () => {
  test('runs app://arithmetic/workflows/xyk with its state, then Rerun skips every step', async ({ page }) => {
    await openRunner(page);
    await pick(page, 'app://arithmetic/workflows/xyk', 'app://arithmetic/states/xyk');
    await expect(page.getByTestId('runner-rerun')).toBeDisabled();

    await page.getByTestId('runner-run').click();
    await expect(steps(page)).toHaveCount(2);
    await expect(steps(page).nth(0)).toHaveAttribute('data-status', 'ran');
    await expect(steps(page).nth(1)).toHaveAttribute('data-status', 'ran');
    // (1 + 2) * 3
    await expect(page.getByTestId('runner-output')).toContainText(/result\s*9/);

    await page.getByTestId('runner-rerun').click();
    await expect(page.getByRole('list', { name: 'Rerun steps' })).toBeVisible();
    await expect(steps(page)).toHaveCount(2);
    for (const step of await steps(page).all()) await expect(step).toHaveAttribute('data-status', 'skipped');
    await expect(page.getByTestId('runner-output')).toContainText(/result\s*9/);
  });

  test('runs a workflow saved in the workspace by its workspace:// reference', async ({ page }) => {
    await openEditor(page);
    await page.getByTestId('new-from-template').selectOption('arithmetic');
    await expect(page.locator('.react-flow__node')).toHaveCount(5);
    await page.getByTestId('dock-tab-runner').click();
    await pick(page, 'workspace://workflows/(x%20%2B%20y)%20*%20k', 'workspace://states/(x%20%2B%20y)%20*%20k');
    await page.getByTestId('runner-run').click();
    await expect(steps(page)).toHaveCount(5);
    for (const step of await steps(page).all()) await expect(step).toHaveAttribute('data-status', 'ran');
    await expect(page.getByTestId('runner-output')).toContainText(/multiply\.product\s*20/);
  });

  test('an unknown reference says which one, in words, and nothing runs', async ({ page }) => {
    await openRunner(page);
    await pick(page, 'app://arithmetic/workflows/nope', 'app://arithmetic/states/xyk');
    await page.getByTestId('runner-run').click();
    const alert = page.getByRole('region', { name: 'Runner' }).getByRole('alert');
    await expect(alert).toContainText('app://arithmetic/workflows/nope');
    await expect(alert).toContainText(/nope/);
    await expect(steps(page)).toHaveCount(0);
    await expect(page.getByTestId('runner-rerun')).toBeDisabled();
  });

  test('switching tabs keeps what the Runner showed', async ({ page }) => {
    await openRunner(page);
    await page.getByTestId('runner-run').click();
    await expect(steps(page)).toHaveCount(2);
    await page.getByTestId('dock-tab-run').click();
    await expect(page.getByTestId('run-panel')).toBeVisible();
    await expect(page.getByRole('region', { name: 'Runner' })).toBeHidden();
    await page.getByTestId('dock-tab-runner').click();
    await expect(steps(page)).toHaveCount(2);
  });
});
