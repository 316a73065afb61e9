import { expect, type Page } from '@playwright/test';

export async function openEditor(page: Page): Promise<void> {
  await page.goto('/');
  await expect(page.getByTestId('palette')).toBeVisible();
  await expect(page.getByTestId('canvas')).toBeVisible();
}

/** Drags a palette item onto the canvas pane at (x, y) relative to the pane. */
export async function dropModel(page: Page, modelId: string, x: number, y: number): Promise<void> {
  await page.getByTestId(`palette-item-${modelId}`).dragTo(page.locator('.react-flow__pane'), { targetPosition: { x, y } });
}

export const node = (page: Page, id: string) => page.locator(`.react-flow__node[data-id="${id}"]`);

/** Drags from an output handle to an input handle. */
export async function wire(page: Page, from: string, output: string, to: string, field: string): Promise<void> {
  const source = node(page, from).locator(`.react-flow__handle.source[data-handleid="${output}"]`);
  const target = node(page, to).locator(`.react-flow__handle.target[data-handleid="${field}"]`);
  await source.dragTo(target);
}

export async function selectNode(page: Page, id: string): Promise<void> {
  await node(page, id).locator('.model-node-header').click();
  await expect(page.getByTestId('inspector').getByTestId('node-label')).toBeVisible();
}

export async function nodeIds(page: Page): Promise<string[]> {
  return (await page.locator('.react-flow__node').evaluateAll((els) => els.map((el) => el.getAttribute('data-id') ?? ''))).sort();
}
