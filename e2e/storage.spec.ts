import { test, expect, type Page } from '@playwright/test';
import { newWeatherWorkflow } from './run.helpers';
import { statusLine } from './editor.helpers';
import { seriousViolations } from './axe.helpers';

// The Storage view on the Seattle template, run for real in the worker: sizes per step after a
// run, clearing a step makes it run on the next Run, and a small budget drops earlier entries
// while the last run's stay (the next Run skips every step).

const SIZE = /^\d+(\.\d)? (bytes|KB|MB|GB)$/;

async function run(page: Page) {
  await page.getByTestId('run-button').click();
  await expect(page.getByTestId('cancel-button')).toBeDisabled({ timeout: 60_000 });
}

async function expectStatuses(page: Page, expected: Record<string, string>) {
  for (const [id, status] of Object.entries(expected)) {
    await expect(page.locator(`[data-testid^="step-row-"][data-step-id="${id}"]`)).toHaveAttribute('data-status', status);
  }
}

async function openStorage(page: Page) {
  await page.getByTestId('storage-button').click();
  const view = page.getByTestId('storage-view');
  await expect(view).toBeVisible();
  return view;
}

const stepRow = (page: Page, key: string) => page.getByTestId('storage-view').locator(`[data-testid="storage-step"][data-step-key="${key}"]`);

async function setFromYear(page: Page, year: number) {
  await page.getByTestId('side-tab-state').click();
  await page.getByTestId('state-editor').getByTestId('state-slot-input-fromYear').fill(String(year));
}

test.describe('The Storage view', () => {
  test('shows sizes per step after a run, and a cleared step runs on the next Run', async ({ page }) => {
    test.slow();
    await newWeatherWorkflow(page);
    await run(page);
    const view = await openStorage(page);
    await expect(view.getByTestId('storage-used')).toHaveText(SIZE);
    await expect(view.getByTestId('storage-step')).toHaveCount(4);
    for (const key of ['sample', 'clean', 'monthly', 'chart']) await expect(stepRow(page, key).getByTestId('storage-step-size')).toHaveText(SIZE);
    await expect(view.getByTestId('storage-workflow')).toContainText('1 run in history');
    await page.screenshot({ path: test.info().outputPath('storage-view.png') });
    expect(await seriousViolations(page, { include: ['[data-testid="storage-view"]'] })).toEqual([]);

    await stepRow(page, 'monthly').getByTestId('storage-clear-step').click();
    await expect(view.getByTestId('storage-confirm')).toContainText('Clear the cache of step');
    await page.screenshot({ path: test.info().outputPath('storage-confirm.png') });
    await view.getByTestId('storage-confirm-clear').click();
    await expect(stepRow(page, 'monthly')).toHaveCount(0);
    await expect(view.getByTestId('storage-step')).toHaveCount(3);
    await page.keyboard.press('Escape');
    await expect(view).toBeHidden();
    await expect(statusLine(page, 'monthly')).toHaveText('will run: nothing cached to reuse');

    await run(page);
    await expectStatuses(page, { sample: 'skipped', clean: 'skipped', monthly: 'ran', chart: 'skipped' });
  });

  test('a small budget drops the earlier entries and keeps the last run’s: the next Run skips', async ({ page }) => {
    test.slow();
    await newWeatherWorkflow(page);
    await run(page);
    await setFromYear(page, 2014);
    await run(page);
    const view = await openStorage(page);
    await expect(stepRow(page, 'monthly').locator('td').nth(1)).toHaveText('2');
    const before = await view.getByTestId('storage-used').innerText();

    await view.getByTestId('storage-budget-input').fill('1 KB');
    await view.getByTestId('storage-budget-set').click();
    await expect(view.getByRole('status')).toContainText('least recently used cache entries removed');
    await expect(stepRow(page, 'monthly').locator('td').nth(1)).toHaveText('1');
    await expect(view.getByTestId('storage-used')).not.toHaveText(before);
    await expect(view).toContainText('Over budget');
    await page.screenshot({ path: test.info().outputPath('storage-budget.png') });
    await view.getByRole('button', { name: 'Close', exact: true }).last().click();

    await run(page);
    await expectStatuses(page, { sample: 'skipped', clean: 'skipped', monthly: 'skipped', chart: 'skipped' });
    // 2012's entries went: going back runs the steps that read the year.
    await setFromYear(page, 2012);
    await run(page);
    await expectStatuses(page, { sample: 'skipped', clean: 'ran', monthly: 'ran', chart: 'ran' });
  });
});
