/**
 * Undo per workflow and the workflow open before a reload (issue 15), driven with the mouse and
 * the keyboard: an edit in one workflow is still undoable after working in another and coming back,
 * and a reload opens the workflow that was open, not the one edited last.
 */
import { join } from 'node:path';
import { test, expect, type Page } from '@playwright/test';
import { node } from './editor.helpers';

const SHOTS = process.env.SHOTS_DIR;
const list = (page: Page) => page.getByTestId('workflow-list');
const openListed = (page: Page, name: string) => list(page).getByRole('button', { name, exact: true }).click();
const bypassed = (page: Page, id: string) => node(page, id).getByTestId(`node-${id}`);

async function openApp(page: Page): Promise<void> {
  // The test hook only to wait for the autosave before a reload.
  await page.goto('/?testHooks');
  await expect(page.getByTestId('canvas')).toBeVisible();
  await expect(page.getByTestId('workspace-status')).toHaveAttribute('data-phase', 'ready');
}

async function newArithmetic(page: Page): Promise<void> {
  await page.getByTestId('new-from-template').selectOption('arithmetic');
  await expect(page.locator('.react-flow__node')).toHaveCount(5);
}

const saved = (page: Page) => page.waitForFunction(() => !globalThis.__swark!.workspace.getState().unsaved);

test('an edit stays undoable after switching to another workflow and back, and redo follows', async ({ page }) => {
  await openApp(page);
  await newArithmetic(page);
  await node(page, 'add').locator('.model-node-header').click();
  await page.keyboard.press('Control+b');
  await expect(bypassed(page, 'add')).toHaveAttribute('data-bypassed', 'true');

  // Another workflow, with an edit of its own.
  await page.getByTestId('new-workflow-button').click();
  await expect(page.locator('.react-flow__node')).toHaveCount(0);
  await expect(page.getByTestId('undo-button')).toBeDisabled();
  await page.getByTestId('palette-item-math.add').dragTo(page.locator('.react-flow__pane'), { targetPosition: { x: 300, y: 200 } });
  await expect(page.locator('.react-flow__node')).toHaveCount(1);

  await openListed(page, '(x + y) * k');
  await expect(page.locator('.react-flow__node')).toHaveCount(5);
  await expect(page.getByTestId('undo-button')).toBeEnabled();
  await page.locator('.react-flow__pane').click({ position: { x: 20, y: 20 } });
  await page.keyboard.press('Control+z');
  await expect(bypassed(page, 'add')).not.toHaveAttribute('data-bypassed', 'true');
  await page.getByTestId('redo-button').click();
  await expect(bypassed(page, 'add')).toHaveAttribute('data-bypassed', 'true');
  if (SHOTS) await page.screenshot({ path: join(SHOTS, 'undo-after-switch.png') });

  // The other workflow kept its own: undo removes the node it added.
  await openListed(page, 'Untitled workflow 2');
  await page.getByTestId('undo-button').click();
  await expect(page.locator('.react-flow__node')).toHaveCount(0);
});

test('after a reload the workflow that was open opens, not the one edited last', async ({ page }) => {
  await openApp(page);
  await newArithmetic(page);
  await page.getByTestId('new-workflow-button').click();
  await expect(page.locator('.react-flow__node')).toHaveCount(0);
  await openListed(page, '(x + y) * k');
  await node(page, 'add').locator('.model-node-header').click();
  await page.keyboard.press('Control+b');
  // Edited last: the arithmetic workflow. Open: the other one.
  await openListed(page, 'Untitled workflow 2');
  await expect(list(page).getByRole('button', { name: 'Untitled workflow 2', exact: true })).toHaveAttribute('aria-current', 'page');
  await saved(page);

  await page.reload();
  await expect(page.getByTestId('workspace-status')).toHaveAttribute('data-phase', 'ready');
  await expect(list(page).getByRole('button', { name: 'Untitled workflow 2', exact: true })).toHaveAttribute('aria-current', 'page');
  await expect(page.locator('.react-flow__node')).toHaveCount(0);
  await openListed(page, '(x + y) * k');
  await expect(bypassed(page, 'add')).toHaveAttribute('data-bypassed', 'true');
});
