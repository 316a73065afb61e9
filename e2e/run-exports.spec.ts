import { readFile } from 'node:fs/promises';
import { test, expect, type Download, type Locator, type Page } from '@playwright/test';
import { newWeatherWorkflow } from './run.helpers';

// The weather template (sample → clean → monthly → chart), run for real in the worker; its
// chart and table leave the app as SVG, PNG and CSV files, whose contents are checked.

async function saved(download: Promise<Download>): Promise<{ name: string; bytes: Buffer }> {
  const file = await download;
  const path = await file.path();
  return { name: file.suggestedFilename(), bytes: await readFile(path) };
}

const downloadBy = (page: Page, button: Locator) => saved(Promise.all([page.waitForEvent('download'), button.click()]).then(([download]) => download));

test('the weather chart is drawn, and leaves as SVG and PNG; its monthly table as CSV', async ({ page }) => {
  await newWeatherWorkflow(page);
  await page.getByTestId('run-button').click();
  const rows = page.locator('[data-testid^="step-row-"]');
  await expect(rows).toHaveCount(4);
  await expect(rows.and(page.locator('[data-status="ran"]'))).toHaveCount(4, { timeout: 30_000 });

  await page.locator('[data-testid^="step-row-"][data-step-id="chart"]').click();
  const output = page.getByTestId('extract-output');
  const svg = output.locator('svg').first();
  await expect(svg).toBeVisible();
  // A line chart over 48 months: the line itself plus the axes' ticks.
  expect(await output.locator('svg path, svg line, svg circle, svg rect').count()).toBeGreaterThan(5);

  const svgFile = await downloadBy(page, output.getByRole('button', { name: 'SVG' }));
  expect(svgFile.name).toMatch(/\.svg$/);
  const parsed = await page.evaluate((text) => {
    const doc = new DOMParser().parseFromString(text, 'image/svg+xml');
    return {
      error: doc.querySelector('parsererror')?.textContent ?? null,
      root: doc.documentElement.localName,
      marks: doc.querySelectorAll('path, line, circle, rect').length,
      text: doc.documentElement.textContent ?? '',
    };
  }, svgFile.bytes.toString('utf8'));
  expect(parsed.error).toBeNull();
  expect(parsed.root).toBe('svg');
  expect(parsed.marks).toBeGreaterThan(5);
  expect(parsed.text).toContain('avg_high');

  const pngFile = await downloadBy(page, output.getByRole('button', { name: 'PNG' }));
  expect(pngFile.name).toMatch(/\.png$/);
  expect([...pngFile.bytes.subarray(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  // Width and height from the IHDR chunk: drawn at twice the on-screen size, so never empty.
  expect(pngFile.bytes.readUInt32BE(16)).toBeGreaterThan(100);
  expect(pngFile.bytes.readUInt32BE(20)).toBeGreaterThan(100);

  await page.locator('[data-testid^="step-row-"][data-step-id="monthly"]').click();
  const table = page.getByTestId('extract-output').getByTestId('table-view');
  await expect(table).toBeVisible();
  const meta = (await table.locator('.table-meta').innerText()).replace(/,/g, '');
  const [, rowCount] = /(\d+) rows/.exec(meta) ?? [];
  // Seattle's weather sample spans 2012–2015: one row per month of those four years.
  expect(Number(rowCount)).toBe(48);
  const csvFile = await downloadBy(page, page.getByTestId('extract-output').getByRole('button', { name: /CSV/ }));
  expect(csvFile.name).toMatch(/\.csv$/);
  const lines = csvFile.bytes.toString('utf8').trim().split(/\r?\n/);
  expect(lines[0]?.split(',')).toEqual(['month', 'avg_high', 'avg_temp', 'rain_mm']);
  expect(lines.length - 1).toBe(Number(rowCount));
  expect(lines[1]).toMatch(/^2012-01,-?\d/);
});
