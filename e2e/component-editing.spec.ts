/**
 * Editing a component's definition (issue 15), driven as a person would: two nodes become a component,
 * the palette places it twice more, a run; a double-click opens the definition (breadcrumb
 * `Workflow › Component 1`), a port's wire is deleted there (undo and redo inside), the field gets a
 * value in the inspector; back on the workflow the wires on the removed port are named, not dropped;
 * a run runs only the changed inner steps of every instance, a second skips all; Expand puts the
 * edited nodes back.
 */
import { test, expect, type Page } from '@playwright/test';
import { seriousViolations } from './axe.helpers';
import { node, placeTwoWiredInstances, settledBox, wire } from './editor.helpers';

const SHOTS = process.env.SHOTS_DIR;
const INPUTS = '⟨inputs⟩';
const OUTPUTS = '⟨outputs⟩';

const row = (page: Page, stepId: string) => page.locator(`.run-step[data-step-id="${stepId}"]`);
const edge = (page: Page, id: string) => page.locator(`.react-flow__edge[data-id="${id}"]`);

/** `(x + y) * k` with add and multiply made into "Component 1", placed twice more and wired alike. */
async function threeInstances(page: Page): Promise<void> {
  await page.goto('/?testHooks');
  await page.getByTestId('new-from-template').selectOption('arithmetic');
  await expect(page.locator('.react-flow__node-model')).toHaveCount(5);
  await settledBox(node(page, 'multiply'));
  await node(page, 'add').click();
  await node(page, 'multiply').click({ modifiers: ['Control'] });
  await node(page, 'multiply').click({ button: 'right' });
  await page.getByTestId('menu-make-component').click();
  await expect(node(page, 'component')).toBeVisible();
  await page.getByTestId('dock-toggle').click();
  await placeTwoWiredInstances(page, 'Component 1');
  await page.getByTestId('dock-toggle').click();
}

test('edit a component definition: every instance follows, only the changed inner steps run, a second run skips, expand', async ({ page }) => {
  await threeInstances(page);
  await page.getByTestId('run-button').click();
  for (const id of ['component', 'component-2', 'component-3']) await expect(row(page, `${id}/multiply`)).toHaveAttribute('data-status', 'ran');
  await expect(node(page, 'component').getByTestId('node-result')).toContainText('20');

  // Double-click the first instance: its definition opens on the canvas, with the breadcrumb back.
  await node(page, 'component').dblclick();
  const crumb = page.getByTestId('breadcrumb');
  await expect(crumb).toBeVisible();
  await expect(crumb.locator('ol')).toHaveText(/\(x \+ y\) \* k\s*Component 1/);
  await expect(page.getByTestId('breadcrumb-note')).toHaveText('Editing the definition · all 3 instances follow');
  await expect(page.locator('.react-flow__node')).toHaveCount(4);
  await expect(node(page, INPUTS).locator('.react-flow__handle.source')).toHaveCount(4); // a, b, factor and "+"
  // Inside, each node shows its inner step's last run in this instance.
  await expect(node(page, 'multiply').getByTestId('node-result')).toContainText('20');
  await settledBox(node(page, 'multiply'));
  if (SHOTS) await page.screenshot({ path: `${SHOTS}/definition-open.png` });
  expect(await seriousViolations(page, { include: ['[data-testid="canvas"]'] })).toEqual([]);

  // Take the factor port away: click its wire, Delete. Undo and redo work inside the definition.
  const factorWire = `${INPUTS}.factor->multiply.factor`;
  await edge(page, factorWire).click();
  await page.keyboard.press('Delete');
  await expect(edge(page, factorWire)).toHaveCount(0);
  await expect(node(page, INPUTS).locator('.react-flow__handle.source')).toHaveCount(3);
  await page.keyboard.press('Control+z');
  await expect(edge(page, factorWire)).toHaveCount(1);
  await expect(node(page, INPUTS).locator('.react-flow__handle.source')).toHaveCount(4);
  await page.keyboard.press('Control+y');
  await expect(edge(page, factorWire)).toHaveCount(0);
  // The field is free now: give it a value in the inspector.
  await node(page, 'multiply').click();
  await page.getByTestId('param-factor').fill('10');
  await page.getByTestId('param-factor').press('Tab');
  await expect(node(page, 'multiply')).toContainText('10');
  if (SHOTS) await page.screenshot({ path: `${SHOTS}/definition-edited.png` });

  // Back to the workflow by the breadcrumb: the three wires from k onto the gone port are kept and named.
  await page.getByTestId('breadcrumb-workflow').click();
  await expect(crumb).toHaveCount(0);
  await expect(page.locator('.react-flow__node-model')).toHaveCount(6);
  const notice = page.getByTestId('editor-notice');
  await expect(notice).toContainText('The edit of "Component 1" removed port "factor", which 3 wires use. They are kept, marked on the nodes');
  await expect(notice.getByRole('listitem')).toHaveText(['"k" → "Component 1".factor', '"k" → "Component 1 (2)".factor', '"k" → "Component 1 (3)".factor']);
  await expect(page.locator('.react-flow__edge')).toHaveCount(9);
  for (const id of ['component', 'component-2', 'component-3']) {
    await expect(node(page, id).getByTestId('node-gone-ports')).toHaveText('⚠ Port “factor” is gone');
    // The result shown is the old definition's: marked so until the next run.
    await expect(node(page, id).getByTestId('node-result')).toHaveClass(/is-old/);
  }
  if (SHOTS) await page.screenshot({ path: `${SHOTS}/definition-gone-port.png` });
  // Run says why it cannot run yet, in words.
  await page.getByTestId('run-button').click();
  await expect(page.getByText('has a wire on port "factor", which its component no longer has')).toBeVisible();

  // Delete k (its wires go with it) and run: in every instance add is skipped (same input), multiply runs.
  await node(page, 'k').click();
  await page.keyboard.press('Delete');
  await expect(page.locator('.react-flow__edge')).toHaveCount(6);
  await expect(notice).toHaveCount(0);
  await page.getByTestId('run-button').click();
  for (const id of ['component', 'component-2', 'component-3']) {
    await expect(row(page, `${id}/multiply`)).toHaveAttribute('data-status', 'ran');
    await expect(row(page, `${id}/add`)).toHaveAttribute('data-status', 'skipped');
  }
  await expect(node(page, 'component').getByTestId('node-result')).toContainText('50');
  await expect(node(page, 'component-3').getByTestId('node-result')).toContainText('50');
  if (SHOTS) await page.screenshot({ path: `${SHOTS}/definition-run.png` });
  // A second run skips every inner step.
  await page.getByTestId('run-button').click();
  // x, y and the six inner steps.
  await expect(page.locator('.run-step')).toHaveCount(8);
  await expect(page.locator('.run-step[data-status="skipped"]')).toHaveCount(8);

  // Expand one: the edited nodes come back (factor 10), wired as the instance was.
  await node(page, 'component-2').click({ button: 'right' });
  await page.getByTestId('menu-expand-component').click();
  await expect(node(page, 'component-2/multiply')).toBeVisible();
  await expect(node(page, 'component-2/multiply')).toContainText('10');
  await expect(node(page, 'component-2')).toHaveCount(0);
});

