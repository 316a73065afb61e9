import { test, expect, type Page } from '@playwright/test';
import { openArithmetic, newWeatherWorkflow } from './run.helpers';

// The extracts viewer with real runs in the worker: a failed step's error before its older cache,
// long strings in part, tables fetched page by page, charts at the pane's width and the large view;
// the step rows after a reload and after deleting a node.

/** Adds a code.javascript node fed by the multiply's product; returns its id. */
const addCode = (page: Page, code: string) =>
  page.evaluate((body) => {
    const graph = globalThis.__swark!.graph.getState();
    const id = graph.addNode('code.javascript', { x: 900, y: 200 });
    graph.updateNodeParam(id, 'code', body);
    graph.updateNodeParam(id, 'timeoutMs', 600000);
    if (!graph.connect({ source: 'multiply', sourceHandle: 'product', target: id, targetHandle: 'a' })) throw new Error('could not connect the code node');
    return id;
  }, code);

async function run(page: Page) {
  await page.getByTestId('run-button').click();
  await expect(page.getByTestId('cancel-button')).toBeDisabled();
}

const row = (page: Page, id: string) => page.locator(`[data-testid^="step-row-"][data-step-id="${id}"]`);

test('a failed step shows its error first; its cached values are labelled as from the last successful run', async ({ page }) => {
  await openArithmetic(page);
  const step = await addCode(page, 'return a + 1;');
  await run(page);
  await expect(row(page, step)).toHaveAttribute('data-status', 'ran');
  await page.evaluate((id) => globalThis.__swark!.graph.getState().updateNodeParam(id, 'code', 'throw new Error("no good: " + a);'), step);
  await run(page);
  await expect(row(page, step)).toHaveAttribute('data-status', 'error');
  await row(page, step).click();
  const failure = page.getByTestId('step-failure');
  await expect(failure).toContainText('no good: 20');
  await expect(page.getByTestId('stale-cache-note')).toContainText('from the last successful run (');
  await expect(page.getByTestId('extract-output')).toContainText('Model output from the last successful run');
  // The error comes before the old values.
  const above = await page.evaluate(() => {
    const error = document.querySelector('[data-testid="step-failure"]');
    const output = document.querySelector('[data-testid="extract-input"]');
    return !!error && !!output && !!(error.compareDocumentPosition(output) & Node.DOCUMENT_POSITION_FOLLOWING);
  });
  expect(above).toBe(true);
});

test('a long string shows its first lines, how many characters are left, and all of it on request', async ({ page }) => {
  await openArithmetic(page);
  const step = await addCode(page, 'let text = "id,name"; for (let i = 0; i < 100000; i++) text += "\\n" + i + ",row " + i; return text;');
  await run(page);
  await row(page, step).click();
  const text = page.getByTestId('extract-output').getByTestId('long-text');
  await expect(text.locator('pre')).toHaveText(/^id,name\n0,row 0\n1,row 1/);
  const shown = (await text.locator('pre').textContent()) ?? '';
  expect(shown.length).toBeLessThan(700);
  await expect(text).toContainText(/… [\d,]+ more characters/);
  await text.getByRole('button', { name: /Show all [\d,]+ characters/ }).click();
  await expect(text.locator('pre')).toContainText('99999,row 99999');
  await expect(text.getByRole('button', { name: /as text$/ })).toBeVisible();
});

test('a 5,000-row table is fetched page by page as the grid scrolls, and its CSV export has every row', async ({ page }) => {
  await openArithmetic(page);
  const rows = await addCode(page, 'const rows = []; for (let i = 0; i < 5000; i++) rows.push({ id: i, name: "row " + i }); return rows;');
  const table = await page.evaluate((source) => {
    const graph = globalThis.__swark!.graph.getState();
    const id = graph.addNode('table.fromRows', { x: 1100, y: 200 });
    graph.connect({ source, sourceHandle: 'result', target: id, targetHandle: 'rows' });
    return id;
  }, rows);
  await run(page);
  await row(page, table).click();
  const grid = page.getByTestId('extract-output').getByTestId('table-view');
  await expect(grid.locator('.table-meta')).toHaveText('5,000 rows × 2 columns');
  await grid.locator('.table-scroll').evaluate((element) => (element.scrollTop = element.scrollHeight));
  const last = grid.locator('.table-row').filter({ has: page.locator('.table-index', { hasText: /^5000$/ }) });
  await expect(last).toContainText('row 4999');
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page
      .getByTestId('extract-output')
      .getByRole('button', { name: /as CSV/ })
      .click(),
  ]);
  const csv = await download.createReadStream().then(async (stream) => {
    const chunks: Buffer[] = [];
    for await (const chunk of stream) chunks.push(chunk as Buffer);
    return Buffer.concat(chunks).toString();
  });
  expect(csv.trim().split('\n')).toHaveLength(5001);
});

