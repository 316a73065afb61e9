/**
 * Notes and groups (issue 15), driven as a person would: N makes a note, typed as markdown; Ctrl+G
 * groups two selected nodes; dragging the group's title bar moves them; a node dropped into the
 * frame joins it; both survive a reload, and an export imported again.
 */
import { readFile } from 'node:fs/promises';
import { test, expect, type Page } from '@playwright/test';
import { node, settledBox } from './editor.helpers';
import { seriousViolations } from './axe.helpers';

const SHOTS = process.env.SHOTS_DIR;

async function drag(page: Page, from: { x: number; y: number }, by: { x: number; y: number }): Promise<void> {
  await page.mouse.move(from.x, from.y);
  await page.mouse.down();
  await page.mouse.move(from.x + by.x / 2, from.y + by.y / 2, { steps: 5 });
  await page.mouse.move(from.x + by.x, from.y + by.y, { steps: 5 });
  await page.mouse.up();
}

/** Groups nodes as a person does: click the first, Ctrl+click the others, Ctrl+G. */
async function groupNodes(page: Page, first: string, ...others: string[]): Promise<void> {
  await node(page, first).click();
  for (const id of others) await node(page, id).click({ modifiers: ['Control'] });
  await page.keyboard.press('Control+g');
}

test('a note and a group: made, moved, joined, reloaded, exported and imported', async ({ page }) => {
  // `?testHooks`: the test reads where nodes sit in canvas units; everything is done with keys and mouse.
  await page.goto('/?testHooks');
  await expect(page.getByTestId('palette')).toBeVisible();
  await page.getByTestId('new-from-template').selectOption('arithmetic');
  await expect(page.locator('.react-flow__node-model')).toHaveCount(5);

  // A note from the N key, written as markdown; raw HTML is shown as text, never run.
  await page.locator('.react-flow__pane').click({ position: { x: 40, y: 40 } });
  // N puts the note at the pointer: here the middle of the canvas.
  const canvas = await settledBox(page.locator('.react-flow__pane'));
  await page.mouse.move(canvas.x + canvas.width / 2, canvas.y + canvas.height / 2);
  await page.keyboard.press('n');
  const note = page.getByTestId('note');
  await expect(note).toHaveCount(1);
  await page.getByTestId('note-edit').fill('# Plan\n\nAdd **x** and *y*, then scale.\n\n<script>window.ran = 1</script>');
  await page.locator('.react-flow__pane').click({ position: { x: 40, y: 40 } });
  await expect(note.locator('h1')).toHaveText('Plan');
  await expect(note.locator('strong')).toHaveText('x');
  await expect(note.locator('script')).toHaveCount(0);
  await expect(note).toContainText('<script>');

  // Group x and y (click, Ctrl+click, Ctrl+G) and rename it in place.
  await groupNodes(page, 'x', 'y');
  const group = page.getByTestId('group');
  await expect(group).toHaveCount(1);
  await page.getByTestId('group-title').fill('Inputs');
  await page.keyboard.press('Enter');

  // Dragging the group's bar moves its nodes (they keep their place in the frame); k, outside, stays.
  const bar = group.locator('.annotation-group__bar');
  // Where a node sits in its group's frame, in canvas units (as the workflow keeps them).
  const rel = (id: string) =>
    page.evaluate((nodeId) => {
      const graph = globalThis.__swark!.graph.getState();
      const place = graph.nodes.find((n) => n.id === nodeId)?.position;
      const frame = graph.annotations.find((a) => a.kind === 'group');
      return place && frame ? { x: place.x - frame.x, y: place.y - frame.y } : null;
    }, id);
  // Everything in view (the group's bar sits above the nodes it frames).
  await page.locator('.react-flow__controls-fitview').click();
  await settledBox(group);
  const [x0, y0, k0] = [await rel('x'), await rel('y'), await rel('k')];
  const barBox = await settledBox(bar);
  await drag(page, { x: barBox.x + barBox.width - 30, y: barBox.y + barBox.height / 2 }, { x: 160, y: 96 });
  expect([await rel('x'), await rel('y')]).toEqual([x0, y0]);
  expect(await rel('k')).not.toEqual(k0);

  // k dropped inside the frame joins the group: the next move takes it along.
  const frame = await settledBox(group);
  const kBox = await settledBox(node(page, 'k'));
  await drag(
    page,
    { x: kBox.x + 30, y: kBox.y + 12 },
    { x: frame.x + frame.width - kBox.width - 12 - kBox.x, y: frame.y + frame.height - kBox.height - 12 - kBox.y },
  );
  const k2 = await rel('k');
  const bar2 = await settledBox(bar);
  await drag(page, { x: bar2.x + bar2.width - 30, y: bar2.y + bar2.height / 2 }, { x: -64, y: 48 });
  expect(await rel('k')).toEqual(k2);
  expect(await rel('x')).toEqual(x0);

  if (SHOTS) await page.screenshot({ path: `${SHOTS}/notes-groups.png` });

  // After a reload both are there, as they were.
  await page.reload();
  await expect(page.getByTestId('palette')).toBeVisible();
  await expect(page.locator('.react-flow__node-model')).toHaveCount(5);
  await expect(page.getByTestId('note').locator('h1')).toHaveText('Plan');
  await expect(page.getByTestId('group-title')).toHaveValue('Inputs');

  // Exported and imported again: a new workflow with both.
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-button').click()]);
  const path = await download.path();
  const file = JSON.parse(await readFile(path, 'utf8')) as { version: number; annotations: { kind: string; text: string }[] };
  expect(file.annotations.map((a) => [a.kind, a.text.split('\n')[0]])).toEqual([
    ['group', 'Inputs'],
    ['note', '# Plan'],
  ]);
  await page.getByTestId('import-input').setInputFiles(path);
  await expect(page.getByTestId('note').locator('h1')).toHaveText('Plan');
  await expect(page.getByTestId('group-title')).toHaveValue('Inputs');
  expect(await page.evaluate(() => (window as { ran?: number }).ran)).toBeUndefined();

  // With a note and a selected group (its tools shown), the axe scan stays clean.
  await page.getByTestId('group-title').click();
  expect(await seriousViolations(page, { exclude: ['[data-testid="run-panel"]'] })).toEqual([]);
});

