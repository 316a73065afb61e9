import { expect, test } from '@playwright/test';
import { openArithmetic } from './run.helpers';

// A bar chart whose y is text (a SQL CASE giving 'hot' or a number as text) and whose x is dates
// draws no bar: the ⚠ under the chart says why, in words.

test('a bar chart with text on y says in the ⚠ that it needs numbers on y', async ({ page }) => {
  await openArithmetic(page);
  const chart = await page.evaluate(() => {
    const graph = globalThis.__swark!.graph.getState();
    const csv = graph.addNode('input.csv', { x: 300, y: 400 });
    graph.updateNodeParam(csv, 'text', 'date,temp\n2023-01-01,31\n2023-01-02,12.5\n2023-01-03,35\n');
    const sql = graph.addNode('sql.query', { x: 600, y: 400 });
    graph.updateNodeParam(sql, 'query', "SELECT date, CASE WHEN temp > 30 THEN 'hot' ELSE CAST(temp AS TEXT) END AS label FROM a");
    const plot = graph.addNode('chart.plot', { x: 900, y: 400 });
    for (const [field, value] of Object.entries({ mark: 'bar', x: 'date', y: 'label' })) graph.updateNodeParam(plot, field, value as never);
    if (!graph.connect({ source: csv, sourceHandle: 'table', target: sql, targetHandle: 'a' })) throw new Error('could not wire the csv');
    if (!graph.connect({ source: sql, sourceHandle: 'table', target: plot, targetHandle: 'table' })) throw new Error('could not wire the query');
    graph.setNodeLabel(plot, 'Heat labels');
    return plot;
  });
  const row = page.locator(`[data-testid^="step-row-"][data-step-id="${chart}"]`);
  await page.getByTestId('run-button').click();
  await expect(row).toHaveAttribute('data-status', 'ran', { timeout: 60_000 });
  await row.click();
  const warnings = page.getByTestId('extract-output').getByTestId('chart-warnings');
  await expect(warnings).toContainText('⚠ y (`label`) is text: a bar chart needs numbers on y, so nothing is drawn');
  await expect(warnings).toContainText('1 of its 3 values is a number written as text, others like "hot" are not');
  // The large view is titled with the node's title, not the internal field name.
  await page
    .getByTestId('extract-output')
    .getByRole('button', { name: /in a large view/ })
    .click();
  await expect(page.getByTestId('large-view').getByRole('heading')).toHaveText('Heat labels: chart (chart)');
});

// A chart the renderer cannot draw: the view says so with a ⚠ and the renderer's own message, not
// an empty frame. (An x column mixing text with a date that is no date: labelling that axis throws.)
test('a chart the renderer throws on shows a ⚠ with the renderer’s message, not a blank chart', async ({ page }) => {
  await openArithmetic(page);
  const code = await page.evaluate(() => {
    const graph = globalThis.__swark!.graph.getState();
    const id = graph.addNode('code.javascript', { x: 900, y: 200 });
    graph.updateNodeParam(
      id,
      'code',
      'return { kind: "chart", mark: "bar", x: "day", y: "n", data: [{ day: "Monday", n: a }, { day: new Date(Number.NaN), n: 1 }] };',
    );
    if (!graph.connect({ source: 'multiply', sourceHandle: 'product', target: id, targetHandle: 'a' })) throw new Error('could not connect the code node');
    return id;
  });
  const row = page.locator(`[data-testid^="step-row-"][data-step-id="${code}"]`);
  await page.getByTestId('run-button').click();
  await expect(row).toHaveAttribute('data-status', 'ran', { timeout: 60_000 });
  await row.click();
  const output = page.getByTestId('extract-output');
  const failure = output.getByTestId('chart-error');
  await expect(failure).toHaveText('⚠ The chart could not be drawn: Invalid time value');
  await expect(failure).toHaveAttribute('role', 'alert');
  // No empty frame in its place, and nothing to export.
  await expect(output.getByTestId('chart-host')).toBeHidden();
  await expect(output.locator('[data-testid="chart-host"] svg')).toHaveCount(0);
  await expect(output.getByRole('button', { name: 'SVG' })).toBeDisabled();
  await expect(output.getByRole('button', { name: 'PNG' })).toBeDisabled();
});
