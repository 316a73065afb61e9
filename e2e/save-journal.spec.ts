import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test, expect, type BrowserContext, type Page } from '@playwright/test';
import type { SwarkTestHook } from '../src/studio/testHook';

type Hooked = Window & { __swark: SwarkTestHook };

/** Opens the app and waits until this page is the workspace's writer (the closed page's lock is released). */
async function openApp(context: BrowserContext, baseURL: string): Promise<Page> {
  const page = await context.newPage();
  await page.goto(`${baseURL}/?e2e`);
  await page.waitForFunction(() => (window as unknown as Partial<Hooked>).__swark?.workspace.getState().status.phase === 'ready', undefined, {
    timeout: 20_000,
  });
  await expect(activeItem(page)).toBeVisible();
  return page;
}

const activeItem = (page: Page) => page.locator('[data-testid^="workflow-item-"].is-active');

const activeName = (page: Page) =>
  page.evaluate(() => {
    const { graph, workspace } = (window as unknown as Hooked).__swark;
    const id = graph.getState().activeWorkflowId;
    return workspace.getState().workflows.find((w) => w.id === id)?.name ?? null;
  });

/** Renames the open workflow as a person does: hover it, the pencil, the new name, Enter. */
async function renameActive(page: Page, name: string): Promise<void> {
  await activeItem(page).hover();
  await activeItem(page)
    .getByRole('button', { name: /^Rename / })
    .click();
  const input = page.getByTestId('workflow-rename-input');
  await input.fill(name);
  await input.press('Enter');
}

test.describe('Case 6: an edit made just before the tab closes', () => {
  test.describe.configure({ timeout: 300_000 });

  for (const delayMs of [0, 50, 150]) {
    test(`survives closing the tab ${delayMs} ms after it, 10 times out of 10`, async ({ playwright, launchOptions, baseURL }) => {
      const profile = mkdtempSync(join(tmpdir(), 'swark-journal-'));
      const context = await playwright.chromium.launchPersistentContext(profile, { ...launchOptions, viewport: { width: 1280, height: 800 } });
      try {
        // Each round checks the previous round's edit, then makes its own and closes the tab.
        const made: string[] = [];
        const found: (string | null)[] = [];
        for (let round = 0; round <= 10; round++) {
          const page = await openApp(context, baseURL as string);
          if (round > 0) found.push(await activeName(page));
          if (round === 10) break;
          const name = `Edit ${round} at ${delayMs} ms`;
          made.push(name);
          await renameActive(page, name);
          if (delayMs > 0) await page.waitForTimeout(delayMs);
          await page.close();
        }
        expect(found).toEqual(made);
      } finally {
        await context.close();
        rmSync(profile, { recursive: true, force: true });
      }
    });
  }
});
