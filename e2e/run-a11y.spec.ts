import { test, expect, type Page } from '@playwright/test';
import { seriousViolations } from './axe.helpers';

// The run panel before and after a run, scanned by axe, and driven by the keyboard alone.

async function openArithmetic(page: Page) {
  await page.goto('/');
  await page.getByTestId('new-from-template').selectOption('arithmetic');
  await expect(page.locator('.react-flow__node')).toHaveCount(5);
}

const runPanelViolations = (page: Page) => seriousViolations(page, { include: ['[data-testid="run-panel"]'] });

test.describe('Run panel accessibility', () => {
  test('has no serious or critical axe violations before a run, and after one with a step selected', async ({ page }) => {
    await openArithmetic(page);
    await expect(page.getByTestId('run-panel')).toContainText('No run yet');
    expect(await runPanelViolations(page)).toEqual([]);

    await page.getByTestId('run-button').click();
    await expect(page.locator('[data-testid^="step-row-"][data-status="ran"]')).toHaveCount(5);
    await page.locator('[data-testid^="step-row-"][data-step-id="multiply"]').click();
    await expect(page.getByTestId('extract-output')).toContainText('20');
    await page.getByTestId('run-history').getByRole('button').first().click();
    expect(await runPanelViolations(page)).toEqual([]);
  });

  test('every run-panel control is reachable and usable from the keyboard', async ({ page }) => {
    await openArithmetic(page);
    await page.getByTestId('run-button').focus();
    await page.keyboard.press('Enter');
    await expect(page.locator('[data-testid^="step-row-"][data-status="ran"]')).toHaveCount(5);

    // From the panel's "Steps" heading, one Tab reaches the step list (one tab stop for all rows);
    // Home goes to the first row, Enter opens it.
    const first = page.getByTestId('step-row-0');
    await page.getByTestId('run-panel').getByRole('heading', { name: 'Steps' }).click();
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.getAttribute('data-testid') ?? '')).toMatch(/^step-row-/);
    await page.keyboard.press('Home');
    await expect(first).toBeFocused();
    await page.keyboard.press('Enter');
    await expect(first).toHaveAttribute('aria-selected', 'true');
    const firstId = await first.getAttribute('data-step-id');
    await expect(page.locator('.extracts h3')).toContainText(firstId ?? '');

    // Arrow keys move through the rows and open each; Home and End jump.
    await page.keyboard.press('ArrowDown');
    await expect(page.getByTestId('step-row-1')).toBeFocused();
    await expect(page.getByTestId('step-row-1')).toHaveAttribute('aria-selected', 'true');
    await page.keyboard.press('End');
    await expect(page.getByTestId('step-row-4')).toBeFocused();
    await expect(page.getByTestId('extract-output')).toContainText('20');
    await page.keyboard.press('ArrowUp');
    await expect(page.getByTestId('step-row-3')).toHaveAttribute('aria-selected', 'true');
    await page.keyboard.press('Home');
    await expect(first).toHaveAttribute('aria-selected', 'true');

    // A state slot opens in the viewer from the keyboard.
    const slot = page.getByTestId('state-slot-multiply.product').getByRole('button');
    await slot.focus();
    await page.keyboard.press('Enter');
    await expect(page.getByTestId('state-slot-value')).toContainText('20');

    // A history entry opens with Space.
    const history = page.getByTestId('run-history').getByRole('button').first();
    await history.focus();
    await page.keyboard.press('Space');
    await expect(history).toHaveAttribute('aria-expanded', 'true');

    // The toggles and Rerun work from the keyboard.
    await page.getByTestId('toggle-use-extracts').focus();
    await page.keyboard.press('Space');
    await expect(page.getByTestId('toggle-use-extracts')).not.toBeChecked();
    await page.getByTestId('toggle-mutable-state').focus();
    await page.keyboard.press('Space');
    await page.getByTestId('rerun-button').focus();
    await page.keyboard.press('Enter');
    await expect(page.locator('[data-testid^="step-row-"][data-status="ran"]')).toHaveCount(5);
  });
});
