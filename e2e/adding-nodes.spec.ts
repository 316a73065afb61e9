import { expect, test, type Page } from '@playwright/test';
import { editorNotice, node, openEditor, settledBox } from './editor.helpers';
import { openArithmetic } from './run.helpers';

const search = (page: Page) => page.getByRole('dialog', { name: 'Add a node' });
const edge = (page: Page, id: string) => page.getByTestId(`rf__edge-${id}`);

/** The top-left-most screen point with a node's room (230 × 130) of bare canvas right and below it. */
async function roomyPoint(page: Page) {
  const found = await page.evaluate(() => {
    const pane = document.querySelector('.react-flow__pane')?.getBoundingClientRect();
    if (!pane) return null;
    const bare = (x: number, y: number) => document.elementFromPoint(x, y)?.classList.contains('react-flow__pane') ?? false;
    for (let y = pane.top + 20; y < pane.bottom - 140; y += 20)
      for (let x = pane.left + 20; x < pane.right - 240; x += 20)
        if ([0, 115, 230].every((dx) => [0, 65, 130].every((dy) => bare(x + dx, y + dy)))) return { x: x + 110, y: y + 40 };
    return null;
  });
  if (!found) throw new Error('no room left on the canvas');
  return found;
}

/** A point of bare canvas, relative to the pane's top-left. */
async function paneAt(page: Page, x: number, y: number) {
  const box = await page.locator('.react-flow__pane').boundingBox();
  if (!box) throw new Error('no canvas pane');
  return { x: box.x + x, y: box.y + y };
}

