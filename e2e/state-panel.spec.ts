import { test, expect, type Page } from '@playwright/test';
import { newWeatherWorkflow } from './run.helpers';
import { node, selectNode, statusLine } from './editor.helpers';

// The initial state panel on the Seattle template (sample → clean → monthly → chart), run for real
// in the worker: a year range typed in the panel reaches the run, and going back to an earlier
// value skips every step (the cache remembers earlier inputs).

const STEPS = ['sample', 'clean', 'monthly', 'chart'];

async function run(page: Page) {
  await page.getByTestId('run-button').click();
  await expect(page.getByTestId('cancel-button')).toBeDisabled({ timeout: 30_000 });
}

async function expectStatuses(page: Page, expected: Record<string, string>) {
  for (const [id, status] of Object.entries(expected)) {
    await expect(page.locator(`[data-testid^="step-row-"][data-step-id="${id}"]`)).toHaveAttribute('data-status', status);
  }
}
const all = (status: string) => Object.fromEntries(STEPS.map((id) => [id, status]));

/** The monthly table's row count as its viewer states it. */
async function monthlyRows(page: Page): Promise<number> {
  await page.locator('[data-testid^="step-row-"][data-step-id="monthly"]').click();
  const table = page.getByTestId('extract-output').getByTestId('table-view');
  await expect(table).toBeVisible();
  const meta = (await table.locator('.table-meta').innerText()).replace(/,/g, '');
  return Number(/(\d+) rows/.exec(meta)?.[1]);
}

/** The points of the chart's line, counted in the drawn SVG path (one M, then an L per further point). */
async function chartPoints(page: Page): Promise<number> {
  await page.locator('[data-testid^="step-row-"][data-step-id="chart"]').click();
  const line = page.getByTestId('extract-output').locator('svg [aria-label="line"] path').first();
  await expect(line).toBeAttached();
  const d = (await line.getAttribute('d')) ?? '';
  return (d.match(/[ML]/g) ?? []).length;
}

/** Opens the initial state (selecting a step, as reading its table does, shows the inspector instead). */
async function openStatePanel(page: Page) {
  await page.getByTestId('side-tab-state').click();
  await expect(page.getByTestId('state-editor')).toBeVisible();
}

async function setSlot(page: Page, name: string, text: string) {
  await openStatePanel(page);
  await page.getByTestId('state-editor').getByTestId(`state-slot-input-${name}`).fill(text);
}

test.describe('The initial state of the Seattle template', () => {
  test('shows fromYear, toYear and dataset; 2014 gives 24 months; back to 2012 skips every step', async ({ page }) => {
    await newWeatherWorkflow(page);
    await openStatePanel(page);
    const editor = page.getByTestId('state-editor');
    await expect(editor.getByTestId('state-slot-input-fromYear')).toHaveValue('2012');
    await expect(editor.getByTestId('state-slot-input-toYear')).toHaveValue('2015');
    await expect(editor.getByTestId('state-slot-input-dataset')).toHaveValue('seattle-weather');
    await expect(editor.getByTestId('state-slot-readers-fromYear')).toContainText('Clean days.fromYear');
    await expect(editor.getByTestId('state-slot-readers-dataset')).toContainText('Seattle weather.name');

    await run(page);
    await expectStatuses(page, all('ran'));
    expect(await monthlyRows(page)).toBe(48);

    // A typo is refused in words, and nothing changes.
    await setSlot(page, 'fromYear', '20l4');
    await expect(editor.getByRole('alert')).toHaveText('State slot “fromYear”: “20l4” is not a number.');
    await expect(statusLine(page, 'clean')).toHaveText('ran');
    await setSlot(page, 'fromYear', '2014');
    await expect(editor.getByRole('alert')).toHaveCount(0);
    // The steps that read it, and what follows them, are stale, saying why; the load is not.
    await expect(statusLine(page, 'clean')).toHaveText('will run: state slot `fromYear` changed');
    await expect(statusLine(page, 'chart')).toHaveText('may run: state slot `fromYear` changed');
    await expect(statusLine(page, 'sample')).not.toContainText('will run');

    await run(page);
    await expectStatuses(page, { sample: 'skipped', clean: 'ran', monthly: 'ran', chart: 'ran' });
    expect(await monthlyRows(page)).toBe(24);
    expect(await chartPoints(page)).toBe(24);
    await expect(node(page, 'chart').getByTestId('node-result')).toContainText('24 points');

    // Back to 2012: every step has a cache entry for that input, so none is stale and none runs.
    await setSlot(page, 'fromYear', '2012');
    await run(page);
    await expectStatuses(page, all('skipped'));
    expect(await monthlyRows(page)).toBe(48);
    expect(await chartPoints(page)).toBe(48);
  });

  test('an inspector input read from a slot opens that slot; undo brings a value back', async ({ page }) => {
    await newWeatherWorkflow(page);
    await selectNode(page, 'clean');
    await page.getByTestId('inspector').getByTestId('state-input-toYear').click();
    const editor = page.getByTestId('state-editor');
    await expect(editor).toBeVisible();
    const toYear = editor.getByTestId('state-slot-input-toYear');
    await expect(toYear).toBeFocused();
    await expect(editor.getByTestId('state-slot-row-toYear')).toHaveClass(/is-focused/);
    await toYear.fill('2013');
    await page.getByTestId('undo-button').click();
    await expect(toYear).toHaveValue('2015');
    // Selecting a node shows the inspector again.
    await selectNode(page, 'monthly');
    await expect(editor).toBeHidden();
  });

  test('a saved state chosen beside Run is what Run starts from', async ({ page }) => {
    await newWeatherWorkflow(page);
    await openStatePanel(page);
    const editor = page.getByTestId('state-editor');
    await editor.getByTestId('state-slot-input-fromYear').fill('2015');
    await editor.getByTestId('save-state-name').fill('last year');
    await editor.getByTestId('save-state-button').click();
    await expect(editor.getByTestId('saved-state-last year')).toBeVisible();
    await editor.getByTestId('state-slot-input-fromYear').fill('2012');

    const chooser = page.getByTestId('run-state-select');
    await chooser.selectOption({ label: 'last year' });
    await expect(editor.getByTestId('state-run-note')).toContainText('saved state “last year”');
    await expect(page.getByTestId('run-state-help')).toContainText('Rerun replays the last run’s state');
    await run(page);
    expect(await monthlyRows(page)).toBe(12);

    // An application's state too.
    await chooser.selectOption('ref:app://weather/states/monthly');
    await run(page);
    expect(await monthlyRows(page)).toBe(48);
  });
});
