/**
 * A file bringing cached results asks before it opens (issue 11): "Recompute" runs every step, "Use
 * them" skips on the file's results and says so. The file here forges one (2 + 3 = 999), as
 * anybody could write one.
 */
import { test, expect, type Page } from '@playwright/test';
import { editorNotice, openEditor } from './editor.helpers';

const forgedFile = () =>
  JSON.stringify({
    format: 'swark.workflow',
    version: 2,
    name: 'Forged sum',
    workflow: {
      steps: [
        { id: 'x', model: 'input.number', inputs: {}, outputs: { value: 'x.value' }, params: { value: 2 } },
        { id: 'y', model: 'input.number', inputs: {}, outputs: { value: 'y.value' }, params: { value: 3 } },
        { id: 'add', model: 'math.add', inputs: { 'x.value': 'a', 'y.value': 'b' }, outputs: { sum: 'add.sum' } },
      ],
      modelInputs: { add: { model: null, version: null, value: { a: 2, b: 3 } } },
      modelOutputs: { add: { model: null, version: null, value: { sum: 999 } } },
    },
    layout: { x: { x: 0, y: 0 }, y: { x: 0, y: 160 }, add: { x: 300, y: 80 } },
  });

async function importForged(page: Page) {
  await openEditor(page);
  const workflows = await page.getByTestId('workflow-list').locator('li').count();
  await page.getByTestId('import-input').setInputFiles({ name: 'forged.swark.json', mimeType: 'application/json', buffer: Buffer.from(forgedFile()) });
  const dialog = page.getByTestId('import-cache-dialog');
  await expect(dialog).toBeVisible();
  await expect(dialog.getByRole('heading')).toHaveText('This file brings cached results for 1 step: use them, or recompute?');
  // Nothing opens before the answer.
  await expect(page.getByTestId('workflow-list').locator('li')).toHaveCount(workflows);
  return { dialog, workflows };
}

const row = (page: Page, key: string) => page.locator(`[data-testid^="step-row-"][data-step-id="${key}"]`);

test.describe('When a file brings cached results', () => {
  test('"Recompute" drops them: the run computes 2 + 3 = 5', async ({ page }) => {
    const { dialog, workflows } = await importForged(page);
    await expect(dialog.getByTestId('import-cache-recompute')).toBeFocused();
    await dialog.getByTestId('import-cache-recompute').click();
    await expect(dialog).toBeHidden();
    await expect(page.getByTestId('workflow-list').locator('li')).toHaveCount(workflows + 1);
    await expect(editorNotice(page)).toContainText('Its cached results for 1 step were dropped');
    await page.getByTestId('run-button').click();
    await expect(row(page, 'add')).toHaveAttribute('data-status', 'ran');
    await expect(page.getByTestId('state-slot-add.sum')).toContainText('5');
    await expect(page.getByTestId('state-slot-add.sum')).not.toContainText('999');
  });

  test('Escape answers "Recompute" too', async ({ page }) => {
    const { dialog } = await importForged(page);
    await page.keyboard.press('Escape');
    await expect(dialog).toBeHidden();
    await page.getByTestId('run-button').click();
    await expect(row(page, 'add')).toHaveAttribute('data-status', 'ran');
    await expect(page.getByTestId('state-slot-add.sum')).toContainText('5');
  });

  test('"Use them" skips on the file’s result, and the run panel says it was imported', async ({ page }) => {
    const { dialog } = await importForged(page);
    await dialog.getByTestId('import-cache-use').click();
    await expect(dialog).toBeHidden();
    await expect(editorNotice(page)).toContainText('Its cached results for 1 step are used');
    await page.getByTestId('run-button').click();
    await expect(row(page, 'add')).toHaveAttribute('data-status', 'skipped');
    await expect(row(page, 'add').locator('.run-step-status')).toHaveText('skipped');
    await expect(row(page, 'add').locator('.run-step-reason')).toHaveText('imported result');
    await expect(row(page, 'x').locator('.run-step-reason')).toHaveText('nothing cached to reuse');
    await expect(page.getByTestId('node-add').getByTestId('node-status-line')).toHaveText('skipped · imported result');
    await expect(page.getByTestId('state-slot-add.sum')).toContainText('999');
  });
});
