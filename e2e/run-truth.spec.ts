import { test, expect, type Page } from '@playwright/test';
import { openArithmetic } from './run.helpers';
import { openEditor, selectNode } from './editor.helpers';
import type { JsonValue } from '../src/engine';

// After a run the screen shows that run: with "Update cache" off, a changed run's values are on the
// node, the step's row, the output view and the state panel, while the cache keeps the older ones
// (shown on request, and said plainly after a reload, when the run's own values are gone). And
// before any run, an expression field knows its upstream columns and their kinds.

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

test('before any run, a filter fed by a CSV completes its columns with their kinds and says a number is not a condition', async ({ page }) => {
  await openEditor(page);
  const file = {
    format: 'swark.workflow',
    version: 1,
    name: 'Temperatures',
    workflow: {
      steps: [
        {
          id: 'csv',
          model: 'input.csv',
          inputs: {},
          outputs: { table: 'csv.table' },
          params: { text: 'city,temp,date\nParis,12.5,2023-01-02\nNice,14,2023-02-03' },
        },
        { id: 'filter', model: 'table.filter', inputs: { 'csv.table': 'table' }, outputs: { table: 'filter.table' }, params: { where: 'temp > 10' } },
      ],
    },
    layout: { csv: { x: 0, y: 0 }, filter: { x: 340, y: 0 } },
  };
  await page.getByTestId('import-input').setInputFiles({ name: 'temps.swark.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(file)) });
  await expect(page.locator('.react-flow__node')).toHaveCount(2);
  await selectNode(page, 'filter');
  await expect(page.getByTestId('run-history').locator('li')).toHaveCount(0);

  const input = page.getByTestId('param-where-input');
  await input.click();
  await page.keyboard.press('ControlOrMeta+a');
  await page.keyboard.press('Delete');
  await page.keyboard.type('te');
  const list = page.locator('.cm-tooltip-autocomplete');
  await expect(list.getByRole('option', { name: /temp/ })).toContainText('number column');
  await page.keyboard.press('Escape');
  await page.keyboard.type('mp + 1');
  await expect(input).toHaveText('temp + 1');
  await expect(page.getByTestId('param-where-problem')).toContainText('a condition must be true or false');
});
