/**
 * Reliability cases 25 and 36 (`../shared/reliability-cases.md`): an endless code node never keeps
 * the app from opening, and editing, renaming or deleting nodes during a run, or undoing past an
 * import, leaves the editor and the run history sound.
 */
import { test, expect, type Page } from '@playwright/test';
import { openArithmetic } from './run.helpers';

test.describe.configure({ timeout: 120_000 });

/** Adds a trusted code.javascript node running `code`, fed by multiply's product; returns its id. */
const addEndless = (page: Page) =>
  page.evaluate(() => {
    const graph = globalThis.__swark!.graph.getState();
    const id = graph.addNode('code.javascript', { x: 900, y: 200 });
    graph.updateNodeParam(id, 'code', 'while (true) {}');
    graph.updateNodeParam(id, 'timeoutMs', 600000);
    if (!graph.connect({ source: 'multiply', sourceHandle: 'product', target: id, targetHandle: 'a' })) throw new Error('could not connect the code node');
    return id;
  });

const runRows = (page: Page) => page.locator('[data-testid^="step-row-"]');

test('case 25: a workflow whose code node loops for ever opens again after a reload, nothing running, the page answering', async ({ page }) => {
  await openArithmetic(page);
  const endless = await addEndless(page);
  await page.evaluate(() => globalThis.__swark!.workspace.getState().flush());
  await page.reload();
  await expect(page.getByTestId('workspace-status')).toHaveAttribute('data-phase', 'ready', { timeout: 30_000 });
  await expect(page.locator(`.react-flow__node[data-id="${endless}"]`)).toBeVisible();
  await expect(page.getByTestId('run-button')).toBeEnabled();
  await expect(page.getByTestId('cancel-button')).toBeDisabled();
  // The page answers at once: a click on a node selects it (one in full view: a fit at 100 % may
  // leave the graph's edges under the side panels).
  const shown = await page.evaluate(
    () =>
      [...document.querySelectorAll<HTMLElement>('.react-flow__node')].find((node) => {
        const box = node.getBoundingClientRect();
        return node.contains(document.elementFromPoint(box.x + box.width / 2, box.y + 12)) && node.contains(document.elementFromPoint(box.x + 8, box.y + 12));
      })?.dataset.id,
  );
  if (!shown) throw new Error('no node is in full view after the reload');
  const node = page.locator(`.react-flow__node[data-id="${shown}"]`);
  await node.click({ position: { x: 8, y: 12 } });
  await expect(node).toHaveClass(/selected/);
});

test('case 36: renaming and deleting nodes while a run is under way, then undoing past an import, never breaks the editor or the run history', async ({
  page,
}) => {
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(error.message));
  await openArithmetic(page);
  const endless = await addEndless(page);
  await page.getByTestId('run-button').click();
  await expect(page.locator(`[data-step-id="${endless}"]`)).toHaveAttribute('data-status', 'running');

  // During the run: rename one node, delete another (the running one included), undo and redo.
  await page.evaluate(() => globalThis.__swark!.graph.getState().setNodeLabel('add', 'sum of x and y'));
  await page.evaluate(() => globalThis.__swark!.graph.getState().deleteNodes(['k']));
  await page.evaluate((id) => globalThis.__swark!.graph.getState().deleteNodes([id]), endless);
  await page.evaluate(() => globalThis.__swark!.graph.getState().undo());
  await expect(page.locator('.react-flow__node')).toHaveCount(5);
  await page.getByTestId('cancel-button').click();
  await expect(page.getByTestId('run-button')).toBeEnabled();
  await expect(page.locator(`[data-step-id="${endless}"]`)).toHaveAttribute('data-status', 'cancelled');
  // The run recorded all six steps, k's included; the panel then drops the row of k, deleted
  // (the preview after the run removes rows of nodes gone), so it settles at the five on the canvas.
  await expect(page.getByTestId('run-history').locator('.history-counts').first()).toHaveText('5 ran · 1 cancelled');
  await expect(runRows(page)).toHaveCount(5);

  // A run of what is on the canvas now works, and history keeps both runs.
  await page.evaluate((id) => globalThis.__swark!.graph.getState().deleteNodes([id]), endless);
  await page.evaluate(() => globalThis.__swark!.graph.getState().undo());
  await page.evaluate((id) => globalThis.__swark!.graph.getState().deleteNodes([id]), endless);
  await page.getByTestId('run-button').click();
  await expect(page.getByTestId('cancel-button')).toBeDisabled({ timeout: 60_000 });
  await expect(runRows(page)).toHaveCount(4);
  const history = await page.evaluate(async () => {
    const { ports, graph } = globalThis.__swark!;
    return (await ports.listRuns(graph.getState().activeWorkflowId as string)).map((run) => run.outcome);
  });
  expect(history).toHaveLength(2);
  expect(history).not.toContain('running');

  // Undo past an import: the imported workflow's history starts with it, so undo stops there.
  const exported = await page.evaluate(() => globalThis.__swark!.graph.getState().exportWorkflow().text);
  await page.evaluate((text) => globalThis.__swark!.graph.getState().importWorkflow(text), exported);
  await expect(page.getByTestId('editor-notice')).toContainText('Imported');
  const importedNodes = await page.locator('.react-flow__node').count();
  for (let i = 0; i < 10; i++) await page.evaluate(() => globalThis.__swark!.graph.getState().undo());
  await expect(page.locator('.react-flow__node')).toHaveCount(importedNodes);
  await page.evaluate(() => globalThis.__swark!.graph.getState().redo());
  await page.getByTestId('run-button').click();
  await expect(page.getByTestId('cancel-button')).toBeDisabled({ timeout: 60_000 });
  expect(errors).toEqual([]);
});
