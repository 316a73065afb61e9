import { expect, test } from '@playwright/test';
import { openArithmetic } from './run.helpers';

// Rerun (Ctrl+Shift+Enter) replays against the state the last run left. After a param edit the
// step must run again and write a slot that state already holds: on an immutable state pyswark
// refuses that write, so the step, its node and the inspector say so in words, with the way out.

test('Ctrl+Shift+Enter after a param edit says in words why the step cannot write, and the mutable rerun works', async ({ page }) => {
  await openArithmetic(page);
  const step = await page.evaluate(() => {
    const graph = globalThis.__swark!.graph.getState();
    const id = graph.addNode('code.javascript', { x: 900, y: 200 });
    graph.updateNodeParam(id, 'code', 'return a + 1;');
    if (!graph.connect({ source: 'multiply', sourceHandle: 'product', target: id, targetHandle: 'a' })) throw new Error('could not connect');
    return id;
  });
  const row = page.locator(`[data-testid^="step-row-"][data-step-id="${step}"]`);
  await page.getByTestId('run-button').click();
  await expect(row).toHaveAttribute('data-status', 'ran', { timeout: 60_000 });
  await page.evaluate((id) => globalThis.__swark!.graph.getState().updateNodeParam(id, 'code', 'return a + 2;'), step);
  await page.locator('.react-flow__pane').click({ position: { x: 20, y: 20 } });
  await page.keyboard.press('Control+Shift+Enter');
  await expect(row).toHaveAttribute('data-status', 'error', { timeout: 60_000 });
  const node = page.getByTestId(`node-${step}`);
  for (const place of [row, node]) {
    await expect(place).toContainText(`the state already holds "${step}.result" and is immutable`);
    await expect(place).not.toContainText('cannot post');
  }
  await page.getByRole('button', { name: 'Make state mutable and rerun' }).click();
  await expect(row).toHaveAttribute('data-status', 'ran', { timeout: 60_000 });
  await expect(row).toContainText('22');
});
