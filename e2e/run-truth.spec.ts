import { test, expect, type Page } from '@playwright/test';
import { openArithmetic } from './run.helpers';
import type { JsonValue } from '../src/engine';

// After a run the screen shows that run: with "Update cache" off, a changed run's values are on the
// node, the step's row, the output view and the state panel, while the cache keeps the older ones
// (shown on request, and said plainly after a reload, when the run's own values are gone).

const setParam = (page: Page, node: string, field: string, value: JsonValue) =>
  page.evaluate(({ n, f, v }) => globalThis.__swark!.graph.getState().updateNodeParam(n, f, v as JsonValue), { n: node, f: field, v: value as unknown });

async function run(page: Page) {
  await page.getByTestId('run-button').click();
  await expect(page.getByTestId('cancel-button')).toBeDisabled();
}

const row = (page: Page, id: string) => page.locator(`[data-testid^="step-row-"][data-step-id="${id}"]`);
/** The value of one field of the open step's output, as the viewer draws it. */
const outputField = (page: Page, field: string) => page.getByTestId('extract-output').locator(`[data-field="${field}"] dd`);
const inputField = (page: Page, field: string) => page.getByTestId('extract-input').locator(`[data-field="${field}"] dd`);

/** (2 + 3) × 4 = 20 with the cache updated, then k = 5 with "Update cache" off: (2 + 3) × 5 = 25. */
async function changedRunWithoutUpdatingTheCache(page: Page) {
  await openArithmetic(page);
  await run(page);
  await expect(row(page, 'multiply')).toHaveAttribute('data-status', 'ran');
  await expect(page.getByTestId('node-multiply').getByTestId('node-result')).toContainText('20');
  await page.getByTestId('toggle-populate-extracts').uncheck();
  await setParam(page, 'k', 'value', 5);
  await run(page);
  await expect(row(page, 'multiply')).toHaveAttribute('data-status', 'ran');
}

test('"Update cache" off: a changed run shows its own values everywhere, and the cached ones on request', async ({ page }) => {
  await changedRunWithoutUpdatingTheCache(page);

  await expect(page.getByTestId('node-multiply').getByTestId('node-result')).toHaveText('= 25');
  await expect(row(page, 'multiply').getByTestId('step-result')).toHaveText('= 25');
  await expect(page.getByTestId('state-slot-multiply.product')).toContainText('25');

  await row(page, 'multiply').click();
  await expect(outputField(page, 'product')).toHaveText('25');
  await expect(inputField(page, 'factor')).toHaveText('5');
  const note = page.getByTestId('cache-not-updated');
  await expect(note).toContainText('This is this run’s result');
  await expect(note).toContainText(/the cache still holds the earlier one from \d/);

  await note.getByRole('button', { name: 'Show the cached one' }).click();
  await expect(outputField(page, 'product')).toHaveText('20');
  await expect(inputField(page, 'factor')).toHaveText('4');
  await expect(note).toContainText('This is the cached result');
  // The node, the row and the state still say what the run gave.
  await expect(page.getByTestId('node-multiply').getByTestId('node-result')).toHaveText('= 25');
  await expect(page.getByTestId('state-slot-multiply.product')).toContainText('25');

  await note.getByRole('button', { name: 'Show this run’s' }).click();
  await expect(outputField(page, 'product')).toHaveText('25');

  // A step the changed run skipped is the same in the run and in the cache: no note.
  await row(page, 'add').click();
  await expect(outputField(page, 'sum')).toHaveText('5');
  await expect(page.getByTestId('cache-not-updated')).toHaveCount(0);
});

test('"Update cache" off, then a reload: the values shown are said to be the cache\'s, not the last run\'s', async ({ page }) => {
  await changedRunWithoutUpdatingTheCache(page);
  // Let the workspace finish its save before the page goes away.
  await page.waitForTimeout(1500);
  await page.reload();
  await page.waitForFunction(() => !!globalThis.__swark?.graph);
  await expect(row(page, 'multiply')).toHaveAttribute('data-status', 'ran');
  await expect(page.getByTestId('state-slot-multiply.product')).toContainText('25');
  // The node does not pass the cache's 20 off as the last run's result.
  await expect(page.getByTestId('node-multiply').getByTestId('node-result')).toHaveCount(0);
  await row(page, 'multiply').click();
  await expect(outputField(page, 'product')).toHaveText('20');
  await expect(page.getByTestId('values-from-cache')).toContainText('not the last run’s');
});
