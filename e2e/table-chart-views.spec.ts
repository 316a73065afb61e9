import { test, expect, type Page, type Locator } from '@playwright/test';
import { openArithmetic, newWeatherWorkflow } from './run.helpers';

// The table viewer's sort and search over the whole table, numbers read rounded, a table's JSON
// as rows, and charts whose categories follow the rows and whose labels never overlap.

async function run(page: Page) {
  await page.getByTestId('run-button').click();
  await expect(page.getByTestId('cancel-button')).toBeDisabled({ timeout: 60_000 });
}

const row = (page: Page, id: string) => page.locator(`[data-testid^="step-row-"][data-step-id="${id}"]`);

/** Adds a node of `model` with `params`, wired from `from` (node id and output) into `into`; returns its id. */
const addNode = (page: Page, model: string, params: Record<string, unknown>, from?: { id: string; output: string; into: string }) =>
  page.evaluate(
    ({ model, params, from }) => {
      const graph = globalThis.__swark!.graph.getState();
      const id = graph.addNode(model, { x: 300 + Math.random() * 600, y: 300 + Math.random() * 200 });
      for (const [field, value] of Object.entries(params)) graph.updateNodeParam(id, field, value as never);
      if (from && !graph.connect({ source: from.id, sourceHandle: from.output, target: id, targetHandle: from.into }))
        throw new Error(`could not wire ${from.id}.${from.output} into ${model}.${from.into}`);
      return id;
    },
    { model, params, from },
  );

/** The texts of one column of the grid's rows on screen, in screen order. */
const columnTexts = (grid: Locator, column: number) =>
  grid.locator('.table-row').evaluateAll(
    (rows, c) =>
      rows
        .map((element) => ({ top: element.getBoundingClientRect().top, text: element.children[c]?.textContent ?? '' }))
        .sort((a, b) => a.top - b.top)
        .map((cell) => cell.text),
    column,
  );

interface Label {
  text: string;
  /** Where the label is along the axis (screen x of its box). */
  left: number;
  /** The label's box in its own (possibly rotated) frame: extents along its baseline (u) and across it (v). */
  u: [number, number];
  v: [number, number];
}

/** The x axis's tick labels of the chart in `host`, each with its box in the labels' own frame. */
const xLabels = (host: Locator): Promise<Label[]> =>
  host.locator('svg [aria-label="x-axis tick label"] text').evaluateAll((texts) =>
    texts.map((node) => {
      const text = node as SVGTextElement;
      const box = text.getBBox();
      const m = text.getScreenCTM() as DOMMatrix;
      const corners = [
        [box.x, box.y],
        [box.x + box.width, box.y],
        [box.x, box.y + box.height],
        [box.x + box.width, box.y + box.height],
      ].map(([x, y]) => new DOMPoint(x, y).matrixTransform(m));
      // Every label of an axis turns by the same angle: its own axes are those of its screen matrix.
      const angle = Math.atan2(m.b, m.a);
      const along = corners.map((p) => p.x * Math.cos(angle) + p.y * Math.sin(angle));
      const across = corners.map((p) => -p.x * Math.sin(angle) + p.y * Math.cos(angle));
      return {
        text: text.textContent ?? '',
        left: Math.min(...corners.map((p) => p.x)),
        u: [Math.min(...along), Math.max(...along)] as [number, number],
        v: [Math.min(...across), Math.max(...across)] as [number, number],
      };
    }),
  );

/** Pairs of labels whose boxes overlap (rectangles turned alike overlap when both extents do). */
function overlapping(labels: Label[]): string[] {
  const found: string[] = [];
  const meet = (a: [number, number], b: [number, number]) => a[0] < b[1] - 0.5 && b[0] < a[1] - 0.5;
  for (let i = 0; i < labels.length; i++)
    for (let j = i + 1; j < labels.length; j++) {
      const [a, b] = [labels[i]!, labels[j]!];
      if (meet(a.u, b.u) && meet(a.v, b.v)) found.push(`${a.text} / ${b.text}`);
    }
  return found;
}

const inOrder = (labels: Label[]) => [...labels].sort((a, b) => a.left - b.left).map((label) => label.text);

const CITIES = 'city,sales\nOslo,12\nLima,40\nBern,7\nRiga,25\nQuito,31\nAccra,18\n';

