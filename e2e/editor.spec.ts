import { readFile } from 'node:fs/promises';
import { test, expect, type Page } from '@playwright/test';
import { dropModel, editorNotice, node, nodeIds, openEditor, selectNode, settledBox, statusLine, wire } from './editor.helpers';
import { FORMAT_VERSION } from '../src/format/constants';

interface ExportedFile {
  format: string;
  version: number;
  name: string;
  workflow: { steps: { id: string; model: string; inputs: Record<string, string>; outputs: Record<string, string>; params?: Record<string, unknown> }[] };
  layout: Record<string, { x: number; y: number; label?: string }>;
}

test.describe('When a person builds (x + y) * k from the palette', () => {
  test('they drag, wire, edit, undo/redo, lay out, export, import and reload', async ({ page }) => {
    // The whole editing story in one test: at a load average of ~40 it outlasted the default 60 s.
    test.slow();
    const errors: string[] = [];
    page.on('console', (message) => {
      if (message.type() === 'error') errors.push(message.text());
    });
    await openEditor(page);

    // Three numbers, an add and a multiply, dropped where they should sit: each point clear of the
    // nodes before it, the controls (bottom left) and the minimap (bottom right) of the 870 × 457 pane.
    await dropModel(page, 'input.number', 140, 60);
    await dropModel(page, 'input.number', 140, 210);
    await dropModel(page, 'math.add', 410, 100);
    await dropModel(page, 'input.number', 410, 270);
    await dropModel(page, 'math.multiply', 640, 170);
    await expect(page.locator('.react-flow__node')).toHaveCount(5);
    expect(await nodeIds(page)).toEqual(['add', 'multiply', 'number', 'number-2', 'number-3']);
    await expect(node(page, 'add').locator('[data-model="math.add"]')).toHaveAttribute('data-status', /.+/);

    // Titles and values in the inspector.
    for (const [id, label, value] of [
      ['number', 'x', '2'],
      ['number-2', 'y', '3'],
      ['number-3', 'k', '4'],
    ] as const) {
      await selectNode(page, id);
      await page.getByTestId('node-label').fill(label);
      await page.getByTestId('param-value').fill(value);
      await expect(node(page, id).locator('.model-node-title')).toHaveText(label);
    }

    // Each wire changes the status line of the node it feeds, which can widen that node and move its
    // outputs: wiring from add and from multiply waits until their lines say why they will run.
    await wire(page, 'number', 'value', 'add', 'a');
    await wire(page, 'number-2', 'value', 'add', 'b');
    await expect(statusLine(page, 'add')).toHaveText('will run: nothing cached to reuse');
    await wire(page, 'add', 'sum', 'multiply', 'value');
    await wire(page, 'number-3', 'value', 'multiply', 'factor');
    await expect(page.locator('.react-flow__edge')).toHaveCount(4);
    await expect(statusLine(page, 'multiply')).toHaveText('will run: nothing cached to reuse');

    // A cycle is refused with a visible reason.
    await wire(page, 'multiply', 'product', 'add', 'a');
    await expect(editorNotice(page)).toContainText('cycle');
    await expect(editorNotice(page)).toHaveAttribute('role', 'alert');
    await expect(page.locator('.react-flow__edge')).toHaveCount(4);
    await page.getByRole('button', { name: 'Dismiss message' }).click();

    // The inspector shows where a wired field comes from.
    await selectNode(page, 'multiply');
    await expect(page.getByTestId('wired-value')).toHaveText('← add.sum');

    // Undo and redo a value edit.
    await selectNode(page, 'number-3');
    await page.getByTestId('param-value').fill('10');
    await page.getByTestId('node-label').click();
    await page.getByTestId('undo-button').click();
    await expect(page.getByTestId('param-value')).toHaveValue('4');
    await page.getByTestId('redo-button').click();
    await expect(page.getByTestId('param-value')).toHaveValue('10');

    // Undo a deletion from the keyboard.
    await node(page, 'add').locator('.model-node-header').click();
    await page.keyboard.press('Delete');
    await expect(page.locator('.react-flow__node')).toHaveCount(4);
    await expect(page.locator('.react-flow__edge')).toHaveCount(1);
    await page.keyboard.press('Control+z');
    await expect(page.locator('.react-flow__node')).toHaveCount(5);
    await expect(page.locator('.react-flow__edge')).toHaveCount(4);

    // Auto-layout puts every node in a layer to the right of its inputs.
    await page.getByTestId('auto-layout-button').click();
    await expect
      .poll(async () => {
        const x = async (id: string) => (await node(page, id).boundingBox())?.x ?? 0;
        return (await x('number')) < (await x('add')) && (await x('add')) < (await x('multiply'));
      })
      .toBe(true);

    // Export.
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-button').click()]);
    expect(download.suggestedFilename()).toBe('Untitled workflow.swark.json');
    const file = JSON.parse(await readFile(await download.path(), 'utf8')) as ExportedFile;
    expect(file.format).toBe('swark.workflow');
    expect(file.version).toBe(FORMAT_VERSION);
    expect(file.workflow.steps.map((s) => s.id)).toEqual(['number', 'number-2', 'add', 'number-3', 'multiply']);
    const byId = Object.fromEntries(file.workflow.steps.map((s) => [s.id, s]));
    expect(byId.add?.inputs).toEqual({ 'x.value': 'a', 'y.value': 'b' });
    expect(byId.multiply?.inputs).toEqual({ 'add.sum': 'value', 'k.value': 'factor' });
    expect(byId['number-3']?.params).toEqual({ value: 10 });
    expect(file.layout['number']?.label).toBe('x');

    // Import it as a new workflow: same graph.
    await page.getByTestId('import-input').setInputFiles({ name: 'sum.swark.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(file)) });
    await expect(editorNotice(page)).toContainText('Imported');
    await expect(editorNotice(page)).toHaveAttribute('role', 'status');
    await expect(page.getByTestId('workflow-list').locator('li')).toHaveCount(2);
    // The canvas opens the imported workflow afresh: its nodes are drawn a frame after the notice.
    await expect.poll(() => nodeIds(page)).toEqual(['add', 'multiply', 'number', 'number-2', 'number-3']);
    await expect(page.locator('.react-flow__edge')).toHaveCount(4);
    await expect(node(page, 'number-3').locator('.port-value')).toHaveText('10');
    const [again] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-button').click()]);
    const reexported = JSON.parse(await readFile(await again.path(), 'utf8')) as ExportedFile;
    expect(reexported.workflow).toEqual(file.workflow);
    expect(reexported.layout).toEqual(file.layout);

    // Reload keeps both workflows and the open graph.
    await page.waitForTimeout(1500);
    await page.reload();
    await expect(page.getByTestId('workflow-list').locator('li')).toHaveCount(2);
    await expect(page.locator('.react-flow__node')).toHaveCount(5);
    await expect(page.locator('.react-flow__edge')).toHaveCount(4);
    expect(errors).toEqual([]);
  });

  test('a second edge into an input replaces the first, and says so', async ({ page }) => {
    await openEditor(page);
    await page.getByTestId('new-from-template').selectOption('arithmetic');
    await expect(page.locator('.react-flow__node')).toHaveCount(5);
    // The first preview adds a status line to each node, moving its handles down.
    await expect(statusLine(page, 'k')).toBeVisible();
    await expect(statusLine(page, 'add')).toBeVisible();
    await wire(page, 'k', 'value', 'add', 'a');
    await expect(editorNotice(page)).toContainText('Replaced the edge into "add".a');
    await expect(editorNotice(page)).toHaveAttribute('role', 'status');
    await expect(page.locator('.react-flow__edge')).toHaveCount(4);
    await selectNode(page, 'add');
    await expect(page.getByTestId('wired-a')).toHaveText('← k.value');
  });

  test('copy and paste go through the system clipboard as JSON; Enter on a search result adds at the centre', async ({ page, context }) => {
    await context.grantPermissions(['clipboard-read', 'clipboard-write']);
    await openEditor(page);
    await page.getByTestId('palette-search').fill('multiply');
    await page.getByTestId('palette-search').press('Enter');
    await expect(page.locator('.react-flow__node')).toHaveCount(1);
    await node(page, 'multiply').locator('.model-node-header').click();
    await page.keyboard.press('Control+c');
    const copied = await page.evaluate(() => navigator.clipboard.readText());
    expect(JSON.parse(copied)).toMatchObject({ format: 'swark.fragment', nodes: [{ id: 'multiply', model: 'math.multiply' }] });
    await page.keyboard.press('Control+v');
    await expect(page.locator('.react-flow__node')).toHaveCount(2);
    await page.keyboard.press('Control+d');
    await expect(page.locator('.react-flow__node')).toHaveCount(3);
    expect(await nodeIds(page)).toEqual(['multiply', 'multiply-2', 'multiply-3']);
  });
});

test.describe('When a wire is let go on a handle that no pointer move reached', () => {
  // React Flow reads a wire's target on pointermove only. A release that no move saw over the handle
  // (it moved under a still pointer) is still answered: the editor looks at where the pointer let go.
  test('a refusing input says why, an accepting one takes the wire, and an output refuses with a reason', async ({ page }) => {
    await openEditor(page);
    await page.getByTestId('new-from-template').selectOption('arithmetic');
    await expect(page.locator('.react-flow__node')).toHaveCount(5);
    await expect(statusLine(page, 'multiply')).toBeVisible();
    await expect(statusLine(page, 'k')).toBeVisible();

    await releaseWithoutMoveOn(page, 'multiply', 'product', 'add', 'target', 'a');
    await expect(editorNotice(page)).toContainText('cycle');
    await expect(page.locator('.react-flow__edge')).toHaveCount(4);
    // Dismissed each time: the message sits over the canvas's top right and could cover a handle.
    await page.getByRole('button', { name: 'Dismiss message' }).click();

    await releaseWithoutMoveOn(page, 'k', 'value', 'add', 'target', 'a');
    await expect(editorNotice(page)).toContainText('Replaced the edge into "add".a');
    await expect(page.locator('.react-flow__edge')).toHaveCount(4);
    await selectNode(page, 'add');
    await expect(page.getByTestId('wired-a')).toHaveText('← k.value');
    await page.getByRole('button', { name: 'Dismiss message' }).click();

    // An output let go on another output joins nothing (it once became a hidden edge into "product").
    await releaseWithoutMoveOn(page, 'add', 'sum', 'multiply', 'source', 'product');
    await expect(editorNotice(page)).toContainText('Connect an output (right side) to an input (left side).');
    await expect(page.locator('.react-flow__edge')).toHaveCount(4);
    await selectNode(page, 'multiply');
    await expect(page.getByTestId('wired-value')).toHaveText('← add.sum');
  });
});

/**
 * Starts a wire from an output, moves it to bare canvas (React Flow then sees no handle), and lets
 * go on a handle with a pointerup that no pointermove preceded there.
 */
async function releaseWithoutMoveOn(page: Page, from: string, output: string, to: string, kind: 'source' | 'target', handleId: string): Promise<void> {
  const source = centreOf(await settledBox(node(page, from).locator(`.react-flow__handle.source[data-handleid="${output}"]`)));
  const target = centreOf(await settledBox(node(page, to).locator(`.react-flow__handle.${kind}[data-handleid="${handleId}"]`)));
  const bare = await bareCanvasPoint(page);
  await page.mouse.move(source.x, source.y);
  await page.mouse.down();
  await page.mouse.move(bare.x, bare.y, { steps: 4 });
  await expect(page.locator('.react-flow__connection')).toHaveCount(1);
  await expect(page.locator('.react-flow__handle.connectingto')).toHaveCount(0);
  await page.evaluate(([x, y]) => document.dispatchEvent(new MouseEvent('mouseup', { bubbles: true, clientX: x as number, clientY: y as number })), [
    target.x,
    target.y,
  ] as const);
  await expect(page.locator('.react-flow__connection')).toHaveCount(0);
  await page.mouse.up();
}

/**
 * A point of bare pane: no node or panel over it, no handle within 40 px (React Flow's connection
 * radius is 20), and 60 px inside the pane, clear of the 40 px band where a wire pans the view.
 */
async function bareCanvasPoint(page: Page): Promise<{ x: number; y: number }> {
  const point = await page.evaluate(() => {
    const pane = document.querySelector('.react-flow__pane')?.getBoundingClientRect();
    if (!pane) return null;
    const handles = [...document.querySelectorAll('.react-flow__handle')]
      .map((h) => h.getBoundingClientRect())
      .map((r) => ({ x: r.x + r.width / 2, y: r.y + r.height / 2 }));
    for (let y = pane.top + 60; y < pane.bottom - 60; y += 10) {
      for (let x = pane.left + 60; x < pane.right - 60; x += 10) {
        const hit = document.elementFromPoint(x, y);
        if (hit?.classList.contains('react-flow__pane') && handles.every((h) => Math.hypot(h.x - x, h.y - y) > 40)) return { x, y };
      }
    }
    return null;
  });
  if (!point) throw new Error('the canvas has no bare point');
  return point;
}

const centreOf = (box: { x: number; y: number; width: number; height: number }) => ({ x: box.x + box.width / 2, y: box.y + box.height / 2 });

test.describe('The screen at 1440 × 900', () => {
  test('the toolbar stays one row with a long workflow name', async ({ page }) => {
    await openEditor(page);
    await page.getByTestId('new-from-template').selectOption('app://weather/workflows/monthly');
    await expect(page.locator('.react-flow__node')).toHaveCount(4);
    const undo = await page.getByTestId('undo-button').boundingBox();
    // The last control: the cache toggles, in two short rows below 1600 px.
    const mutable = await page.getByRole('group', { name: 'Cache and state' }).boundingBox();
    const toolbar = await page.getByRole('toolbar', { name: 'Editor' }).boundingBox();
    expect(toolbar?.height).toBeLessThan(60);
    // Both ends of the toolbar sit on the same row.
    expect(Math.abs((undo?.y ?? 0) + (undo?.height ?? 0) / 2 - ((mutable?.y ?? 0) + (mutable?.height ?? 0) / 2))).toBeLessThan(8);
  });

  test('the bottom dock grows and shrinks by dragging its top edge, and keeps its size across tabs', async ({ page }) => {
    await openEditor(page);
    const dock = page.getByTestId('dock');
    const start = (await dock.boundingBox())?.height ?? 0;
    expect(start).toBeGreaterThanOrEqual(340);
    const edge = await page.getByTestId('dock-resize').boundingBox();
    if (!edge) throw new Error('no resize handle');
    const x = edge.x + edge.width / 2;
    const y = edge.y + edge.height / 2;
    await page.mouse.move(x, y);
    await page.mouse.down();
    await page.mouse.move(x, y - 120, { steps: 6 });
    await page.mouse.up();
    await expect.poll(async () => (await dock.boundingBox())?.height ?? 0).toBeCloseTo(start + 120, -1);
    await page.getByTestId('dock-tab-runner').click();
    await page.getByTestId('dock-tab-run').click();
    expect((await dock.boundingBox())?.height ?? 0).toBeCloseTo(start + 120, -1);
    // The keyboard works too: ↓ on the focused edge makes it shorter.
    await page.getByTestId('dock-resize').focus();
    await page.keyboard.press('ArrowDown');
    await expect.poll(async () => (await dock.boundingBox())?.height ?? 0).toBeCloseTo(start + 96, -1);
    // Never past the canvas's minimum.
    await page.mouse.move(x, y - 120);
    await page.mouse.down();
    await page.mouse.move(x, 0, { steps: 4 });
    await page.mouse.up();
    await expect(page.getByTestId('canvas')).toBeVisible();
    expect((await page.getByTestId('canvas').boundingBox())?.height ?? 0).toBeGreaterThanOrEqual(150);
  });
});
