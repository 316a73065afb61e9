import { test, expect, type Page } from '@playwright/test';
import { newWeatherWorkflow } from './run.helpers';
import { seriousViolations } from './axe.helpers';

// "Run over states…" on the Seattle template, run for real in Web Workers. The page is told it has
// 4 logical processors, so a sweep runs up to 3 workers; every Worker the page makes is counted.

async function countWorkers(page: Page) {
  await page.addInitScript(() => {
    const Real = window.Worker;
    let alive = 0;
    (window as unknown as { __aliveWorkers: () => number }).__aliveWorkers = () => alive;
    Object.defineProperty(navigator, 'hardwareConcurrency', { get: () => 4 });
    window.Worker = class extends Real {
      constructor(url: string | URL, options?: WorkerOptions) {
        super(url, options);
        alive++;
      }
      override terminate() {
        alive--;
        super.terminate();
      }
    };
  });
}
/** Serious or critical axe violations inside the sweep dialog, as "rule: target" lines. */
const dialogViolations = (page: Page) => seriousViolations(page, { include: ['[data-testid="sweep-dialog"]'] });

const aliveWorkers = (page: Page) => page.evaluate(() => (window as unknown as { __aliveWorkers: () => number }).__aliveWorkers());

async function startSweep(page: Page, values: string) {
  await page.getByTestId('sweep-button').click();
  const dialog = page.getByTestId('sweep-dialog');
  await expect(dialog).toBeVisible();
  await expect(dialog.getByTestId('sweep-slot')).toHaveValue('fromYear');
  await dialog.getByTestId('sweep-values').fill(values);
  await dialog.getByTestId('sweep-start').click();
  return dialog.getByTestId('sweep-results');
}

test.describe('Run over states on the Seattle template', () => {
  test('a sweep of fromYear over 2012–2015 shows four rows with 48, 36, 24 and 12 monthly rows', async ({ page }) => {
    test.slow();
    await countWorkers(page);
    await newWeatherWorkflow(page);
    await page.getByTestId('sweep-button').click();
    const dialog = page.getByTestId('sweep-dialog');
    // A typo is refused in words, and Run stays off.
    await dialog.getByTestId('sweep-values').fill('2012, 20l4');
    await expect(dialog.getByTestId('sweep-problem')).toHaveText('State slot “fromYear”: “20l4” is not a number.');
    await expect(dialog.getByTestId('sweep-start')).toBeDisabled();
    await dialog.getByTestId('sweep-values').fill('2012, 2013, 2014, 2015');
    await expect(dialog.getByTestId('sweep-problem')).toHaveText('4 states, up to 3 at a time.');
    await expect(dialog.getByTestId('sweep-output-monthly')).toBeChecked();
    await expect(dialog.getByTestId('sweep-output-weather')).not.toBeChecked();
    await page.screenshot({ path: 'test-results/sweep-setup.png' });
    expect(await dialogViolations(page)).toEqual([]);
    await dialog.getByTestId('sweep-start').click();

    const results = dialog.getByTestId('sweep-results');
    await expect(results).toHaveAttribute('data-phase', 'finished', { timeout: 120_000 });
    const expected = [48, 36, 24, 12];
    for (const [index, rows] of expected.entries()) {
      await expect(results.getByTestId(`sweep-row-${index}`)).toHaveAttribute('data-status', 'done');
      await expect(results.getByTestId(`sweep-cell-${index}-monthly`)).toContainText(`${rows} rows`);
      await expect(results.getByTestId(`sweep-cell-${index}-chart`)).toContainText(`line chart, ${rows} points`);
      await expect(results.getByTestId(`sweep-cell-${index}-chart`).locator('svg').first()).toBeAttached();
    }
    await expect(results.getByTestId('sweep-summary')).toContainText('run once for all: sample');
    // Every sweep worker is stopped when it ends; only the studio's own is left.
    await expect(results).toHaveAttribute('data-workers', '0');
    expect(await aliveWorkers(page)).toBe(1);
    // A table's row count opens its first rows.
    await results.getByTestId('sweep-cell-1-monthly').getByRole('button').click();
    await expect(results.getByTestId('sweep-table-view')).toContainText('36 rows');
    await page.screenshot({ path: 'test-results/sweep-results.png' });
    expect(await dialogViolations(page)).toEqual([]);

    // The studio's own Run now finds every step cached for 2013.
    await dialog.getByTestId('sweep-close').click();
    await page.getByTestId('side-tab-state').click();
    await page.getByTestId('state-editor').getByTestId('state-slot-input-fromYear').fill('2013');
    await page.getByTestId('run-button').click();
    await expect(page.getByTestId('cancel-button')).toBeDisabled({ timeout: 60_000 });
    for (const id of ['sample', 'clean', 'monthly', 'chart'])
      await expect(page.locator(`[data-testid^="step-row-"][data-step-id="${id}"]`)).toHaveAttribute('data-status', 'skipped');
  });

  test('Cancel during a sweep stops every worker', async ({ page }) => {
    await countWorkers(page);
    await newWeatherWorkflow(page);
    // Two hundred years (those before 2012 keep every day): a sweep far too long to end before the
    // click (sixteen could, on a quiet machine, and Cancel was then off).
    const years = Array.from({ length: 200 }, (_, i) => 1800 + i).join(', ');
    const results = await startSweep(page, years);
    await expect(results).toHaveAttribute('data-phase', 'running');
    await expect(results).toHaveAttribute('data-workers', '3');
    await results.getByTestId('sweep-cancel').click();
    await expect(results).toHaveAttribute('data-phase', 'cancelled');
    await expect(results).toHaveAttribute('data-workers', '0');
    await expect(results.getByTestId('sweep-summary')).toContainText('cancelled: every worker was stopped');
    expect(await aliveWorkers(page)).toBeLessThanOrEqual(1);
    await expect(results.locator('[data-status="running"], [data-status="waiting"]')).toHaveCount(0);
    await expect(results.locator('[data-status="cancelled"]').first()).toBeVisible();
  });
});
