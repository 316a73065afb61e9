import { readFile } from 'node:fs/promises';
import { test, expect, type Page } from '@playwright/test';
import type { SwarkTestHook } from '../src/studio/testHook';

// Files as stored values: a CSV dropped on the canvas becomes a CSV node whose param refers to the
// file (stored once by content in the value store); it runs, survives a reload, and travels
// embedded in an export without cache.

type Hooked = Window & { __swark: SwarkTestHook };

const CSV = 'city,sales\nOslo,12\nLima,7\nPune,30\n';

const rows = (page: Page) => page.locator('[data-testid^="step-row-"]');

async function dropFile(page: Page, name: string, text: string, type: string): Promise<void> {
  const pane = page.locator('.react-flow__pane');
  const box = await pane.boundingBox();
  if (!box) throw new Error('the canvas pane is not visible');
  const dataTransfer = await page.evaluateHandle(
    ([fileName, content, mediaType]) => {
      const transfer = new DataTransfer();
      transfer.items.add(new File([content as string], fileName as string, { type: mediaType as string }));
      return transfer;
    },
    [name, text, type] as const,
  );
  const at = { clientX: box.x + 300, clientY: box.y + 200 };
  await pane.dispatchEvent('dragover', { dataTransfer, ...at });
  await pane.dispatchEvent('drop', { dataTransfer, ...at });
}

async function runAndExpect(page: Page, status: string, id: string): Promise<void> {
  await page.getByTestId('run-button').click();
  const row = page.locator(`[data-testid^="step-row-"][data-step-id="${id}"]`);
  await expect(row).toHaveAttribute('data-status', status, { timeout: 60_000 });
}

async function expectThreeRows(page: Page, id: string): Promise<void> {
  await page.locator(`[data-testid^="step-row-"][data-step-id="${id}"]`).click();
  await expect(page.getByTestId('extract-output').getByTestId('table-view').locator('.table-meta')).toContainText('3 rows');
}

const savedToStorage = (page: Page) => page.waitForFunction(() => !(window as unknown as Hooked).__swark.workspace.getState().unsaved);

test('a CSV dropped on the canvas is read from the value store: it runs, survives a reload and travels in an export', async ({ page }) => {
  test.slow();
  await page.goto('/?e2e');
  await expect(page.getByTestId('canvas')).toBeVisible();
  await page.waitForFunction(() => (window as unknown as Hooked).__swark?.workspace.getState().status.phase === 'ready');

  await dropFile(page, 'sales.csv', CSV, 'text/csv');
  const csvNode = page.locator('.react-flow__node:has([data-model="input.csv"])');
  await expect(csvNode).toHaveCount(1);
  const id = (await csvNode.getAttribute('data-id')) ?? '';
  await expect(csvNode.getByTestId('node-file-text')).toHaveText('sales.csv · 34 B');

  // The param is a reference, never the text.
  const param = await page.evaluate((nodeId) => {
    const node = (window as unknown as Hooked).__swark.graph.getState().nodes.find((candidate) => candidate.id === nodeId);
    return node?.data.params.text;
  }, id);
  expect(param).toMatchObject({ $swark: 'file', v: { name: 'sales.csv', size: 34, mediaType: 'text/csv' } });

  // The inspector shows the file with its affordances.
  await expect(page.getByTestId('param-text-file-name')).toHaveText('sales.csv');
  await expect(page.getByTestId('param-text-file-size')).toContainText('34 B');
  await expect(page.getByTestId('load-file-text')).toHaveText('Replace…');
  await expect(page.getByTestId('use-text-text')).toBeVisible();
  await page.getByTestId('inspector').screenshot({ path: 'test-results/stored-file-inspector.png' });
  await csvNode.screenshot({ path: 'test-results/stored-file-node.png' });

  await runAndExpect(page, 'ran', id);
  await expect(rows(page)).toHaveCount(1);
  await expectThreeRows(page, id);

  // After a reload the workspace still reads the file: with the cache off the step runs on it again.
  await savedToStorage(page);
  await page.reload();
  await page.waitForFunction(() => (window as unknown as Hooked).__swark?.workspace.getState().status.phase === 'ready');
  await expect(page.locator(`.react-flow__node[data-id="${id}"]`).getByTestId('node-file-text')).toHaveText('sales.csv · 34 B');
  await page.evaluate(() => (window as unknown as Hooked).__swark.run.getState().setFlag('useExtracts', false));
  await runAndExpect(page, 'ran', id);
  await expectThreeRows(page, id);
  await page.evaluate(() => (window as unknown as Hooked).__swark.run.getState().setFlag('useExtracts', true));

  // Exported without cache, the file travels embedded; imported again, it runs the same.
  await expect(page.getByTestId('export-include-cache')).not.toBeChecked();
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-button').click()]);
  const exported = JSON.parse(await readFile(await download.path(), 'utf8')) as { files?: Record<string, { name: string; text: string }> };
  expect(Object.values(exported.files ?? {})).toEqual([{ name: 'sales.csv', mediaType: 'text/csv', size: 34, text: CSV }]);
  await page.getByTestId('import-input').setInputFiles(await download.path());
  await expect(page.getByTestId('editor-notice')).toContainText('as a new workflow');
  await expect(page.locator(`.react-flow__node[data-id="${id}"]`).getByTestId('node-file-text')).toHaveText('sales.csv · 34 B');
  await runAndExpect(page, 'ran', id);
  await expectThreeRows(page, id);
});

test('a missing file fails its step in words naming the file', async ({ page }) => {
  await page.goto('/?e2e');
  await page.waitForFunction(() => (window as unknown as Hooked).__swark?.workspace.getState().status.phase === 'ready');
  const id = await page.evaluate(() => {
    const graph = (window as unknown as Hooked).__swark.graph.getState();
    const nodeId = graph.addNode('input.csv', { x: 100, y: 100 });
    graph.updateNodeParam(nodeId, 'text', { $swark: 'file', v: { name: 'gone.csv', size: 2048, hash: 'xdeadbeef-1', mediaType: 'text/csv' } });
    return nodeId;
  });
  await runAndExpect(page, 'error', id);
  await expect(page.locator(`[data-testid^="step-row-"][data-step-id="${id}"]`)).toContainText('the file “gone.csv” (2.0 kB) is missing');
});
