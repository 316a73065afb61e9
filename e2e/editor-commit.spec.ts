import { test, expect, type Page } from '@playwright/test';
import { openEditor, selectNode } from './editor.helpers';

// Big editors commit their text on a pause; Ctrl+Enter right after typing must still run what was typed.

const fileOf = (name: string, steps: ({ id: string } & Record<string, unknown>)[]) =>
  JSON.stringify({
    format: 'swark.workflow',
    version: 1,
    name,
    workflow: { steps },
    layout: Object.fromEntries(steps.map((step, i) => [step.id, { x: i * 300, y: 0 }])),
  });

async function importText(page: Page, text: string) {
  await page.getByTestId('import-input').setInputFiles({ name: 'file.swark.json', mimeType: 'application/json', buffer: Buffer.from(text) });
}

const stepRow = (page: Page, id: string) => page.locator(`[data-testid^="step-row-"][data-step-id="${id}"]`);

/** Replaces the inspector editor's text by typing, then presses Ctrl+Enter at once (no pause for the commit). */
async function typeAndRun(page: Page, text: string) {
  const editor = page.getByTestId('inspector').locator('.cm-content').first();
  await editor.click();
  await page.keyboard.press('Control+A');
  await page.keyboard.type(text);
  await page.keyboard.press('Control+Enter');
  await expect(page.getByTestId('cancel-button')).toBeDisabled();
  return editor;
}

test.describe('Ctrl+Enter right after typing in an editor', () => {
  test('the JavaScript editor runs the new text, inserts nothing, and a second run skips', async ({ page }) => {
    await openEditor(page);
    await importText(
      page,
      fileOf('JS now', [{ id: 'js', model: 'code.javascript', inputs: {}, outputs: { result: 'js.result' }, params: { code: 'return 1;' } }]),
    );
    await selectNode(page, 'js');
    // Code from a file stays disabled until trusted.
    await page.getByTestId('trust-button').click();
    const editor = await typeAndRun(page, 'return 6 * 7;');
    await expect(stepRow(page, 'js')).toHaveAttribute('data-status', 'ran');
    await expect(page.getByTestId('state-slot-js.result')).toContainText('42');
    await expect(editor).toHaveText('return 6 * 7;');
    await page.keyboard.press('Control+Enter');
    await expect(page.getByTestId('cancel-button')).toBeDisabled();
    await expect(stepRow(page, 'js')).toHaveAttribute('data-status', 'skipped');
    await expect(editor).toHaveText('return 6 * 7;');
  });

  test('the SQL editor runs the new query, and a second run skips', async ({ page }) => {
    await openEditor(page);
    await importText(
      page,
      fileOf('SQL now', [
        { id: 'c', model: 'input.csv', inputs: {}, outputs: { table: 'c.table' }, params: { text: 'n\n1\n2\n3' } },
        { id: 'q', model: 'sql.query', inputs: { 'c.table': 'a' }, outputs: { table: 'q.table' }, params: { query: 'select n from a' } },
      ]),
    );
    await selectNode(page, 'q');
    const query = 'select n from a where n > 1';
    const editor = await typeAndRun(page, query);
    await expect(stepRow(page, 'q')).toHaveAttribute('data-status', 'ran');
    await expect(page.getByTestId('state-slot-q.table')).toContainText('2 × 1');
    await expect(editor).toHaveText(query);
    await page.keyboard.press('Control+Enter');
    await expect(page.getByTestId('cancel-button')).toBeDisabled();
    await expect(stepRow(page, 'q')).toHaveAttribute('data-status', 'skipped');
  });
});