test('a sorted table gives a sorted chart: bars and labels in the order of the rows', async ({ page }) => {
  await openArithmetic(page);
  const csv = await addNode(page, 'input.csv', { text: CITIES });
  const sort = await addNode(page, 'table.sort', { by: ['sales'], descending: true }, { id: csv, output: 'table', into: 'table' });
  const sortedChart = await addNode(page, 'chart.plot', { mark: 'bar', x: 'city', y: 'sales' }, { id: sort, output: 'table', into: 'table' });
  const plainChart = await addNode(page, 'chart.plot', { mark: 'bar', x: 'city', y: 'sales' }, { id: csv, output: 'table', into: 'table' });
  await run(page);
  await expect(row(page, sortedChart)).toHaveAttribute('data-status', 'ran');

  // The table's order, as the viewer shows the sorted step's output.
  await row(page, sort).click();
  const grid = page.getByTestId('extract-output').getByTestId('table-view');
  await expect(grid.getByTestId('table-meta')).toHaveText('6 rows × 2 columns');
  const tableOrder = await columnTexts(grid, 1);
  expect(tableOrder).toEqual(['Lima', 'Quito', 'Riga', 'Accra', 'Oslo', 'Bern']);

  /** The categories as drawn: the bars from left to right (each titled by its category), and the axis labels in the large view. */
  const drawnOrder = async (chart: string) => {
    await row(page, chart).click();
    const output = page.getByTestId('extract-output');
    const host = output.getByTestId('chart-host');
    await expect(host.locator('svg rect title').first()).toBeAttached();
    const bars = await host.locator('svg rect').evaluateAll((rects) =>
      rects
        .filter((rect) => rect.querySelector('title'))
        .map((rect) => ({ x: rect.getBoundingClientRect().left, category: (rect.querySelector('title')?.textContent ?? '').split(':')[0] }))
        .sort((a, b) => a.x - b.x)
        .map((bar) => bar.category),
    );
    // In the pane, labels may be thinned out; those shown are in the bars' order.
    const shown = inOrder(await xLabels(host));
    expect(shown).toEqual(bars.filter((category) => shown.includes(category ?? '')));
    await output
      .getByRole('button', { name: /in a large view/ })
      .first()
      .click();
    const large = page.getByRole('dialog').getByTestId('chart-host');
    await expect(large.locator('svg rect').first()).toBeAttached();
    const labels = inOrder(await xLabels(large));
    await page.getByRole('dialog').getByRole('button', { name: 'Close' }).click();
    return { bars, labels };
  };
  expect(await drawnOrder(sortedChart)).toEqual({ bars: tableOrder, labels: tableOrder });
  // Unsorted, the chart keeps the CSV's order (not an alphabetical one).
  const csvOrder = CITIES.trim()
    .split('\n')
    .slice(1)
    .map((line) => line.split(',')[0]);
  expect(await drawnOrder(plainChart)).toEqual({ bars: csvOrder, labels: csvOrder });
});

test('the Seattle chart’s 48 month labels do not overlap, in the pane or in the large view', async ({ page }) => {
  await page.setViewportSize({ width: 1440, height: 900 });
  await newWeatherWorkflow(page);
  await run(page);
  await expect(row(page, 'chart')).toHaveAttribute('data-status', 'ran', { timeout: 30_000 });
  await row(page, 'chart').click();
  const pane = page.getByTestId('extract-output').getByTestId('chart-host');
  await expect(pane.locator('svg').first()).toBeVisible();
  // The pane may still be settling when the first drawing lands: the chart redraws at its final width.
  await expect.poll(async () => (await xLabels(pane)).length).toBeGreaterThan(5);
  const inPane = await xLabels(pane);
  await pane.screenshot({ path: 'test-results/seattle-pane-chart.png' });
  expect(overlapping(inPane)).toEqual([]);
  // The months are in the order of the rows (the aggregate's, by month): the first label is the first month.
  expect(inOrder(inPane)[0]).toBe('2012-01');

  await page
    .getByTestId('extract-output')
    .getByRole('button', { name: /in a large view/ })
    .first()
    .click();
  const large = page.getByRole('dialog').getByTestId('chart-host');
  await expect(large.locator('svg').first()).toBeVisible();
  await expect.poll(async () => (await xLabels(large)).length).toBeGreaterThan(5);
  const inLarge = await xLabels(large);
  expect(overlapping(inLarge)).toEqual([]);
  expect(inOrder(inLarge)).toEqual([...inOrder(inLarge)].sort());
  await page.screenshot({ path: 'test-results/seattle-large-chart.png' });
});