test('Enter or "Edit definition" opens it, Alt+↑ goes back; a wire to "+ add port" adds a port every instance shows', async ({ page }) => {
  await threeInstances(page);
  await node(page, 'component-3').click();
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('breadcrumb')).toBeVisible();
  // Wire add's sum to the outputs node's "+": a new output port "sum".
  await wire(page, 'add', 'sum', OUTPUTS, '+');
  await expect(node(page, OUTPUTS).locator('.react-flow__handle.target[data-handleid="sum"]')).toHaveCount(1);
  // The Inputs node, dragged 128 px down (on screen), is there again when the definition opens next time.
  const inputsAt = () => page.evaluate((id) => globalThis.__swark!.graph.getState().nodes.find((n) => n.id === id)?.position ?? null, INPUTS);
  const before = await inputsAt();
  const box = await settledBox(node(page, INPUTS));
  await page.mouse.move(box.x + box.width / 2, box.y + 12);
  await page.mouse.down();
  await page.mouse.move(box.x + box.width / 2, box.y + 12 + 128, { steps: 8 });
  await page.mouse.up();
  await expect.poll(async () => ((await inputsAt())?.y ?? 0) - (before?.y ?? 0)).toBeGreaterThan(64);
  const moved = await inputsAt();
  await page.keyboard.press('Alt+ArrowUp');
  await expect(page.getByTestId('breadcrumb')).toHaveCount(0);
  for (const id of ['component', 'component-2', 'component-3'])
    await expect(node(page, id).locator('.react-flow__handle.source[data-handleid="sum"]')).toHaveCount(1);
  // The right-click menu opens it too; the palette's × deletes it from the library after a question.
  await node(page, 'component').click({ button: 'right' });
  await page.getByTestId('menu-edit-component').click();
  await expect(page.getByTestId('breadcrumb')).toBeVisible();
  expect(await inputsAt()).toEqual(moved);
  await page.getByTestId('breadcrumb-workflow').click();
  page.once('dialog', (dialog) => {
    expect(dialog.message()).toContain('It is used in “(x + y) * k” (3)');
    void dialog.accept();
  });
  await page.getByTestId('palette-component-Component 1').hover();
  await page.getByTestId('palette-component-delete-Component 1').click();
  await expect(page.getByTestId('palette-components')).toHaveCount(0);
  await expect(page.getByTestId('editor-notice')).toContainText('Deleted component "Component 1" from the library; its 3 instances stay');
});
