import { expect, type Page } from '@playwright/test';

// Shared by the run specs: the graph is built through the editor's own store (exposed with
// `?testHooks`), so these tests exercise running, not dragging (the editor's specs test dragging).
// The page's `globalThis.__swark` (declared in src/studio/testHook.ts): the studio's stores.

/** A new workflow from the editor example "arithmetic": (x + y) * k with x, y, k = 2, 3, 4. */
export async function openArithmetic(page: Page): Promise<void> {
  await page.goto('/?testHooks');
  // Once the editor shows (after the load), as a person sees it: the workspace opens the workflow open last,
  // and an edit made before that waits in the workspace's queue, apart from what the canvas shows.
  await expect(page.getByTestId('workspace-status')).toBeVisible({ timeout: 30_000 });
  await page.evaluate(() => globalThis.__swark!.graph.getState().createWorkflow('Sum times k', 'arithmetic'));
}

/** Picks the weather template by its visible text: option values follow the template catalogue. */
export async function newWeatherWorkflow(page: Page): Promise<void> {
  await page.goto('/');
  const picker = page.getByTestId('new-from-template');
  await expect(picker).toBeEnabled();
  // The template list fills in after the workspace loads.
  await expect(picker.locator('option', { hasText: /weather/i }).first()).toBeAttached();
  const labels = await picker.locator('option').allInnerTexts();
  const label = labels.find((text) => /weather/i.test(text) && /monthly/i.test(text)) ?? labels.find((text) => /weather/i.test(text));
  if (!label) throw new Error(`no weather template among: ${labels.join(' | ')}`);
  await picker.selectOption({ label });
  await expect(page.locator('.react-flow__node')).toHaveCount(4);
}
