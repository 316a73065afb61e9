import { expect, type Locator, type Page } from '@playwright/test';

export async function openEditor(page: Page): Promise<void> {
  await page.goto('/');
  await expect(page.getByTestId('palette')).toBeVisible();
  await expect(page.getByTestId('canvas')).toBeVisible();
}

/**
 * Drags a palette item onto the canvas pane at (x, y) relative to the pane, and waits for the new
 * node. The point must show bare pane (no node, minimap or controls over it), else the drop would
 * land on something else: that fails at once, naming what covers it, rather than hanging.
 */
export async function dropModel(page: Page, modelId: string, x: number, y: number): Promise<void> {
  const pane = page.locator('.react-flow__pane');
  const box = await pane.boundingBox();
  if (!box) throw new Error('the canvas pane is not visible');
  const covering = await page.evaluate(([px, py]) => {
    const hit = document.elementFromPoint(px as number, py as number);
    return hit?.closest('.react-flow__pane') && !hit.closest('.react-flow__node, .react-flow__minimap, .react-flow__controls, .react-flow__panel') ? null : (hit?.outerHTML.slice(0, 120) ?? 'nothing');
  }, [box.x + x, box.y + y] as const);
  if (covering) throw new Error(`drop point (${x}, ${y}) of the pane is covered by ${covering}`);
  const before = await page.locator('.react-flow__node').count();
  await page.getByTestId(`palette-item-${modelId}`).dragTo(pane, { targetPosition: { x, y } });
  await expect(page.locator('.react-flow__node')).toHaveCount(before + 1);
}

export const node = (page: Page, id: string) => page.locator(`.react-flow__node[data-id="${id}"]`);

/**
 * Where an element sits once it stops moving: a workflow that opens fits the view a frame or more
 * after its nodes appear, and a box read before that points at empty canvas.
 */
type Box = { x: number; y: number; width: number; height: number };

export async function settledBox(locator: Locator): Promise<Box> {
  let last = '';
  await expect
    .poll(async () => {
      const box = JSON.stringify(await locator.boundingBox());
      const same = box === last && box !== 'null';
      last = box;
      return same;
    }, { intervals: [50, 100, 100, 200] })
    .toBe(true);
  return JSON.parse(last) as { x: number; y: number; width: number; height: number };
}

/**
 * Drags from an output handle to an input handle with the mouse, in steps, ending with moves on
 * the target handle, so React Flow has the pointer over it when the button is released.
 */
export async function wire(page: Page, from: string, output: string, to: string, field: string): Promise<void> {
  const source = node(page, from).locator(`.react-flow__handle.source[data-handleid="${output}"]`);
  const target = node(page, to).locator(`.react-flow__handle.target[data-handleid="${field}"]`);
  const edges = page.locator('.react-flow__edge');
  const before = await edges.count();
  // On a loaded machine a pointer drag now and then ends before React Flow has seen it start; a
  // person would simply drag again, so more attempts are made when no edge (and no refusal) came of it.
  for (let attempt = 0; attempt < 3; attempt++) {
    // Stepped pointer moves first; Playwright's own dragTo on the retries (a second way to the same gesture).
    if (attempt === 0) await dragBetween(page, await settledBox(source), await settledBox(target));
    else await source.dragTo(target, { force: true });
    const refused = page.getByTestId('editor-notice');
    const landed = await expect
      .poll(async () => (await edges.count()) !== before || (await refused.isVisible()), { timeout: 3_000 })
      .toBe(true)
      .then(() => true, () => false);
    if (landed) return;
  }
}

async function dragBetween(page: Page, a: Box, b: Box): Promise<void> {
  await page.mouse.move(a.x + a.width / 2, a.y + a.height / 2);
  await page.mouse.down();
  const end = { x: b.x + b.width / 2, y: b.y + b.height / 2 };
  await page.mouse.move(end.x, end.y, { steps: 8 });
  // One more move on the handle itself, so the last pointer event React Flow saw is over it.
  await page.mouse.move(end.x + 1, end.y);
  await page.mouse.move(end.x, end.y);
  await page.mouse.up();
}

/** The editor's own message (a refused connection, an import result), apart from the run panel's. */
export const editorNotice = (page: Page) => page.getByTestId('editor-notice');

export async function selectNode(page: Page, id: string): Promise<void> {
  await node(page, id).locator('.model-node-header').click();
  await expect(page.getByTestId('inspector').getByTestId('node-label')).toBeVisible();
}

export async function nodeIds(page: Page): Promise<string[]> {
  return (await page.locator('.react-flow__node').evaluateAll((els) => els.map((el) => el.getAttribute('data-id') ?? ''))).sort();
}
