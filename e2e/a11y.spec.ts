import { test, expect, type Page } from '@playwright/test';
import AxeBuilder from '@axe-core/playwright';
import { openEditor, selectNode } from './editor.helpers';
import { seriousViolations } from './axe.helpers';

/** Focuses a control and proves it holds the focus before a key is pressed (a loaded machine may lag). */
async function focusOn(page: Page, testId: string) {
  const control = page.getByTestId(testId);
  await control.focus();
  await expect(control).toBeFocused();
}

test.describe('Accessibility', () => {
  test('the editor with a workflow and a selected node has no serious or critical axe violations', async ({ page }) => {
    await openEditor(page);
    await page.getByTestId('new-from-template').selectOption('arithmetic');
    await expect(page.locator('.react-flow__node')).toHaveCount(5);
    await selectNode(page, 'add');
    // The run panel (src/ui/run) is scanned by its own spec; its muted text contrast is reported to its owner.
    expect(await seriousViolations(page, { exclude: ['[data-testid="run-panel"]'] })).toEqual([]);
  });

  test('every toolbar action works from the keyboard', async ({ page }) => {
    await openEditor(page);
    await page.getByTestId('new-from-template').selectOption('arithmetic');
    await expect(page.locator('.react-flow__node')).toHaveCount(5);
    await selectNode(page, 'x');
    await page.getByTestId('param-value').fill('9');
    await expect(page.getByTestId('undo-button')).toBeEnabled();

    await focusOn(page, 'undo-button');
    await page.keyboard.press('Enter');
    await expect(page.getByTestId('param-value')).toHaveValue('2');
    await focusOn(page, 'redo-button');
    await page.keyboard.press('Space');
    await expect(page.getByTestId('param-value')).toHaveValue('9');

    const before = await page.locator('.react-flow__node[data-id="multiply"]').boundingBox();
    await focusOn(page, 'auto-layout-button');
    await page.keyboard.press('Enter');
    await expect.poll(async () => JSON.stringify(await page.locator('.react-flow__node[data-id="multiply"]').boundingBox())).not.toBe(JSON.stringify(before));

    await focusOn(page, 'export-button');
    const [download] = await Promise.all([page.waitForEvent('download'), page.keyboard.press('Enter')]);
    expect(download.suggestedFilename()).toBe('(x + y) × k.swark.json');
    // The download is written before the next action, so nothing else holds the page's attention.
    expect(await download.path()).toBeTruthy();

    // Listen first: Playwright turns file-chooser interception on asynchronously when the first
    // listener is added, and a key pressed before that opens a native dialog no event reports.
    const chooserShown = page.waitForEvent('filechooser');
    await focusOn(page, 'import-input');
    await page.keyboard.press('Space');
    const chooser = await chooserShown;
    expect(chooser.isMultiple()).toBe(false);

    await focusOn(page, 'help-button');
    await page.keyboard.press('Enter');
    await expect(page.getByTestId('help-dialog')).toBeVisible();
    await expect(page.getByTestId('help-dialog')).toContainText('Ctrl+Shift+L');
    await page.keyboard.press('Escape');
    await expect(page.getByTestId('help-dialog')).toBeHidden();

    // The first empty workflow and the template are there; Enter on "New" adds a third.
    await focusOn(page, 'new-workflow-button');
    await page.keyboard.press('Enter');
    await expect(page.getByTestId('workflow-list').locator('li')).toHaveCount(3);
  });

  test('the model search and the find bar are labelled, take the focus and pass the axe scan', async ({ page }) => {
    await openEditor(page);
    await page.getByTestId('new-from-template').selectOption('arithmetic');
    await expect(page.locator('.react-flow__node')).toHaveCount(5);
    const pane = await page.locator('.react-flow__pane').boundingBox();
    if (!pane) throw new Error('no canvas');
    await page.mouse.move(pane.x + pane.width - 120, pane.y + 40);
    await page.keyboard.press('Space');
    const dialog = page.getByRole('dialog', { name: 'Add a node' });
    const combobox = dialog.getByRole('combobox', { name: 'Search models to add' });
    await expect(combobox).toBeFocused();
    await expect(combobox).toHaveAttribute('aria-controls', 'node-search-list');
    await expect(dialog.getByRole('listbox', { name: 'Models' })).toBeVisible();
    await page.keyboard.type('add');
    await expect(dialog.getByRole('option', { selected: true })).toHaveCount(1);
    await page.keyboard.press('Control+f');
    await expect(page.getByRole('searchbox', { name: 'Find nodes by title, model or slot' })).toBeFocused();
    await page.keyboard.type('k');
    await expect(page.getByTestId('find-count')).not.toHaveText('');
    await page.getByTestId('find-close').focus();
    await page.getByTestId('find-close').press('Escape');
    expect(await seriousViolations(page, { exclude: ['[data-testid="run-panel"]'] })).toEqual([]);

    // Find moved the view to its match: fit it again, so that corner is bare canvas once more.
    await page.locator('.react-flow__controls-fitview').click();
    await expect(page.locator('.react-flow__node[data-id="multiply"]')).toBeInViewport();
    await page.mouse.dblclick(pane.x + pane.width - 120, pane.y + 40);
    await expect(combobox).toBeFocused();
    const withSearch = await new AxeBuilder({ page }).include('[data-testid="node-search"]').analyze();
    expect(withSearch.violations.map((v) => `${v.id}: ${v.help}`)).toEqual([]);
    await page.keyboard.press('Escape');
    await expect(dialog).toHaveCount(0);
  });
});
