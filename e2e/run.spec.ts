import { test, expect, type Page } from '@playwright/test';
import { openArithmetic } from './run.helpers';
import type { JsonValue } from '../src/engine';

// The graph is built through the editor's own store (template "arithmetic" = (x + y) * k with 2, 3, 4),
// so these tests exercise running, not dragging (the editor's specs test dragging).

const ORDER = ['x', 'y', 'k', 'add', 'multiply'];

const setParam = (page: Page, node: string, field: string, value: JsonValue) =>
  page.evaluate(({ n, f, v }) => globalThis.__swark!.graph.getState().updateNodeParam(n, f, v as JsonValue), { n: node, f: field, v: value as unknown });

/** Adds a code.javascript node fed by `source`'s output; returns its id. */
const addCode = (page: Page, code: string, source: { node: string; output: string }) =>
  page.evaluate(
    ([body, from, output]) => {
      const graph = globalThis.__swark!.graph.getState();
      const id = graph.addNode('code.javascript', { x: 900, y: 200 });
      graph.updateNodeParam(id, 'code', body);
      graph.updateNodeParam(id, 'timeoutMs', 600000);
      if (!graph.connect({ source: from as string, sourceHandle: output as string, target: id, targetHandle: 'a' }))
        throw new Error('could not connect the code node');
      return id;
    },
    [code, source.node, source.output] as const,
  );

async function run(page: Page, button: 'run-button' | 'rerun-button' = 'run-button') {
  await page.getByTestId(button).click();
  await expect(page.getByTestId('cancel-button')).toBeDisabled();
}

async function expectStatuses(page: Page, expected: Record<string, string>) {
  for (const [id, status] of Object.entries(expected)) {
    await expect(page.locator(`[data-testid^="step-row-"][data-step-id="${id}"]`)).toHaveAttribute('data-status', status);
  }
}
const all = (status: string) => Object.fromEntries(ORDER.map((id) => [id, status]));
const expectResult = (page: Page, value: number) => expect(page.getByTestId('state-slot-multiply.product')).toContainText(String(value));

test.describe('Running (x + y) * k', () => {
  test('runs all, then skips all, then reruns only what a changed k needs', async ({ page }) => {
    await openArithmetic(page);
    await run(page);
    await expectStatuses(page, all('ran'));
    // Rows follow execution order: each step after the steps it reads from.
    const order = await Promise.all(ORDER.map((_, index) => page.getByTestId(`step-row-${index}`).getAttribute('data-step-id')));
    expect([...order].sort()).toEqual([...ORDER].sort());
    expect(order.indexOf('add')).toBeGreaterThan(Math.max(order.indexOf('x'), order.indexOf('y')));
    expect(order.indexOf('multiply')).toBe(4);
    await expectResult(page, 20);
    await expect(page.getByTestId('node-multiply')).toHaveAttribute('data-status', 'ran');

    await run(page);
    await expectStatuses(page, all('skipped'));
    await expectResult(page, 20);
    await expect(page.getByTestId('node-multiply')).toHaveAttribute('data-status', 'skipped');

    await setParam(page, 'k', 'value', 5);
    await run(page);
    await expectStatuses(page, { x: 'skipped', y: 'skipped', add: 'skipped', k: 'ran', multiply: 'ran' });
    await expectResult(page, 25);
    await page.locator('[data-step-id="multiply"]').click();
    await expect(page.getByTestId('extract-output')).toContainText('25');
    await expect(page.getByTestId('extract-diff')).toContainText('factor');
    await expect(page.getByTestId('run-history').locator('li')).toHaveCount(3);
  });

  test('"Use cache" off: Rerun on the immutable state says what to do, and the mutable rerun runs all', async ({ page }) => {
    await openArithmetic(page);
    await run(page);
    await page.getByTestId('toggle-use-extracts').uncheck();
    await run(page, 'rerun-button');
    await expect(page.getByRole('alert')).toContainText('immutable');
    await page.getByRole('button', { name: 'Make state mutable and rerun' }).click();
    await expect(page.getByTestId('toggle-mutable-state')).toBeChecked();
    await expectStatuses(page, all('ran'));
    await expectResult(page, 20);
  });

  // "Update cache" off: e2e/run-truth.spec.ts (the run's own values everywhere, the cached ones on request).

  test('a failing code.javascript step shows its error and the later steps do not run', async ({ page }) => {
    await openArithmetic(page);
    const failing = await addCode(page, 'throw new Error("the answer is wrong: " + a);', { node: 'multiply', output: 'product' });
    const after = await addCode(page, 'return a;', { node: failing, output: 'result' });
    await run(page);
    await expectStatuses(page, { ...all('ran'), [failing]: 'error', [after]: 'not-run' });
    await expect(page.getByRole('alert').first()).toContainText('the answer is wrong: 20');
    await expect(page.getByTestId(`node-${failing}`)).toHaveAttribute('data-status', 'error');
  });

  test('case 24: Cancel ends an endless code step at once and the page stays usable', async ({ page }) => {
    await openArithmetic(page);
    const endless = await addCode(page, 'while (true) {}', { node: 'multiply', output: 'product' });
    await page.getByTestId('run-button').click();
    await expect(page.locator(`[data-step-id="${endless}"]`)).toHaveAttribute('data-status', 'running');
    await page.getByTestId('cancel-button').click();
    await expect(page.locator(`[data-step-id="${endless}"]`)).toHaveAttribute('data-status', 'cancelled');
    await expect(page.getByTestId('run-button')).toBeEnabled();
    await page.evaluate((id) => globalThis.__swark!.graph.getState().deleteNodes([id]), endless);
    await run(page);
    await expectStatuses(page, all('skipped'));
    await expectResult(page, 20);
  });

  test('after a reload, Run skips every step', async ({ page }) => {
    await openArithmetic(page);
    await run(page);
    await expectStatuses(page, all('ran'));
    // Let the workspace finish its save before the page goes away.
    await page.waitForTimeout(1500);
    await page.reload();
    await page.waitForFunction(() => !!globalThis.__swark?.graph);
    await run(page);
    await expectStatuses(page, all('skipped'));
    await expectResult(page, 20);
  });
});
