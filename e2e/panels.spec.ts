import { expect, test, type Page } from '@playwright/test';
import { openEditor, settledBox } from './editor.helpers';

/** Drags a separator by `dx`, `dy` with the mouse, as a person does (a quarter along it: its middle has the show/hide tab). */
async function dragBy(page: Page, testId: string, dx: number, dy: number) {
  const box = await settledBox(page.getByTestId(testId));
  const start = { x: box.x + box.width / 2, y: box.y + box.height / 4 };
  await page.mouse.move(start.x, start.y);
  await page.mouse.down();
  await page.mouse.move(start.x + dx / 2, start.y + dy / 2, { steps: 4 });
  await page.mouse.move(start.x + dx, start.y + dy, { steps: 4 });
  await page.mouse.up();
}

const width = async (page: Page, testId: string) => (await settledBox(page.getByTestId(testId))).width;

test.describe('When a person makes room on the screen', () => {
  test('the side panels collapse and resize, the dock resizes, and all of it survives a reload', async ({ page }) => {
    await openEditor(page);
    const paletteWidth = await width(page, 'palette-frame');
    const sideWidth = await width(page, 'side-frame');
    const canvasWidth = await width(page, 'canvas');

    // Wider inspector, narrower models column, shorter dock.
    await dragBy(page, 'side-resize', -80, 0);
    await expect.poll(() => width(page, 'side-frame')).toBeGreaterThan(sideWidth + 70);
    await dragBy(page, 'palette-resize', -40, 0);
    await expect.poll(() => width(page, 'palette-frame')).toBeLessThan(paletteWidth - 30);
    const dockHeight = (await settledBox(page.getByTestId('dock'))).height;
    await dragBy(page, 'dock-resize', 0, 100);
    await expect.poll(async () => (await settledBox(page.getByTestId('dock'))).height).toBeLessThan(dockHeight - 90);

    // The models column collapses to a rail; the canvas takes the room.
    const hide = page.getByRole('button', { name: 'Hide the models panel' });
    await expect(hide).toHaveAttribute('aria-expanded', 'true');
    await hide.click();
    await expect(page.getByTestId('palette')).toBeHidden();
    await expect(page.getByRole('button', { name: 'Show the models panel' })).toHaveAttribute('aria-expanded', 'false');
    await expect.poll(() => width(page, 'palette-frame')).toBeLessThan(40);
    await expect.poll(() => width(page, 'canvas')).toBeGreaterThan(canvasWidth);
    await page.screenshot({ path: test.info().outputPath('panels.png') });

    const before = {
      side: await width(page, 'side-frame'),
      dock: (await settledBox(page.getByTestId('dock'))).height,
    };
    // The sizes are saved with the workspace (the status bar says so), then the page reloads.
    await expect(page.getByTestId('save-status')).toHaveText(/^Saved/);
    await page.reload();
    await expect(page.getByTestId('canvas')).toBeVisible();
    await expect(page.getByRole('button', { name: 'Show the models panel' })).toBeVisible();
    await expect(page.getByTestId('palette')).toBeHidden();
    expect(Math.abs((await width(page, 'side-frame')) - before.side)).toBeLessThan(2);
    expect(Math.abs((await settledBox(page.getByTestId('dock'))).height - before.dock)).toBeLessThan(2);

    // Shown again from the rail, with the width it had.
    await page.getByRole('button', { name: 'Show the models panel' }).click();
    await expect(page.getByTestId('palette')).toBeVisible();
    await expect.poll(() => width(page, 'palette-frame')).toBeLessThan(paletteWidth - 30);
  });

  test('a panel edge resizes from the keyboard too', async ({ page }) => {
    await openEditor(page);
    const edge = page.getByRole('separator', { name: 'Resize the inspector panel' });
    const before = Number(await edge.getAttribute('aria-valuenow'));
    await edge.focus();
    await page.keyboard.press('ArrowLeft');
    await page.keyboard.press('ArrowLeft');
    await expect(edge).toHaveAttribute('aria-valuenow', String(before + 48));
  });
});
