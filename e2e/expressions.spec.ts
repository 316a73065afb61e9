import { test, expect, type Page } from '@playwright/test';
import { openEditor, selectNode } from './editor.helpers';
import { seriousViolations } from './axe.helpers';

/** 200 days from 2023-01-01, cities cycling Paris, Nice, Lyon, Lille, Brest (so 80 in Paris or Nice). */
function csv(): string {
  const cities = ['Paris', 'Nice', 'Lyon', 'Lille', 'Brest'];
  const lines = ['date,city,temp'];
  for (let i = 0; i < 200; i++) lines.push(`${new Date(Date.UTC(2023, 0, 1 + i)).toISOString().slice(0, 10)},${cities[i % 5]},${(i % 30) - 5}`);
  return lines.join('\n');
}

async function openFilterWorkflow(page: Page, path = '/'): Promise<void> {
  await openEditor(page, path);
  const file = {
    format: 'swark.workflow',
    version: 1,
    name: 'Cities',
    workflow: {
      steps: [
        { id: 'csv', model: 'input.csv', inputs: {}, outputs: { table: 'csv.table' }, params: { text: csv() } },
        { id: 'filter', model: 'table.filter', inputs: { 'csv.table': 'table' }, outputs: { table: 'filter.table' }, params: { where: 'temp > 1000' } },
      ],
    },
    layout: { csv: { x: 0, y: 0 }, filter: { x: 340, y: 0 } },
  };
  await page.getByTestId('import-input').setInputFiles({ name: 'cities.swark.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(file)) });
  await expect(page.locator('.react-flow__node')).toHaveCount(2);
}

const filterResult = (page: Page) => page.getByTestId('node-filter').getByTestId('node-result');

/** Replaces the condition by typing it, as a person would. */
async function typeCondition(page: Page, text: string): Promise<void> {
  const input = page.getByTestId('param-where-input');
  await input.click();
  await page.keyboard.press('ControlOrMeta+a');
  await page.keyboard.press('Delete');
  await page.keyboard.type(text);
  await page.keyboard.press('Escape'); // close any completion list
  await expect(input).toHaveText(text);
}

async function runAndExpect(page: Page, result: string): Promise<void> {
  await page.getByTestId('run-button').click();
  await expect(filterResult(page)).toHaveText(result);
}

test.describe('When a filter condition is typed in the expression field', () => {
  test('membership, dates and months keep the rows they say', async ({ page }) => {
    await openFilterWorkflow(page);
    await runAndExpect(page, '= table 0 × 3');
    await selectNode(page, 'filter');

    // Both membership forms keep the 80 rows in Paris or Nice (the old translation kept 0).
    await typeCondition(page, '["Paris","Nice"].includes(city)');
    await runAndExpect(page, '= table 80 × 3');
    await typeCondition(page, 'city in ["Paris", "Nice"]');
    await runAndExpect(page, '= table 80 × 3');

    // A date column against ISO text compares as dates; months count from 1.
    await typeCondition(page, 'date > "2023-01-31"');
    await runAndExpect(page, '= table 169 × 3');
    // Ctrl+Enter in the field runs what was just typed, and adds nothing to it.
    await typeCondition(page, 'month(date) == 2 && city == "Paris"');
    await page.keyboard.press('ControlOrMeta+Enter');
    await expect(filterResult(page)).toHaveText('= table 5 × 3');
    await expect(page.getByTestId('param-where-input')).toHaveText('month(date) == 2 && city == "Paris"');
    await expect(page.getByTestId('param-where').locator('.cm-line')).toHaveCount(1);
  });

  test('typing stays in the field until a pause or leaving it: one edit of the graph, undone whole', async ({ page }) => {
    await openFilterWorkflow(page, '/?testHooks');
    await selectNode(page, 'filter');
    // Each change of the filter's condition in the graph, as the page's graph store sees it.
    await page.evaluate(`(() => {
      globalThis.__conditions = [];
      const where = (state) => state.nodes.find((node) => node.id === 'filter')?.data.params.where;
      globalThis.__swark.graph.subscribe((next, before) => { if (where(next) !== where(before)) globalThis.__conditions.push(where(next)); });
    })()`);
    const input = page.getByTestId('param-where-input');
    await input.click();
    await page.keyboard.press('ControlOrMeta+a');
    await page.keyboard.type('city == "Lyon"');
    await page.keyboard.press('Escape');
    await expect(input).toHaveText('city == "Lyon"');
    await expect.poll(() => page.evaluate('globalThis.__conditions')).toEqual(['city == "Lyon"']);
    await page.getByTestId('undo-button').click();
    await expect(input).toHaveText('temp > 1000');
    await runAndExpect(page, '= table 0 × 3');
  });

  test('the field explains a mistake while typing, and the run gives the same words', async ({ page }) => {
    await openFilterWorkflow(page);
    await runAndExpect(page, '= table 0 × 3');
    await selectNode(page, 'filter');
    await typeCondition(page, 'city = "Paris"');
    await expect(page.getByTestId('param-where-problem')).toHaveText('use == to compare (a single = assigns)');
    await expect(page.getByTestId('param-where-problem').locator('code')).toHaveText(['==', '=']);
    await typeCondition(page, 'temp + 1');
    await page.getByTestId('run-button').click();
    await expect(page.getByTestId('node-filter')).toHaveAttribute('data-status', 'error');
    await expect(page.getByTestId('inspector-error')).toContainText('a condition must be true or false for each row, but `temp + 1` gives a number');
  });

  test('completes column names and functions with their help, and opens the reference beside the field', async ({ page }) => {
    await openFilterWorkflow(page);
    await page.getByTestId('run-button').click();
    await expect(filterResult(page)).toHaveText('= table 0 × 3');
    await selectNode(page, 'filter');

    const input = page.getByTestId('param-where-input');
    await input.click();
    await page.keyboard.press('ControlOrMeta+a');
    await page.keyboard.type('ci');
    const list = page.locator('.cm-tooltip-autocomplete');
    await expect(list.getByRole('option', { name: /city/ })).toBeVisible();
    await expect(list).toContainText('column');
    await page.keyboard.press('Enter');
    await expect(input).toHaveText('city');
    await page.keyboard.type(' != null && mon');
    await expect(list.getByRole('option', { name: /month/ })).toBeVisible();
    // The highlighted option's one-line help shows beside the list.
    await expect(page.locator('.cm-completionInfo')).toContainText('The month of a date, 1–12 (UTC)');
    await page.keyboard.press('Enter');
    await page.keyboard.type('date) == 3');
    await expect(input).toHaveText('city != null && month(date) == 3');
    await runAndExpect(page, '= table 31 × 3');

    await page.getByTestId('expression-reference-toggle-where').click();
    const reference = page.getByTestId('expression-reference');
    await expect(reference).toBeVisible();
    await expect(reference).toContainText('Membership');
    await expect(reference).toContainText('city in ["Paris", "Nice"]');
    await expect(reference).toContainText('month(date): The month of a date, 1–12 (UTC)');
    // Beside the field: inside the inspector, right under the editor.
    const field = await page.getByTestId('param-where').boundingBox();
    const shown = await reference.boundingBox();
    const inspector = await page.getByTestId('inspector').boundingBox();
    expect(field && shown && inspector && shown.y >= field.y + field.height && shown.y - (field.y + field.height) < 80 && shown.x >= inspector.x).toBe(true);
    // The field and its reference (the rest of the inspector is checked by a11y.spec).
    expect(await seriousViolations(page, { include: ['.expression-field'] })).toEqual([]);
    await page.getByRole('button', { name: 'Close the expression reference' }).click();
    await expect(reference).toHaveCount(0);
  });
});

// Issue 11: with "Update cache" off, a changed filter's run shows its own rows on the node, its
// run-panel row, the output view and the state panel; the cache keeps the earlier rows, shown only
// when asked for (as run-truth.spec shows for a number).
test.describe('When "Update cache" is off and a filter changes', () => {
  const row = (page: Page) => page.locator('[data-testid^="step-row-"][data-step-id="filter"]');
  const grid = (page: Page) => page.getByTestId('extract-output').getByTestId('table-view');
  /** The n-th row of the open output table (1: the first after the header). */
  const gridRow = (page: Page, n: number) => grid(page).getByRole('row').nth(n);
  /** The condition the shown values were computed with, as the viewer writes text (quoted). */
  const whereShown = (page: Page) => page.getByTestId('extract-input').locator('[data-field="where"] dd');

  test('the run’s 80 rows show everywhere, and the cached 40 only on request', async ({ page }) => {
    await openFilterWorkflow(page);
    await selectNode(page, 'filter');
    await typeCondition(page, 'city == "Paris"');
    await runAndExpect(page, '= table 40 × 3');
    await expect(row(page)).toHaveAttribute('data-status', 'ran');

    await page.getByTestId('toggle-populate-extracts').uncheck();
    await typeCondition(page, 'city in ["Paris", "Nice"]');
    await runAndExpect(page, '= table 80 × 3');
    await expect(page.getByTestId('cancel-button')).toBeDisabled();
    await expect(row(page)).toHaveAttribute('data-status', 'ran');

    // The node, the run panel's row and the state panel: this run's 80 rows.
    await expect(filterResult(page)).toHaveText('= table 80 × 3');
    await expect(row(page).getByTestId('step-result')).toHaveText('= table 80 × 3');
    await expect(page.getByTestId('state-slot-filter.table')).toContainText('80 rows: date, city, temp');

    // The output view: this run's rows (Paris and Nice), said to be this run's, not the cache's.
    await row(page).click();
    await expect(grid(page).getByTestId('table-meta')).toHaveText('80 rows × 3 columns');
    await expect(gridRow(page, 1)).toContainText('Paris');
    await expect(gridRow(page, 2)).toContainText('Nice');
    await expect(whereShown(page)).toHaveText(JSON.stringify('city in ["Paris", "Nice"]'));
    const note = page.getByTestId('cache-not-updated');
    await expect(note).toContainText('This is this run’s result');
    await expect(note).toContainText(/the cache still holds the earlier one from \d/);

    // The cached 40 (Paris only, the earlier condition) only when asked for.
    await note.getByRole('button', { name: 'Show the cached one' }).click();
    await expect(grid(page).getByTestId('table-meta')).toHaveText('40 rows × 3 columns');
    await expect(gridRow(page, 2)).toContainText('Paris');
    await expect(gridRow(page, 2)).not.toContainText('Nice');
    await expect(whereShown(page)).toHaveText(JSON.stringify('city == "Paris"'));
    await expect(note).toContainText('This is the cached result');
    // The node, the row and the state still say what the run gave.
    await expect(filterResult(page)).toHaveText('= table 80 × 3');
    await expect(row(page).getByTestId('step-result')).toHaveText('= table 80 × 3');
    await expect(page.getByTestId('state-slot-filter.table')).toContainText('80 rows');

    await note.getByRole('button', { name: 'Show this run’s' }).click();
    await expect(grid(page).getByTestId('table-meta')).toHaveText('80 rows × 3 columns');
    await expect(gridRow(page, 2)).toContainText('Nice');

    // The state panel's slot opened in the viewer holds the run's 80 rows too.
    await page.getByTestId('state-slot-filter.table').getByRole('button', { name: 'filter.table' }).click();
    const slotValue = page.getByTestId('state-slot-value');
    await expect(slotValue.getByTestId('table-meta')).toHaveText('80 rows × 3 columns');
    await expect(slotValue.getByRole('row').nth(2)).toContainText('Nice');
  });
});
