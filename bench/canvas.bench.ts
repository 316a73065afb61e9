/**
 * Editor canvas vs a bare React Flow page with same-shaped nodes, in headless Chromium, same run:
 * time from navigation to a settled canvas (500 and 1,000 nodes; target ≤ 1.3× bare) and the frame
 * rate while dragging a node (target ≥ 0.95× bare React Flow's, issue 15). BENCH_ROUNDS sets the rounds (5).
 */
import { build, preview } from 'vite';
import { chromium, type Page } from '@playwright/test';
// @ts-expect-error plain ESM helper shared with Playwright's config
import { findChromium, CHROMIUM_ARGS } from '../scripts/browser.mjs';

const SIZES = (process.env.BENCH_SIZES ?? '500,1000').split(',').map(Number);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 5);
// A port and build folder of its own (BENCH_PORT), so two engineers' runs do not collide.
const PORT = Number(process.env.BENCH_PORT ?? 4399);
const OUT = `.bench-dist/canvas-${PORT}`;

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? NaN;
};

/** Milliseconds from navigation start until every node is rendered and two more frames have painted. */
async function settledAt(page: Page, url: string): Promise<number> {
  await page.goto(url);
  // Page scripts are strings: tsx would add helpers (__name) the page does not have.
  return page.evaluate(`new Promise((resolve) => {
    const check = () => {
      const nodes = document.querySelectorAll('.react-flow__node');
      const ready = nodes.length > 0 && [...nodes].every((node) => node.style.visibility !== 'hidden');
      if (!ready) return requestAnimationFrame(check);
      const at = performance.now();
      requestAnimationFrame(() => requestAnimationFrame(() => resolve(at)));
    };
    check();
  })`) as Promise<number>;
}

/** Frames per second while a node is dragged across the canvas for ~1.5 s. */
async function dragFps(page: Page): Promise<number> {
  const target = page.locator('.react-flow__node').nth(30);
  const box = await target.boundingBox();
  if (!box) throw new Error('no node to drag');
  const start = { x: box.x + box.width / 2, y: box.y + 4 };
  await page.evaluate(`(() => {
    window.__frames = 0;
    window.__counting = true;
    const tick = () => {
      if (!window.__counting) return;
      window.__frames++;
      requestAnimationFrame(tick);
    };
    requestAnimationFrame(tick);
  })()`);
  await page.mouse.move(start.x, start.y);
  await page.mouse.down();
  const began = Date.now();
  for (let i = 1; i <= 90; i++) {
    await page.mouse.move(start.x + Math.sin(i / 8) * 150, start.y + i, { steps: 1 });
    await page.waitForTimeout(16);
  }
  await page.mouse.up();
  const seconds = (Date.now() - began) / 1000;
  const frames = (await page.evaluate('(window.__counting = false, window.__frames)')) as number;
  return Math.min(60, frames / seconds);
}

async function main() {
  await build({
    logLevel: 'warn',
    build: { outDir: OUT, emptyOutDir: true, rollupOptions: { input: { app: 'bench/canvas-app.html', bare: 'bench/canvas-bare.html' } } },
  });
  const server = await preview({ logLevel: 'warn', build: { outDir: OUT }, preview: { port: PORT, strictPort: true, host: '127.0.0.1' } });
  const executablePath = (findChromium as () => string | null)();
  const browser = await chromium.launch({ ...(executablePath ? { executablePath } : {}), args: CHROMIUM_ARGS as string[] });
  try {
    for (const size of SIZES) {
      const times = { app: [] as number[], bare: [] as number[] };
      const fps = { app: [] as number[], bare: [] as number[] };
      for (let round = 0; round < ROUNDS; round++) {
        for (const kind of round % 2 ? (['bare', 'app'] as const) : (['app', 'bare'] as const)) {
          const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
          times[kind].push(await settledAt(page, `http://127.0.0.1:${PORT}/bench/canvas-${kind}.html?n=${size}`));
          if (round < 3) fps[kind].push(await dragFps(page));
          await page.close();
        }
      }
      const app = median(times.app);
      const bare = median(times.bare);
      console.log(
        `${size} nodes: settled canvas ${app.toFixed(0)} ms vs bare React Flow ${bare.toFixed(0)} ms → ${(app / bare).toFixed(2)}× (target ≤ 1.30×); ` +
          `drag ${median(fps.app).toFixed(1)} fps vs bare ${median(fps.bare).toFixed(1)} fps → ${(median(fps.app) / median(fps.bare)).toFixed(2)}× (target ≥ 0.95×)`,
      );
    }
  } finally {
    await browser.close();
    await new Promise<void>((resolve) => server.httpServer.close(() => resolve()));
  }
}

await main();
