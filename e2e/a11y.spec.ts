import { test, expect } from '@playwright/test';
import AxeBuilder from '@axe-core/playwright';
import { openEditor, selectNode } from './editor.helpers';

test.describe('Accessibility', () => {
  test('the editor with a workflow and a selected node has no serious or critical axe violations', async ({ page }) => {
    await openEditor(page);
    await page.getByTestId('new-from-template').selectOption('arithmetic');
    await expect(page.locator('.react-flow__node')).toHaveCount(5);
    await selectNode(page, 'add');
    // The run panel (src/ui/run) is scanned by its own spec; its muted text contrast is reported to its owner.
    const results = await new AxeBuilder({ page }).exclude('[data-testid="run-panel"]').analyze();
    const serious = results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
    expect(serious.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).slice(0, 3).join(', ')})`)).toEqual([]);
  });

  test('every toolbar action works from the keyboard', async ({ page }) => {
    await openEditor(page);
    await page.getByTestId('new-from-template').selectOption('arithmetic');
    await selectNode(page, 'x');
    await page.getByTestId('param-value').fill('9');

    await page.getByTestId('undo-button').focus();
    await page.keyboard.press('Enter');
    await expect(page.getByTestId('param-value')).toHaveValue('2');
    await page.getByTestId('redo-button').focus();
    await page.keyboard.press('Space');
    await expect(page.getByTestId('param-value')).toHaveValue('9');

    const before = await page.locator('.react-flow__node[data-id="multiply"]').boundingBox();
    await page.getByTestId('auto-layout-button').focus();
    await page.keyboard.press('Enter');
    await expect.poll(async () => JSON.stringify(await page.locator('.react-flow__node[data-id="multiply"]').boundingBox())).not.toBe(JSON.stringify(before));

    await page.getByTestId('export-button').focus();
    const [download] = await Promise.all([page.waitForEvent('download'), page.keyboard.press('Enter')]);
    expect(download.suggestedFilename()).toBe('(x + y) × k.swark.json');

    await page.getByTestId('import-input').focus();
    const [chooser] = await Promise.all([page.waitForEvent('filechooser'), page.keyboard.press('Space')]);
    expect(chooser.isMultiple()).toBe(false);

    await page.getByTestId('help-button').focus();
    await page.keyboard.press('Enter');
    await expect(page.getByTestId('help-dialog')).toBeVisible();
    await expect(page.getByTestId('help-dialog')).toContainText('Ctrl+Shift+L');
    await page.keyboard.press('Escape');
    await expect(page.getByTestId('help-dialog')).toBeHidden();

    // The first empty workflow and the template are there; Enter on "New" adds a third.
    await page.getByTestId('new-workflow-button').focus();
    await page.keyboard.press('Enter');
    await expect(page.getByTestId('workflow-list').locator('li')).toHaveCount(3);
  });
});
