import { test, expect, type Page } from '@playwright/test';
import { openArithmetic } from './run.helpers';

// sql.query runs in a worker of its own: its time limit and Cancel stop it even inside one endless
// SQLite step, the run ends with the message in words, and the next run works.

/** One endless step: SQLite counts forever before it gives a row. */
const ENDLESS_STEP = 'WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n) SELECT count(*) AS n FROM n';

const stepRow = (page: Page, id: string) => page.locator(`[data-testid^="step-row-"][data-step-id="${id}"]`);

/** A CSV of three rows wired into a sql.query node with `params`; returns the query node's id. */
const addQuery = (page: Page, params: Record<string, unknown>) =>
  page.evaluate((fields) => {
    const graph = globalThis.__swark!.graph.getState();
    const csv = graph.addNode('input.csv', { x: 300, y: 400 });
    graph.updateNodeParam(csv, 'text', 'n\n1\n2\n3\n');
    const query = graph.addNode('sql.query', { x: 600, y: 400 });
    for (const [field, value] of Object.entries(fields)) graph.updateNodeParam(query, field, value as never);
    if (!graph.connect({ source: csv, sourceHandle: 'table', target: query, targetHandle: 'a' })) throw new Error('could not wire the CSV into the query');
    return query;
  }, params);

const setQuery = (page: Page, id: string, query: string) =>
  page.evaluate(([node, text]) => globalThis.__swark!.graph.getState().updateNodeParam(node as string, 'query', text as string), [id, query]);

test('an endless query stops at its time limit with the message, and the next run works', async ({ page }) => {
  await openArithmetic(page);
  const query = await addQuery(page, { query: ENDLESS_STEP, timeLimit: 1 });
  await page.getByTestId('run-button').click();
  await expect(stepRow(page, query)).toHaveAttribute('data-status', 'error', { timeout: 20_000 });
  await expect(page.getByTestId('cancel-button')).toBeDisabled({ timeout: 60_000 });
  await expect(page.getByRole('alert').first()).toContainText('the query was stopped after 1 s, its time limit (raise `timeLimit` to give it longer)');
  await setQuery(page, query, 'SELECT sum(n) AS total FROM a');
  await page.getByTestId('run-button').click();
  await expect(stepRow(page, query)).toHaveAttribute('data-status', 'ran');
  await expect(page.getByTestId(`node-${query}`).getByTestId('node-result')).toHaveText('= table 1 × 1');
});

test('Cancel stops an endless query at once, and the next run works', async ({ page }) => {
  await openArithmetic(page);
  const query = await addQuery(page, { query: ENDLESS_STEP, timeLimit: 600 });
  await page.getByTestId('run-button').click();
  await expect(stepRow(page, query)).toHaveAttribute('data-status', 'running');
  await page.getByTestId('cancel-button').click();
  await expect(stepRow(page, query)).toHaveAttribute('data-status', 'cancelled');
  await setQuery(page, query, 'SELECT n * 10 AS tens FROM a');
  await page.getByTestId('run-button').click();
  await expect(stepRow(page, query)).toHaveAttribute('data-status', 'ran');
  await stepRow(page, query).click();
  const cells = page.getByTestId('extract-output').getByTestId('table-view').locator('.table-row [role="cell"]:nth-child(2)');
  await expect(cells).toHaveText(['10', '20', '30']);
});
