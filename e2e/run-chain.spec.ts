import { test, expect } from '@playwright/test';
import { chainWorkflowFile } from '../test/helpers/chainFile';

// A long run through the app as a person makes it: import a 1,000-step chain, press Run. The run
// panel draws only the rows on screen, so "every row ran" is read where it is true — the run
// store's rows (what each drawn row shows) — and checked against the rows that are drawn.
const STEPS = 1000;

test('a 1,000-step chain imported from a file runs to the end with every step ran', async ({ page }) => {
  test.slow();
  await page.goto('/?testHooks');
  await page.waitForFunction(() => !!globalThis.__swark?.graph);
  await page
    .getByTestId('import-input')
    .setInputFiles({ name: 'chain.swark.json', mimeType: 'application/json', buffer: Buffer.from(chainWorkflowFile(STEPS)) });
  await expect.poll(() => page.evaluate(() => globalThis.__swark!.graph.getState().nodes.length), { timeout: 60_000 }).toBe(STEPS);

  await page.getByTestId('run-button').click();
  await expect(page.getByTestId('cancel-button')).toBeDisabled({ timeout: 120_000 });
  await expect
    .poll(() => page.evaluate(() => globalThis.__swark!.run.getState().steps.filter((row) => row.status === 'ran').length), { timeout: 120_000 })
    .toBe(STEPS);

  // The drawn rows say the same, and they are a window onto the list, not all of it.
  const rows = page.locator('.run-steps [data-step-id]');
  await expect(rows.first()).toHaveAttribute('data-status', 'ran');
  const drawn = await rows.count();
  expect(drawn).toBeGreaterThan(0);
  expect(drawn).toBeLessThan(STEPS);
  expect(await page.locator('.run-steps [data-step-id]:not([data-status="ran"])').count()).toBe(0);

  // The last step is reached by scrolling the list, and its result is the chain's: 1 + 999 ones.
  await page.locator('.run-steps [data-step-id]').first().focus();
  await page.keyboard.press('End');
  const last = page.locator(`[data-step-id="s${STEPS - 1}"]`);
  await expect(last).toHaveAttribute('data-status', 'ran');
  await expect(last).toHaveAttribute('aria-selected', 'true');
  await expect(last.getByTestId('step-result')).toHaveText(`= ${STEPS}`);
});

test('zoomed out, a node is a tile of its title on its run status, the size of the full node', async ({ page }) => {
  await page.goto('/?testHooks');
  await page.waitForFunction(() => !!globalThis.__swark?.graph);
  // 300 steps open fitted whole, far below readable zoom.
  await page.getByTestId('import-input').setInputFiles({ name: 'chain.swark.json', mimeType: 'application/json', buffer: Buffer.from(chainWorkflowFile(300)) });
  const node = page.getByTestId('node-s5');
  await expect(node).toHaveClass(/\bis-far\b/, { timeout: 30_000 });
  await expect(node).toHaveText('s5');
  const tile = await node.boundingBox();

  await page.getByTestId('run-button').click();
  await expect(node).toHaveAttribute('data-status', 'ran', { timeout: 60_000 });
  // The tile is drawn on the far tiles' canvas in the run status's colour (--ok-soft), inside its box.
  const box = (await node.boundingBox())!;
  const tileColour = () =>
    page.getByTestId('far-tiles').evaluate(
      (element, at) => {
        const canvas = element as HTMLCanvasElement;
        const frame = canvas.getBoundingClientRect();
        const ratio = canvas.width / frame.width;
        const [r, g, b] = canvas.getContext('2d')!.getImageData(Math.round((at.x - frame.left) * ratio), Math.round((at.y - frame.top) * ratio), 1, 1).data;
        return `rgb(${r}, ${g}, ${b})`;
      },
      { x: box.x + 3, y: box.y + box.height - 3 },
    );
  await expect.poll(tileColour).toBe('rgb(232, 246, 237)');
  // Nothing of it is painted by the node's own element, which stays for the pointer and data-status.
  await expect(node).toHaveCSS('background-color', 'rgba(0, 0, 0, 0)');
  // A run does not resize the tile (a resize would make React Flow measure every node again).
  expect(await node.boundingBox()).toEqual(tile);

  // Zoomed to it, the node is drawn in full again, at the size of its tile.
  await node.click();
  await page.getByTestId('zoom-to-selection').click();
  await expect(node).not.toHaveClass(/\bis-far\b/);
  await expect(node.getByTestId('node-status-line')).toHaveText(/ran/);
  const full = await node.boundingBox();
  const zoom = await page.evaluate(() => {
    const viewport = document.querySelector<HTMLElement>('.react-flow__viewport');
    return viewport ? new DOMMatrixReadOnly(getComputedStyle(viewport).transform).a : NaN;
  });
  const tileZoom = (tile?.width ?? 0) / ((full?.width ?? 1) / zoom);
  expect(Math.abs((full?.height ?? 0) / zoom - (tile?.height ?? 0) / tileZoom)).toBeLessThan(1);
});

test('a big workflow opened again draws its nodes first and its minimap once the page is idle', async ({ page }) => {
  await page.goto('/?testHooks');
  await page.waitForFunction(() => !!globalThis.__swark?.graph);
  await page.getByTestId('import-input').setInputFiles({ name: 'chain.swark.json', mimeType: 'application/json', buffer: Buffer.from(chainWorkflowFile(300)) });
  await expect(page.getByTestId('node-s299')).toBeAttached({ timeout: 30_000 });
  await expect(page.getByTestId('save-status')).toContainText('Saved', { timeout: 30_000 });
  await page.reload();
  await expect(page.getByTestId('node-s299')).toBeAttached({ timeout: 30_000 });
  const minimap = page.locator('.react-flow__minimap');
  await expect(minimap).toBeVisible();
  // It shows the whole graph: one shape per node.
  await expect(minimap.locator('.react-flow__minimap-node')).toHaveCount(300);
});
