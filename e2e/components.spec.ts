/**
 * Components (issue 15), driven as a person would: two nodes selected with the mouse become one
 * component from their right-click menu; the palette's "Components" section places it twice more;
 * a run runs the inner steps one by one (listed under each component in the run panel), a second run
 * skips them all; "Expand component" puts the nodes back.
 */
import { test, expect, type Page } from '@playwright/test';
import AxeBuilder from '@axe-core/playwright';
import { node, placeTwoWiredInstances, settledBox } from './editor.helpers';

const SHOTS = process.env.SHOTS_DIR;

/** Drags the palette's component `name` onto bare pane at (x, y) of the pane; waits for the new node. */
const row = (page: Page, stepId: string) => page.locator(`.run-step[data-step-id="${stepId}"]`);

test('make a component from two nodes, use it twice from the palette, run (inner steps cached one by one), run again (all skipped), expand it', async ({
  page,
}) => {
  await page.goto('/?testHooks');
  await expect(page.getByTestId('palette')).toBeVisible();
  await page.getByTestId('new-from-template').selectOption('arithmetic');
  await expect(page.locator('.react-flow__node-model')).toHaveCount(5);
  await expect(page.getByTestId('palette-components')).toHaveCount(0);

  // Select add and multiply (click, Ctrl+click), then "Make component" from the right-click menu.
  await settledBox(node(page, 'multiply'));
  await node(page, 'add').click();
  await node(page, 'multiply').click({ modifiers: ['Control'] });
  await node(page, 'multiply').click({ button: 'right' });
  await page.getByTestId('menu-make-component').click();
  const instance = node(page, 'component');
  await expect(instance).toBeVisible();
  await expect(page.locator('.react-flow__node-model')).toHaveCount(4);
  await expect(instance.locator('.model-node-model')).toHaveText('Component · 2 steps');
  // Its ports are the three wires that crossed the selection's border (x → a, y → b, k → factor).
  await expect(instance.locator('.react-flow__handle.target')).toHaveCount(3);
  await expect(page.locator('.react-flow__edge')).toHaveCount(3);

  // The library shows it in the palette; two more instances from there, wired by mouse.
  const entry = page.getByTestId('palette-component-Component 1');
  await expect(entry).toBeVisible();
  // Room to work: the bottom dock folds away while the two are placed and wired.
  await page.getByTestId('dock-toggle').click();
  await placeTwoWiredInstances(page, 'Component 1');
  if (SHOTS) await page.screenshot({ path: `${SHOTS}/components-canvas.png` });
  await page.getByTestId('dock-toggle').click();
  if (SHOTS) {
    await instance.screenshot({ path: `${SHOTS}/component-node.png` });
    await page.getByTestId('palette-components').screenshot({ path: `${SHOTS}/palette-components.png` });
  }

  // Run: each inner step runs on its own, listed under its component; the second run skips them all.
  await page.getByTestId('run-button').click();
  for (const id of ['component', 'component-2', 'component-3'])
    for (const inner of ['add', 'multiply']) await expect(row(page, `${id}/${inner}`)).toHaveAttribute('data-status', 'ran');
  await expect(page.getByTestId('run-group-component')).toContainText('component · 2 steps');
  await expect(page.getByTestId('run-group-component').locator('.run-step')).toHaveCount(2);
  await expect(row(page, 'component/multiply').getByTestId('step-result')).toContainText('20');
  await expect(instance.getByTestId('node-result')).toContainText('20');
  // Selected, an instance points to its inner steps for values (it holds none itself), and its
  // inspector lists them with their status, inside the panel's margins.
  await instance.click();
  await expect(page.getByTestId('component-inspector')).toContainText('component of 2 steps');
  const pill = page.getByTestId('component-inspector').locator('.component-steps .status-pill').first();
  await expect(pill).toHaveText('ran');
  const [pillBox, titleBox] = [await pill.boundingBox(), await page.getByTestId('component-inspector').getByTestId('node-label').boundingBox()];
  expect(pillBox?.x ?? 0).toBeGreaterThanOrEqual((titleBox?.x ?? 0) - 1);
  await expect(page.locator('.run-col-wide')).toContainText('is a component: its 2 steps run and are cached one by one');
  if (SHOTS) await page.screenshot({ path: `${SHOTS}/component-run.png` });
  const axe = await new AxeBuilder({ page }).include('[data-testid="canvas"]').include('[data-testid="palette"]').include('.run-steps').analyze();
  expect(axe.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);

  await page.getByTestId('run-button').click();
  await expect(row(page, 'component/add')).toHaveAttribute('data-status', 'skipped');
  await expect(page.locator('.run-step')).toHaveCount(9);
  await expect(page.locator('.run-step[data-status="skipped"]')).toHaveCount(9);

  // Expand the first one: its two nodes come back (ids <instance>/<inner>), wired as before.
  await instance.click({ button: 'right' });
  await page.getByTestId('menu-expand-component').click();
  await expect(node(page, 'component')).toHaveCount(0);
  await expect(node(page, 'component/add')).toBeVisible();
  await expect(node(page, 'component/multiply')).toBeVisible();
  await expect(page.locator('.react-flow__node-model')).toHaveCount(7);
  // Undo brings the component back.
  await page.locator('.react-flow__pane').click({ position: { x: 40, y: 40 } });
  await page.keyboard.press('Control+z');
  await expect(node(page, 'component')).toBeVisible();
});

test('Ctrl+Shift+G makes a component of the selection, and expands a selected one; the help lists it', async ({ page }) => {
  await page.goto('/?testHooks');
  await page.getByTestId('new-from-template').selectOption('arithmetic');
  await expect(page.locator('.react-flow__node-model')).toHaveCount(5);
  await settledBox(node(page, 'multiply'));
  await node(page, 'add').click();
  await node(page, 'multiply').click({ modifiers: ['Control'] });
  await page.keyboard.press('Control+Shift+G');
  await expect(node(page, 'component')).toBeVisible();
  await page.keyboard.press('Control+Shift+G');
  await expect(node(page, 'component/add')).toBeVisible();
  // One node is not a component: the refusal says what to do.
  await node(page, 'x').click();
  await page.keyboard.press('Control+Shift+G');
  await expect(page.getByText('Select two or more nodes to make a component')).toBeVisible();
  await page.locator('.react-flow__pane').click({ position: { x: 40, y: 40 } });
  await page.keyboard.press('?');
  await expect(page.getByRole('dialog')).toContainText('Make a component of the selected nodes');
});