test('the table viewer sorts by a column and searches rows over the whole table, numbers rounded with the full value on hover', async ({ page }) => {
  await openArithmetic(page);
  // 5,000 rows (the viewer holds 200 at a time): id, a shuffled rank, and id / 3 (long decimals).
  const code = await addNode(page, 'code.javascript', {
    code: 'const rows = []; for (let i = 0; i < 5000; i++) rows.push({ id: i, rank: (i * 7919) % 5000, third: i / 3, name: "row " + i }); return rows;',
  });
  const table = await addNode(page, 'table.fromRows', {}, { id: code, output: 'result', into: 'rows' });
  await run(page);
  await row(page, table).click();
  const grid = page.getByTestId('extract-output').getByTestId('table-view');
  await expect(grid.getByTestId('table-meta')).toHaveText('5,000 rows × 4 columns');

  // 1 / 3 reads 0.333333; its full value is on hover.
  const second = grid.locator('.table-row').nth(1);
  await expect(second.locator('[role="cell"]').nth(3)).toHaveText('0.333333');
  await expect(second.locator('[role="cell"]').nth(3)).toHaveAttribute('title', String(1 / 3));

  const rankHeader = grid.getByRole('columnheader', { name: /rank/ });
  await expect(rankHeader).toHaveAttribute('aria-sort', 'none');
  await grid.getByTestId('table-sort-rank').click();
  await expect(rankHeader).toHaveAttribute('aria-sort', 'ascending');
  await expect.poll(() => columnTexts(grid, 2).then((texts) => texts.slice(0, 3))).toEqual(['0', '1', '2']);
  await grid.getByTestId('table-sort-rank').click();
  await expect(rankHeader).toHaveAttribute('aria-sort', 'descending');
  await expect.poll(() => columnTexts(grid, 2).then((texts) => texts.slice(0, 3))).toEqual(['4999', '4998', '4997']);
  // The row with the highest rank is the id whose (id * 7919) % 5000 is 4999: shown with its number in the table.
  const topId = Array.from({ length: 5000 }, (_, i) => i).find((i) => (i * 7919) % 5000 === 4999) as number;
  await expect.poll(() => columnTexts(grid, 1).then((texts) => texts[0])).toBe(String(topId));
  await expect.poll(() => columnTexts(grid, 0).then((texts) => texts[0])).toBe(String(topId + 1));
  // Scrolled to the end, the smallest rank is last: the sort covers every row, not the first page.
  await grid.locator('.table-scroll').evaluate((element) => (element.scrollTop = element.scrollHeight));
  await expect.poll(() => columnTexts(grid, 2).then((texts) => texts[texts.length - 1])).toBe('0');
  await grid.getByTestId('table-sort-rank').click();
  await expect(rankHeader).toHaveAttribute('aria-sort', 'none');

  // A search finds rows far past the first page; the count is of the whole table.
  const expected = Array.from({ length: 5000 }, (_, i) => `row ${i}`).filter((name) => name.includes('row 432'));
  await grid.getByTestId('table-search').fill('ROW 432');
  await expect(grid.getByTestId('table-meta')).toHaveText(`${expected.length} of 5,000 rows × 4 columns`);
  await expect.poll(() => columnTexts(grid, 4)).toEqual(expected);
  await grid.getByTestId('table-search').fill('');
  await expect(grid.getByTestId('table-meta')).toHaveText('5,000 rows × 4 columns');
});

test('JSON of a table downloads its rows with ISO dates and every digit', async ({ page }) => {
  await openArithmetic(page);
  const csv = await addNode(page, 'input.csv', { text: 'day,mean\n2012-01-01,20.397499999999994\n2012-01-02,1.5\n' });
  await run(page);
  await row(page, csv).click();
  const output = page.getByTestId('extract-output');
  await expect(output.getByTestId('table-view').locator('.table-row').first()).toContainText('20.3975');
  const [download] = await Promise.all([page.waitForEvent('download'), output.getByRole('button', { name: /as JSON/ }).click()]);
  const text = await download.createReadStream().then(async (stream) => {
    const chunks: Buffer[] = [];
    for await (const chunk of stream) chunks.push(chunk as Buffer);
    return Buffer.concat(chunks).toString();
  });
  expect(JSON.parse(text)).toEqual([
    { day: '2012-01-01T00:00:00.000Z', mean: 20.397499999999994 },
    { day: '2012-01-02T00:00:00.000Z', mean: 1.5 },
  ]);
});

test('CSV of a table longer than the viewer holds downloads every row (the worker makes the file from the whole table)', async ({ page }) => {
  await openArithmetic(page);
  // 30,000 rows; the viewer holds the first 200, the worker the whole table.
  const code = await addNode(page, 'code.javascript', {
    code: 'const rows = []; for (let i = 0; i < 30000; i++) rows.push({ id: i, half: i / 2, name: "row " + i }); return rows;',
  });
  const table = await addNode(page, 'table.fromRows', {}, { id: code, output: 'result', into: 'rows' });
  await run(page);
  await row(page, table).click();
  const output = page.getByTestId('extract-output');
  await expect(output.getByTestId('table-meta')).toHaveText('30,000 rows × 3 columns');
  const [download] = await Promise.all([page.waitForEvent('download'), output.getByRole('button', { name: /as CSV/ }).click()]);
  expect(download.suggestedFilename()).toMatch(/\.csv$/);
  const chunks: Buffer[] = [];
  for await (const chunk of await download.createReadStream()) chunks.push(chunk as Buffer);
  const lines = Buffer.concat(chunks).toString().trimEnd().split(/\r?\n/);
  expect(lines[0]).toBe('id,half,name');
  expect(lines.slice(1)).toEqual(Array.from({ length: 30_000 }, (_, i) => `${i},${i / 2},row ${i}`));
});
