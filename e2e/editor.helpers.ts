import { expect, type Locator, type Page } from '@playwright/test';

export async function openEditor(page: Page, path = '/'): Promise<void> {
  await page.goto(path);
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
  const covering = await page.evaluate(
    ([px, py]) => {
      const hit = document.elementFromPoint(px as number, py as number);
      return hit?.closest('.react-flow__pane') && !hit.closest('.react-flow__node, .react-flow__minimap, .react-flow__controls, .react-flow__panel')
        ? null
        : (hit?.outerHTML.slice(0, 120) ?? 'nothing');
    },
    [box.x + x, box.y + y] as const,
  );
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
    .poll(
      async () => {
        const box = JSON.stringify(await locator.boundingBox());
        const same = box === last && box !== 'null';
        last = box;
        return same;
      },
      { intervals: [50, 100, 100, 200] },
    )
    .toBe(true);
  return JSON.parse(last) as { x: number; y: number; width: number; height: number };
}

/** The line under a node's title: its run status, or why the next run would run or skip it. */
export const statusLine = (page: Page, id: string) => node(page, id).getByTestId('node-status-line');

/**
 * Drags a wire from an output handle to an input handle with the mouse, once, as a person does:
 * press on the handle where it is, move in steps, end with moves on the input and let go there.
 * Each step is checked on the page (the pointer is on the handle; the press started a wire from it;
 * React Flow shows the wire over the input) so a drag that went wrong fails at that step, by name.
 *
 * The handles must hold still meanwhile. A node is laid out again when its preview lands, about
 * 150 ms after an edit or later on a busy machine: a longer status line widens the node and moves
 * its outputs. A press made where the handle was grabs the node instead and drags it away, so wait
 * for the status line you expect (see `statusLine`) before wiring from a node whose line will change.
 */
export async function wire(page: Page, from: string, output: string, to: string, field: string): Promise<void> {
  const source = node(page, from).locator(`.react-flow__handle.source[data-handleid="${output}"]`);
  const target = node(page, to).locator(`.react-flow__handle.target[data-handleid="${field}"]`);
  const start = centre(await settledBox(source));
  const end = centre(await settledBox(target));
  await page.mouse.move(start.x, start.y);
  await expectHandleAt(page, start, from, output);
  await page.mouse.down();
  await page.mouse.move(start.x + (end.x - start.x) / 8, start.y + (end.y - start.y) / 8);
  await expect(source, `pressing ${from}.${output} starts a wire from it`).toHaveClass(/\bconnectingfrom\b/);
  await page.mouse.move(end.x, end.y, { steps: 8 });
  // One more move on the input itself, so the last pointer event React Flow saw is over it.
  await page.mouse.move(end.x + 1, end.y);
  await page.mouse.move(end.x, end.y);
  await expect(target, `the wire is over ${to}.${field} before it is let go`).toHaveClass(/\bconnectingto\b/);
  await page.mouse.up();
}

const centre = (box: Box) => ({ x: box.x + box.width / 2, y: box.y + box.height / 2 });

/** Fails at once, naming what is there, unless the handle is what the pointer is over. */
async function expectHandleAt(page: Page, at: { x: number; y: number }, nodeId: string, handleId: string): Promise<void> {
  const hit = await page.evaluate(
    ([x, y]) => {
      const element = document.elementFromPoint(x as number, y as number);
      const handle = element?.closest('.react-flow__handle');
      return handle ? `${handle.getAttribute('data-nodeid')}.${handle.getAttribute('data-handleid')}` : (element?.outerHTML.slice(0, 120) ?? 'nothing');
    },
    [at.x, at.y] as const,
  );
  if (hit !== `${nodeId}.${handleId}`) throw new Error(`the pointer at ${nodeId}.${handleId} is over ${hit}`);
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

/** Drops the library component `name` from the palette at (x, y) of the pane. */
async function dropComponent(page: Page, name: string, x: number, y: number): Promise<void> {
  const before = await page.locator('.react-flow__node').count();
  await page.getByTestId(`palette-component-${name}`).dragTo(page.locator('.react-flow__pane'), { targetPosition: { x, y } });
  await expect(page.locator('.react-flow__node')).toHaveCount(before + 1);
}

/**
 * On `(x + y) * k` made into a component: two more instances of `name` from the palette, each wired
 * by mouse from x, y and k as the first one is (9 wires in all). Away from the pane's edges: a wire
 * dragged near one pans the view (React Flow's autoPanOnConnect).
 */
export async function placeTwoWiredInstances(page: Page, name: string): Promise<void> {
  const pane = await settledBox(page.locator('.react-flow__pane'));
  await dropComponent(page, name, pane.width * 0.3, pane.height - 230);
  await dropComponent(page, name, pane.width * 0.62, pane.height - 230);
  for (const id of ['component-2', 'component-3']) {
    await wire(page, 'x', 'value', id, 'a');
    await wire(page, 'y', 'value', id, 'b');
    await wire(page, 'k', 'value', id, 'factor');
  }
  await expect(page.locator('.react-flow__edge')).toHaveCount(9);
}