test.describe('When a person adds a node where they work', () => {
  test('a double-click on empty canvas opens the search there; typing filters, arrows and Enter choose, and the node lands at that point', async ({ page }) => {
    await openEditor(page);
    const at = await paneAt(page, 260, 160);
    await page.mouse.dblclick(at.x, at.y);
    await expect(search(page)).toBeVisible();
    const input = search(page).getByRole('combobox', { name: /search models to add/i });
    await expect(input).toBeFocused();
    const box = await search(page).boundingBox();
    expect(Math.abs((box?.x ?? 0) - at.x)).toBeLessThan(12);

    await page.keyboard.type('merge');
    await expect(search(page).getByRole('option').first()).toHaveAttribute('data-testid', 'node-search-option-table.join');
    await page.keyboard.press('Control+A');
    await page.keyboard.type('multiply');
    const options = search(page).getByRole('option');
    await expect(options.first()).toHaveAttribute('aria-selected', 'true');
    await page.keyboard.press('ArrowDown');
    await expect(options.nth(1)).toHaveAttribute('aria-selected', 'true');
    await expect(input).toHaveAttribute('aria-activedescendant', (await options.nth(1).getAttribute('id')) ?? '');
    await page.keyboard.press('ArrowUp');
    const chosen = (await options.first().getAttribute('data-testid'))?.replace('node-search-option-', '');
    await page.screenshot({ path: test.info().outputPath('search.png') });
    await page.keyboard.press('Enter');

    await expect(search(page)).toHaveCount(0);
    const added = page.locator(`.react-flow__node:has([data-model="${chosen}"])`);
    await expect(added).toHaveCount(1);
    const placed = await settledBox(added);
    expect(Math.abs(placed.x + 100 - at.x)).toBeLessThan(40);
    expect(Math.abs(placed.y + 30 - at.y)).toBeLessThan(40);
  });

  test('Space with the pointer over the canvas opens the search; Esc closes it and nothing is added', async ({ page }) => {
    await openEditor(page);
    const before = await page.locator('.react-flow__node').count();
    const at = await paneAt(page, 400, 200);
    await page.mouse.move(at.x, at.y);
    await page.keyboard.press('Space');
    await expect(search(page)).toBeVisible();
    await expect(search(page).getByRole('combobox')).toBeFocused();
    await page.keyboard.type('sort');
    await expect(search(page).getByRole('option').first()).toHaveAttribute('data-testid', 'node-search-option-table.sort');
    await page.keyboard.press('Escape');
    await expect(search(page)).toHaveCount(0);
    await expect(page.locator('.react-flow__node')).toHaveCount(before);
  });

  test('a wire dropped on empty canvas opens the search filtered to models that take its type, and the new node comes wired', async ({ page }) => {
    await openArithmetic(page);
    await expect(page.locator('.react-flow__node')).toHaveCount(5);
    const handle = node(page, 'multiply').locator('.react-flow__handle.source[data-handleid="product"]');
    const from = await settledBox(handle);
    const start = { x: from.x + from.width / 2, y: from.y + from.height / 2 };
    const pane = await page.locator('.react-flow__pane').boundingBox();
    if (!pane) throw new Error('no pane');
    const end = { x: Math.min(start.x + 160, pane.x + pane.width - 60), y: start.y + 10 };
    await page.mouse.move(start.x, start.y);
    await page.mouse.down();
    await page.mouse.move(start.x + 20, start.y, { steps: 2 });
    await expect(handle).toHaveClass(/\bconnectingfrom\b/);
    await page.mouse.move(end.x, end.y, { steps: 8 });
    await page.mouse.up();

    await expect(search(page)).toBeVisible();
    const input = search(page).getByRole('combobox', { name: /models that take a number/i });
    await expect(input).toBeFocused();
    await expect(search(page).getByTestId('node-search-option-math.add')).toBeVisible();
    await expect(search(page).getByTestId('node-search-option-table.filter')).toHaveCount(0);
    await expect(search(page).getByTestId('node-search-option-input.number')).toHaveCount(0);
    await page.keyboard.type('divide');
    await expect(search(page).getByRole('option')).toHaveCount(1);
    await page.screenshot({ path: test.info().outputPath('wire-search.png') });
    await page.keyboard.press('Enter');

    await expect(node(page, 'divide')).toBeVisible();
    await expect(edge(page, 'multiply.product->divide.dividend')).toBeAttached();
    const placed = await settledBox(node(page, 'divide'));
    expect(Math.abs(placed.x - end.x)).toBeLessThan(40);
  });

  test('a free node dropped onto a wire whose types fit goes in between; one that does not fit stays apart with a note', async ({ page }) => {
    await openArithmetic(page);
    await expect(page.locator('.react-flow__node')).toHaveCount(5);
    // Room for two more nodes: the bottom panel goes away.
    await page.getByTestId('dock-toggle').click();
    await expect(page.getByTestId('dock')).toHaveClass(/is-closed/);
    const wirePath = edge(page, 'add.sum->multiply.value').locator('path').first();
    // A point on the wire: the middle of its drawn path.
    const middle = await wirePath.evaluate((path: SVGPathElement) => {
      const point = path.getPointAtLength(path.getTotalLength() / 2);
      const matrix = path.getScreenCTM();
      return matrix ? { x: point.x * matrix.a + matrix.e, y: point.y * matrix.d + matrix.f } : null;
    });
    if (!middle) throw new Error('the wire has no position');

    // A text-formatting node does not fit a number wire.
    let far = await roomyPoint(page);
    await searchAt(page, far);
    await page.keyboard.type('format json');
    await page.keyboard.press('Enter');
    await expect(node(page, 'stringify')).toBeVisible();
    await dragHeaderTo(page, 'stringify', middle);
    await expect(editorNotice(page)).toContainText('none of its outputs gives a number');
    await expect(edge(page, 'add.sum->multiply.value')).toBeAttached();

    far = await roomyPoint(page);
    await searchAt(page, far);
    await page.keyboard.type('subtract');
    await page.keyboard.press('Enter');
    await dragHeaderTo(page, 'subtract', middle);
    await page.screenshot({ path: test.info().outputPath('inserted.png') });
    await expect(edge(page, 'add.sum->subtract.a')).toBeAttached();
    await expect(edge(page, 'subtract.difference->multiply.value')).toBeAttached();
    await expect(edge(page, 'add.sum->multiply.value')).toHaveCount(0);
    await expect(editorNotice(page)).toContainText('Put "subtract" on the wire from "add" to "multiply".');
  });
});

/** Double-clicks the canvas at `at` and waits for the search's field to take the focus (its code may still be loading). */
async function searchAt(page: Page, at: { x: number; y: number }) {
  await page.mouse.dblclick(at.x, at.y);
  await expect(search(page).getByRole('combobox')).toBeFocused();
}

/** Drags a node by its title bar so that its centre ends at `to`. */
async function dragHeaderTo(page: Page, id: string, to: { x: number; y: number }) {
  const header = node(page, id).locator('.model-node-header');
  const box = await settledBox(node(page, id));
  const grip = await settledBox(header);
  const start = { x: grip.x + grip.width / 2, y: grip.y + grip.height / 2 };
  const offset = { x: box.x + box.width / 2 - start.x, y: box.y + box.height / 2 - start.y };
  await page.mouse.move(start.x, start.y);
  await page.mouse.down();
  await page.mouse.move(to.x - offset.x, to.y - offset.y, { steps: 10 });
  await page.mouse.up();
}