test('after a reload the step rows show the last run; deleting a node drops its row and its error', async ({ page }) => {
  await openArithmetic(page);
  const failing = await addCode(page, 'throw new Error("broken on purpose");');
  await run(page);
  await expect(row(page, failing)).toHaveAttribute('data-status', 'error');
  await page.waitForTimeout(1500);
  await page.reload();
  await page.waitForFunction(() => !!globalThis.__swark?.graph);
  await expect(row(page, 'multiply')).toHaveAttribute('data-status', 'ran');
  await expect(row(page, failing)).toHaveAttribute('data-status', 'error');
  await expect(page.getByTestId('run-panel')).not.toContainText('No run yet');
  await run(page);
  await expect(page.getByRole('alert').first()).toContainText('broken on purpose');
  await page.evaluate((id) => globalThis.__swark!.graph.getState().deleteNodes([id]), failing);
  await expect(row(page, failing)).toHaveCount(0);
  await expect(page.getByTestId('run-panel').getByRole('alert')).toHaveCount(0);
  await expect(row(page, 'multiply')).toHaveAttribute('data-status', 'skipped');
});

test('a chart is drawn at the pane width, and opens in a large view that Escape closes, focus back on its button', async ({ page }) => {
  await page.setViewportSize({ width: 1440, height: 900 });
  await newWeatherWorkflow(page);
  await page.getByTestId('run-button').click();
  await expect(row(page, 'chart')).toHaveAttribute('data-status', 'ran', { timeout: 30_000 });
  await row(page, 'chart').click();
  const output = page.getByTestId('extract-output');
  const svg = output.locator('[data-testid="chart-host"] svg').first();
  await expect(svg).toBeVisible();
  // Drawn for the width it has (not 640 wide and scaled down): the viewBox matches the box on screen.
  // The pane may still be settling (a scrollbar appearing) when the first drawing lands: the chart redraws on resize.
  const measure = () =>
    output
      .locator('[data-testid="chart-host"] svg')
      .first()
      .evaluate((element) => ({ drawn: (element as SVGSVGElement).viewBox.baseVal.width, shown: element.getBoundingClientRect().width }));
  await expect
    .poll(async () => {
      const { drawn, shown } = await measure();
      return Math.abs(drawn - shown);
    })
    .toBeLessThan(2);
  expect((await measure()).drawn).not.toBe(640);

  const enlarge = output.getByRole('button', { name: /in a large view/ }).first();
  await enlarge.click();
  const dialog = page.getByRole('dialog');
  await expect(dialog).toBeVisible();
  const dialogBox = await dialog.boundingBox();
  expect(dialogBox?.width).toBeGreaterThan(1440 * 0.85);
  const large = dialog.locator('svg').first();
  await expect(large).toBeVisible();
  expect(await large.evaluate((element) => element.getBoundingClientRect().width)).toBeGreaterThan(1000);
  await page.keyboard.press('Escape');
  await expect(dialog).toHaveCount(0);
  await expect(enlarge).toBeFocused();
});

test('a table opens in the large view with its rows, and Close returns focus', async ({ page }) => {
  await page.setViewportSize({ width: 1440, height: 900 });
  await newWeatherWorkflow(page);
  await page.getByTestId('run-button').click();
  await expect(row(page, 'monthly')).toHaveAttribute('data-status', 'ran', { timeout: 30_000 });
  await row(page, 'monthly').click();
  const enlarge = page
    .getByTestId('extract-output')
    .getByRole('button', { name: /in a large view/ })
    .first();
  await enlarge.click();
  const dialog = page.getByRole('dialog');
  await expect(dialog.locator('.table-meta')).toContainText('rows ×');
  expect(await dialog.locator('.table-row').count()).toBeGreaterThan(8);
  await dialog.getByRole('button', { name: 'Close' }).click();
  await expect(dialog).toHaveCount(0);
  await expect(enlarge).toBeFocused();
});
