import { expect, test, type Locator, type Page } from '@playwright/test';
import { node, selectNode, settledBox } from './editor.helpers';
import { newWeatherWorkflow, openArithmetic } from './run.helpers';

type Box = { x: number; y: number; width: number; height: number };
const centreOf = (box: Box) => ({ x: box.x + box.width / 2, y: box.y + box.height / 2 });

/** How far the node's centre is from the canvas pane's centre, once the view stops moving. */
async function offCentre(page: Page, target: Locator): Promise<number> {
  const pane = centreOf(await settledBox(page.locator('.react-flow__pane')));
  const at = centreOf(await settledBox(target));
  return Math.hypot(at.x - pane.x, at.y - pane.y);
}

/** The canvas zoom, read from React Flow's viewport transform. */
async function zoom(page: Page): Promise<number> {
  const transform = await page.locator('.react-flow__viewport').evaluate((el) => getComputedStyle(el).transform);
  return Number(/matrix\(([^,]+)/.exec(transform)?.[1] ?? 'NaN');
}

const overlaps = (a: Box, b: Box) => a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;

test.describe('When a person finds their way around the canvas', () => {
  test('Ctrl+F finds nodes by title, model or slot and centres each match; Enter cycles, Esc closes', async ({ page }) => {
    await openArithmetic(page);
    await expect(page.locator('.react-flow__node')).toHaveCount(5);
    await page.locator('.react-flow__pane').click({ position: { x: 20, y: 20 } });
    await page.keyboard.press('Control+f');
    const input = page.getByRole('searchbox', { name: 'Find nodes by title, model or slot' });
    await expect(input).toBeFocused();

    await page.keyboard.type('add.sum');
    await expect(page.getByTestId('find-count')).toHaveText('1 of 1');
    await expect(node(page, 'add')).toHaveClass(/\bselected\b/);
    await expect.poll(() => offCentre(page, node(page, 'add'))).toBeLessThan(24);

    await input.fill('');
    await page.keyboard.type('number');
    await expect(page.getByTestId('find-count')).toHaveText('1 of 3');
    await expect.poll(() => offCentre(page, node(page, 'x'))).toBeLessThan(24);
    await page.keyboard.press('Enter');
    await expect(page.getByTestId('find-count')).toHaveText('2 of 3');
    await expect(node(page, 'y')).toHaveClass(/\bselected\b/);
    await expect.poll(() => offCentre(page, node(page, 'y'))).toBeLessThan(24);
    await page.keyboard.press('Shift+Enter');
    await expect(page.getByTestId('find-count')).toHaveText('1 of 3');
    await page.screenshot({ path: test.info().outputPath('find.png') });

    await input.fill('nothing called so');
    await expect(page.getByTestId('find-count')).toHaveText('No match');
    await page.keyboard.press('Escape');
    await expect(page.getByTestId('find-bar')).toHaveCount(0);
  });

  test('"Zoom to selection" (button or Shift+2) brings the selected node to the centre, larger', async ({ page }) => {
    await openArithmetic(page);
    await expect(page.locator('.react-flow__node')).toHaveCount(5);
    const button = page.getByRole('button', { name: 'Zoom to selection' });
    await expect(button).toBeDisabled();
    const before = await settledBox(node(page, 'k'));
    await selectNode(page, 'k');
    await button.click();
    await expect.poll(() => offCentre(page, node(page, 'k'))).toBeLessThan(24);
    expect((await settledBox(node(page, 'k'))).width).toBeGreaterThan(before.width * 1.2);

    await page.locator('.react-flow__controls-fitview').click();
    await expect.poll(() => zoom(page)).toBeLessThan(1.25);
    await selectNode(page, 'multiply');
    await page.keyboard.press('Shift+Digit2');
    await expect.poll(() => offCentre(page, node(page, 'multiply'))).toBeLessThan(24);
  });

  test('the example opens fitted at 100 %: every node in view, none under the minimap or the zoom controls', async ({ page }) => {
    await openArithmetic(page);
    const nodes = page.locator('.react-flow__node');
    await expect(nodes).toHaveCount(5);
    await settledBox(nodes.last());
    expect(await zoom(page)).toBeGreaterThanOrEqual(1);
    const pane = await settledBox(page.locator('.react-flow__pane'));
    const minimap = await settledBox(page.locator('.react-flow__minimap'));
    const controls = await settledBox(page.locator('.react-flow__controls'));
    for (const box of await nodes.evaluateAll((els) => els.map((el) => el.getBoundingClientRect().toJSON() as Box))) {
      expect(box.x >= pane.x && box.y >= pane.y && box.x + box.width <= pane.x + pane.width && box.y + box.height <= pane.y + pane.height).toBe(true);
      expect(overlaps(box, minimap)).toBe(false);
      expect(overlaps(box, controls)).toBe(false);
    }
  });

  test('a template too wide for 100 % at 1440 × 900 opens at its start: its first step whole at the left, readable', async ({ page }) => {
    await newWeatherWorkflow(page);
    const nodes = page.locator('.react-flow__node');
    await settledBox(nodes.last());
    expect(await zoom(page)).toBeGreaterThanOrEqual(1);
    const pane = await settledBox(page.locator('.react-flow__pane'));
    const boxes = await nodes.evaluateAll((els) => els.map((el) => el.getBoundingClientRect().toJSON() as Box));
    const first = boxes.reduce((left, box) => (box.x < left.x ? box : left));
    // The first step is whole and near the left edge (not centred with it cut off), and the graph goes on to the right.
    expect(first.x).toBeGreaterThanOrEqual(pane.x);
    expect(first.x - pane.x).toBeLessThan(40);
    expect(first.y).toBeGreaterThanOrEqual(pane.y);
    expect(first.y + first.height).toBeLessThanOrEqual(pane.y + pane.height);
    expect(Math.max(...boxes.map((box) => box.x + box.width))).toBeGreaterThan(pane.x + pane.width);
    await expect(node(page, 'sample')).toBeInViewport({ ratio: 1 });
  });

  for (const count of [7, 12]) {
    test(`after Layout, a ${count}-node graph at 1440 × 900 keeps node text at 12 px or more and no node under the minimap`, async ({ page }) => {
      await openArithmetic(page);
      await expect(page.locator('.react-flow__node')).toHaveCount(5);
      // A chain of number steps after the example's multiply, as a person would add them.
      await page.evaluate((extra) => {
        const graph = globalThis.__swark!.graph;
        let last = { nodeId: 'multiply', handle: 'product' };
        for (let i = 0; i < extra; i++) {
          const id = graph
            .getState()
            .addWiredNode(i % 2 ? 'math.add' : 'math.multiply', { x: 900 + i * 40, y: 100 + i * 30 }, { ...last, from: 'output', port: i % 2 ? 'a' : 'value' });
          last = { nodeId: id, handle: i % 2 ? 'sum' : 'product' };
        }
      }, count - 5);
      await expect(page.locator('.react-flow__node')).toHaveCount(count);
      await page.getByTestId('auto-layout-button').click();
      await expect.poll(() => zoom(page)).toBeGreaterThanOrEqual(1);
      const nodes = page.locator('.react-flow__node');
      await settledBox(nodes.last());
      const scale = await zoom(page);
      const smallest = await page
        .locator('.model-node')
        .evaluateAll(
          (els, z) =>
            Math.min(
              ...els.flatMap((el) =>
                [...el.querySelectorAll('*')].filter((t) => t.textContent?.trim()).map((t) => parseFloat(getComputedStyle(t).fontSize) * (z as number)),
              ),
            ),
          scale,
        );
      expect(smallest).toBeGreaterThanOrEqual(12);

      const minimap = await settledBox(page.locator('.react-flow__minimap'));
      const controls = await settledBox(page.locator('.react-flow__controls'));
      for (const box of await nodes.evaluateAll((els) => els.map((el) => el.getBoundingClientRect().toJSON() as Box))) {
        expect(overlaps(box, minimap), `a node at ${JSON.stringify(box)} is under the minimap`).toBe(false);
        expect(overlaps(box, controls), `a node at ${JSON.stringify(box)} is under the zoom controls`).toBe(false);
      }
      await page.screenshot({ path: test.info().outputPath(`fit-${count}.png`) });
    });
  }
});
