/**
 * The toolbar at 1440 × 900 (issue 15) and at 1280: one row during a run, no two controls overlapping, the
 * progress text whole; and the Runner tab's Run button readable (4.5:1).
 */
import { join } from 'node:path';
import { test, expect, type Page } from '@playwright/test';
import { openArithmetic } from './run.helpers';

const SHOTS = process.env.SHOTS_DIR;
/** One endless step (SQLite counts forever), so the run lasts until Cancel. */
const ENDLESS_STEP = 'WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n) SELECT count(*) AS n FROM n';

type Box = { name: string; x: number; y: number; width: number; height: number };

/** The toolbar's box and every visible control's in it, named by its text or label. */
const toolbarBoxes = (page: Page) =>
  page.evaluate(() => {
    const toolbar = document.querySelector('.toolbar') as HTMLElement;
    const controls = [...toolbar.querySelectorAll<HTMLElement>('button, select, label, .brand-name, .workflow-name')].filter(
      // A control inside a label is measured as the label.
      (el) => el.getClientRects().length > 0 && !el.parentElement?.closest('label'),
    );
    const box = (el: Element, name: string) => {
      const r = el.getBoundingClientRect();
      return { name, x: r.x, y: r.y, width: r.width, height: r.height };
    };
    return {
      toolbar: box(toolbar, 'toolbar'),
      controls: controls.map((el) => box(el, (el.getAttribute('aria-label') ?? el.textContent ?? '').trim().slice(0, 30))),
    };
  });

const overlaps = (a: Box, b: Box) => a.x < b.x + b.width - 0.5 && b.x < a.x + a.width - 0.5 && a.y < b.y + b.height - 0.5 && b.y < a.y + a.height - 0.5;

// 1440 is the screen; 1280 is a common laptop's, where the product's name gives way first.
for (const width of [1440, 1280]) {
  test.describe(`at ${width} × 900`, () => {
    test.use({ viewport: { width, height: 900 } });
    test('during a run the toolbar stays one row: nothing overlaps, nothing leaves it, the progress text is whole', async ({ page }) => {
      await openArithmetic(page);
      await expect(page.locator('.react-flow__node')).toHaveCount(5);
      // The run controls load right after paint: measure the idle row once they are there.
      await expect(page.getByTestId('run-button')).toBeVisible();
      const idle = await toolbarBoxes(page);
      const query = await page.evaluate((text) => {
        const graph = globalThis.__swark!.graph.getState();
        const csv = graph.addNode('input.csv', { x: 300, y: 420 });
        graph.updateNodeParam(csv, 'text', 'n\n1\n');
        const id = graph.addNode('sql.query', { x: 600, y: 420 });
        graph.updateNodeParam(id, 'query', text);
        graph.updateNodeParam(id, 'timeLimit', 600);
        if (!graph.connect({ source: csv, sourceHandle: 'table', target: id, targetHandle: 'a' })) throw new Error('could not wire the CSV into the query');
        return id;
      }, ENDLESS_STEP);

      await page.getByTestId('run-button').click();
      await expect(page.locator(`[data-testid^="step-row-"][data-step-id="${query}"]`)).toHaveAttribute('data-status', 'running', { timeout: 60_000 });
      const progress = page.getByTestId('run-progress');
      await expect(progress).toContainText(`running ${query}`);
      const running = await toolbarBoxes(page);
      if (SHOTS) await page.screenshot({ path: join(SHOTS, `toolbar-running-${width}.png`) });

      expect(running.toolbar.height).toBe(idle.toolbar.height);
      for (const control of running.controls) {
        expect(control.y, `${control.name} is inside the toolbar's row`).toBeGreaterThanOrEqual(running.toolbar.y);
        expect(control.y + control.height, `${control.name} is inside the toolbar's row`).toBeLessThanOrEqual(running.toolbar.y + running.toolbar.height);
        expect(control.x + control.width, `${control.name} is on screen`).toBeLessThanOrEqual(width);
      }
      const pairs = running.controls.flatMap((a, i) => running.controls.slice(i + 1).map((b) => [a, b] as const));
      expect(pairs.filter(([a, b]) => overlaps(a, b)).map(([a, b]) => `${a.name} × ${b.name}`)).toEqual([]);
      // The product's name is whole, and so is the progress text.
      const clipped = await page.evaluate(() =>
        ['.brand-name', '.run-progress-label']
          .map((selector) => document.querySelector<HTMLElement>(selector))
          .filter((el): el is HTMLElement => !!el && el.scrollWidth > el.clientWidth + 1)
          .map((el) => el.className),
      );
      expect(clipped).toEqual([]);
      // The state chooser beside Run shows its choice whole: its text, measured in its own font, plus the arrow.
      const chooser = await page.evaluate(() => {
        const select = document.querySelector<HTMLSelectElement>('#run-state-select')!;
        const probe = document.createElement('span');
        probe.style.font = getComputedStyle(select).font;
        probe.style.position = 'absolute';
        probe.style.whiteSpace = 'nowrap';
        probe.textContent = select.selectedOptions[0]?.textContent ?? '';
        document.body.append(probe);
        const text = probe.getBoundingClientRect().width;
        probe.remove();
        return { text: probe.textContent, textWidth: text, selectWidth: select.getBoundingClientRect().width };
      });
      expect(chooser.text).toBe('this workflow’s slots');
      expect(chooser.textWidth + 20, `"${chooser.text}" fits its select`).toBeLessThanOrEqual(chooser.selectWidth);
      const label = await page.locator('.run-progress-label').boundingBox();
      expect(label && label.x >= 0 && label.x + label.width <= width).toBe(true);

      await page.getByTestId('cancel-button').click();
      await expect(page.getByTestId('cancel-button')).toBeDisabled({ timeout: 60_000 });
    });
  });
}

/** The WCAG contrast ratio of two `rgb(…)` colours. */
function contrast(a: string, b: string): number {
  const luminance = (color: string) => {
    const [r, g, bl] = (color.match(/[\d.]+/g) ?? []).slice(0, 3).map((part) => {
      const c = Number(part) / 255;
      return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
    }) as [number, number, number];
    return 0.2126 * r + 0.7152 * g + 0.0722 * bl;
  };
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x) as [number, number];
  return (hi + 0.05) / (lo + 0.05);
}

test("the Runner tab's Run button is readable: its text against its background is at least 4.5:1", async ({ page }) => {
  await openArithmetic(page);
  await page.getByRole('tab', { name: 'Runner' }).click();
  const button = page.getByTestId('runner-run');
  await expect(button).toBeVisible();
  const colors = await button.evaluate((el) => {
    const style = getComputedStyle(el);
    return { color: style.color, background: style.backgroundColor };
  });
  expect(colors.background).not.toMatch(/rgba\(0, 0, 0, 0\)/);
  expect(contrast(colors.color, colors.background)).toBeGreaterThanOrEqual(4.5);
  await button.hover();
  const hovered = await button.evaluate((el) => [getComputedStyle(el).color, getComputedStyle(el).backgroundColor] as const);
  expect(contrast(...hovered)).toBeGreaterThanOrEqual(4.5);
  // Its toggles say what the toolbar's say.
  await expect(page.getByRole('checkbox', { name: 'Use cache' }).last()).toBeVisible();
  await expect(page.locator('.runner-actions')).toContainText('Update cache');
  if (SHOTS) await page.screenshot({ path: join(SHOTS, 'runner-tab.png') });
});
