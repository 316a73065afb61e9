import { expect, test, type Page } from '@playwright/test';
import { openArithmetic } from './run.helpers';

// Numbers JSON cannot hold (-0, NaN, ±Infinity) cross every boundary as themselves and are shown
// as values: into and out of the JavaScript sandbox, in the output viewer and the node's line.

const addCode = (page: Page, code: string, source: { node: string; handle: string }, x: number) =>
  page.evaluate(
    ({ body, from, at }) => {
      const graph = globalThis.__swark!.graph.getState();
      const id = graph.addNode('code.javascript', { x: at, y: 200 });
      graph.updateNodeParam(id, 'code', body);
      if (!graph.connect({ source: from.node, sourceHandle: from.handle, target: id, targetHandle: 'a' })) throw new Error('could not connect the code node');
      return id;
    },
    { body: code, from: source, at: x },
  );

const row = (page: Page, id: string) => page.locator(`[data-testid^="step-row-"][data-step-id="${id}"]`);

test('-0 wired into a JavaScript node arrives as -0, and Infinity, NaN, -0 in a list are shown as values', async ({ page }) => {
  await openArithmetic(page);
  const zero = await addCode(page, 'return -0 * a;', { node: 'multiply', handle: 'product' }, 900);
  const probe = await addCode(page, 'return [Object.is(a, -0), 1 / a, -1 / a, 0 / 0, a];', { node: zero, handle: 'result' }, 1100);
  await page.getByTestId('run-button').click();
  await expect(row(page, probe)).toHaveAttribute('data-status', 'ran', { timeout: 60_000 });
  await expect(row(page, zero)).toContainText('-0');
  await row(page, probe).click();
  const output = page.getByTestId('extract-output');
  await expect(output.locator('.json-tree')).toContainText('true');
  const leaves = output.locator('.json-tree li li');
  await expect(leaves).toHaveText(['0: true', '1: -Infinity', '2: Infinity', '3: NaN', '4: -0']);
  await expect(output).not.toContainText('$swark');
});