test('N puts a note at the pointer; Delete removes a selected note or group (its nodes stay); undo brings each back', async ({ page }) => {
  await page.goto('/?testHooks');
  await expect(page.getByTestId('palette')).toBeVisible();
  await page.getByTestId('new-from-template').selectOption('arithmetic');
  await expect(page.locator('.react-flow__node-model')).toHaveCount(5);

  const pane = await settledBox(page.locator('.react-flow__pane'));
  const at = { x: Math.round(pane.x + pane.width * 0.6), y: Math.round(pane.y + 40) };
  await page.mouse.click(at.x, at.y);
  await page.keyboard.press('n');
  const note = page.getByTestId('note');
  await expect(note).toHaveCount(1);
  const noteBox = await settledBox(note);
  // Within the snap grid of the pointer (placed in the view's middle it would be hundreds of px away).
  expect(Math.abs(noteBox.x - at.x), 'the note starts at the pointer').toBeLessThan(20);
  expect(Math.abs(noteBox.y - at.y), 'the note starts at the pointer').toBeLessThan(20);
  await page.getByTestId('note-edit').fill('To delete');
  await page.keyboard.press('Escape');

  await note.click();
  await page.keyboard.press('Delete');
  await expect(note).toHaveCount(0);
  await page.keyboard.press('Control+z');
  await expect(note).toContainText('To delete');

  await groupNodes(page, 'x', 'y');
  const group = page.getByTestId('group');
  await expect(group).toHaveCount(1);
  // Everything in view (the group's bar sits above the nodes it frames); Escape leaves nothing
  // selected; a click on the group's bar selects the group alone.
  await page.locator('.react-flow__controls-fitview').click();
  await page.keyboard.press('Escape');
  const bar = await settledBox(group.locator('.annotation-group__bar'));
  await page.mouse.click(bar.x + bar.width - 12, bar.y + bar.height / 2);
  await expect(page.getByRole('button', { name: 'Ungroup' })).toBeVisible();
  await page.keyboard.press('Backspace');
  await expect(group).toHaveCount(0);
  await expect(page.locator('.react-flow__node-model')).toHaveCount(5);
  await page.keyboard.press('Control+z');
  await expect(group).toHaveCount(1);
});
