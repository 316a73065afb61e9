/**
 * First paint (issue 10): the gzip size of the JavaScript a person's browser loads before the editor is
 * interactive, against a minimal page with the same core libraries (React Flow, zustand, sql.js, and
 * the React API rendered by Preact's compat layer, as the editor is: scripts/preactCompat.ts), both
 * built and measured in the same run; target ≤ 190 kB. The same minimal page on React itself is
 * measured too, for comparison with the figures from before the editor moved to Preact.
 *
 * Each page is built as it ships (the app with its own vite.config.ts, the baseline with Vite's
 * defaults), served by `vite preview`, and opened in a fresh Chromium context (cold cache). A file
 * counts if it is JavaScript and its response had been received when the page became interactive; each
 * file counts once, as `zlib.gzipSync(body, { level: 9 })` of the bytes served. A Web Worker made
 * before that moment counts whole: its script and every file it imports statically, received or not
 * (its loads run outside the page's resource timing, and they compete with the first paint).
 *
 * The editor is measured twice: a first visit (an empty profile: nothing stored yet) and a later
 * visit (a workflow was stored on an earlier visit, so the page reads it back and checks it, as a
 * returning person's page does; HTTP cache off, so every file is fetched and counted). The verdict
 * is on the larger: both are what a person's browser loads before the editor is interactive.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { build, preview } from 'vite';
import react from '@vitejs/plugin-react';
import { preactCompat } from '../scripts/preactCompat.ts';
import { chromium, type Browser, type BrowserContext, type Response } from '@playwright/test';
// @ts-expect-error plain ESM helper shared with Playwright's config
import { findChromium, CHROMIUM_ARGS } from '../scripts/browser.mjs';

const TARGET_KB = 190;
const LOADS = 3;
const READY_TIMEOUT_MS = 60_000;
// A port and build folder of its own (BENCH_PORT), so two engineers' runs do not collide.
const PORT = Number(process.env.BENCH_PORT ?? 4398);
const OUT = `.bench-dist/first-paint-${PORT}`;
const BARE_BASE = '/bare/';
const BARE_REACT_BASE = '/bare-react/';

/**
 * Interactive = the loading screen is gone, the canvas (`.react-flow`) is mounted, and the palette shows
 * at least one model a person can drag. The loading screen alone is not enough (the editor could still be
 * mounting), and the canvas alone is not either: a palette waiting for a lazy model catalog would leave
 * the person nothing to add, so a palette item is required. Checked every animation frame; the moment
 * is taken in the page's own clock, the same clock as its resource timing, so no CDP race decides
 * whether a file counts. Resolves with the URLs of every resource received by then and of every
 * worker made by then (recorded by {@link RECORD_WORKERS}).
 * (A string: tsx would add helpers such as __name that the page does not have.)
 */
const UNTIL_INTERACTIVE = `new Promise((resolve) => {
  const visible = (el) => !!el && el.getBoundingClientRect().width > 0 && el.getBoundingClientRect().height > 0;
  const check = () => {
    const interactive =
      !document.querySelector('.loading') &&
      visible(document.querySelector('.react-flow')) &&
      visible(document.querySelector('[data-testid="palette"] [data-testid^="palette-item-"]'));
    if (!interactive) return requestAnimationFrame(check);
    const at = performance.now();
    resolve({
      at,
      received: performance.getEntriesByType('resource').filter((e) => e.responseEnd <= at).map((e) => e.name),
      workers: (window.__benchWorkers || []).filter((w) => w.at <= at).map((w) => w.url),
    });
  };
  check();
})`;

/** Before the page's own scripts: notes each Worker made, with the moment in the page's clock. */
const RECORD_WORKERS = `(() => {
  const Original = window.Worker;
  window.__benchWorkers = [];
  window.Worker = class extends Original {
    constructor(url, options) {
      super(url, options);
      window.__benchWorkers.push({ url: new URL(String(url), location.href).href, at: performance.now() });
    }
  };
})()`;

/** A built file's static imports (`import … from "./x.js"`, `import "./x.js"`), transitively, as paths under OUT. */
function staticImports(path: string, seen = new Set<string>()): Set<string> {
  if (seen.has(path)) return seen;
  seen.add(path);
  const code = readFileSync(join(OUT, path), 'utf8');
  const dir = path.slice(0, path.lastIndexOf('/') + 1);
  for (const [, spec] of code.matchAll(/(?:\bfrom|\bimport)\s*["'](\.{1,2}\/[^"']+)["']/g)) {
    staticImports(new URL(spec as string, `http://x${dir}`).pathname, seen);
  }
  return seen;
}

interface Load {
  ms: number;
  files: Map<string, number>; // path → gzip bytes
}

const kB = (bytes: number) => `${(bytes / 1000).toFixed(1).padStart(7)} kB`;
const total = (files: Map<string, number>) => [...files.values()].reduce((sum, size) => sum + size, 0);

/** Stores a workflow (one node, saved) from a first visit, so the next visit reads a stored workspace. */
async function storeAWorkflow(context: BrowserContext, origin: string): Promise<string> {
  const page = await context.newPage();
  await page.goto(`${origin}/?testHooks`);
  await page.evaluate(UNTIL_INTERACTIVE);
  const id = (await page.evaluate(
    `(async () => { const id = globalThis.__swark.graph.getState().addNode('input.number', { x: 120, y: 120 }); await globalThis.__swark.workspace.getState().flush(); return id; })()`,
  )) as string;
  await page.close();
  return id;
}

/** One load of `url` in a fresh context; `later`: a workflow was stored by an earlier visit in that context. */
async function firstPaint(browser: Browser, url: string, later = false): Promise<Load> {
  const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
  const stored = later ? await storeAWorkflow(context, new URL(url).origin) : null;
  const page = await context.newPage();
  if (later) await (await context.newCDPSession(page)).send('Network.setCacheDisabled', { cacheDisabled: true });
  const scripts = new Map<string, Response>();
  page.on('response', (response) => {
    const type = response.headers()['content-type'] ?? '';
    if (/javascript/.test(type) || /\.m?js(\?|$)/.test(response.url())) scripts.set(response.url(), response);
  });
  await page.addInitScript(RECORD_WORKERS);
  try {
    await page.goto(url);
    const notInteractive = new Promise<never>((_, reject) =>
      setTimeout(() => reject(new Error(`${url} did not become interactive in ${READY_TIMEOUT_MS / 1000} s`)), READY_TIMEOUT_MS).unref(),
    );
    const ready = (await Promise.race([page.evaluate(UNTIL_INTERACTIVE), notInteractive])) as { at: number; received: string[]; workers: string[] };
    // The later visit must have read the stored workflow back, or it measured a first visit again.
    // (React Flow draws the nodes from an effect, which runs after the first paint: a frame later.)
    if (stored !== null) {
      await page.waitForSelector(`.react-flow__node[data-id="${stored}"]`, { state: 'attached', timeout: 5_000 }).catch(() => {
        throw new Error(`the later visit does not show the workflow stored before (node ${stored})`);
      });
    }
    const files = new Map<string, number>();
    for (const [fileUrl, response] of scripts) {
      if (!ready.received.includes(fileUrl)) continue;
      files.set(new URL(fileUrl).pathname, gzipSync(await response.body(), { level: 9 }).length);
    }
    // A worker made before interactive: its script and what it imports, from the build itself.
    for (const workerUrl of ready.workers) {
      for (const path of staticImports(new URL(workerUrl).pathname)) {
        if (!files.has(path)) files.set(path, gzipSync(readFileSync(join(OUT, path)), { level: 9 }).length);
      }
    }
    return { ms: ready.at, files };
  } finally {
    await context.close();
  }
}

/** The largest of several cold loads (the set can only differ by a file that raced the ready moment). */
async function measure(browser: Browser, url: string, later = false): Promise<{ worst: Load; totals: number[] }> {
  const loads: Load[] = [];
  for (let i = 0; i < LOADS; i++) loads.push(await firstPaint(browser, url, later));
  const totals = loads.map((load) => total(load.files));
  const worst = loads[totals.indexOf(Math.max(...totals))] as Load;
  return { worst, totals };
}

async function main() {
  // The app exactly as `vite build` ships it; the baseline with Vite's defaults and nothing of the app's config.
  await build({ logLevel: 'warn', build: { outDir: OUT, emptyOutDir: true } });
  const bareBuild = (base: string, alias: typeof preactCompat) =>
    build({
      configFile: false,
      logLevel: 'warn',
      plugins: [react()],
      resolve: { alias },
      base,
      build: { outDir: `${OUT}${base}`, emptyOutDir: true, target: 'es2022', rollupOptions: { input: 'bench/first-paint-bare.html' } },
    });
  // The minimal page renders as the editor does (Preact's compat layer); the same page on React alongside.
  await bareBuild(BARE_BASE, preactCompat);
  await bareBuild(BARE_REACT_BASE, []);
  const server = await preview({ logLevel: 'warn', build: { outDir: OUT }, preview: { port: PORT, strictPort: true, host: '127.0.0.1' } });
  const executablePath = (findChromium as () => string | null)();
  const browser = await chromium.launch({ ...(executablePath ? { executablePath } : {}), args: CHROMIUM_ARGS as string[] });
  try {
    const origin = `http://127.0.0.1:${PORT}`;
    const first = await measure(browser, `${origin}/`);
    const later = await measure(browser, `${origin}/`, true);
    const bare = await measure(browser, `${origin}${BARE_BASE}bench/first-paint-bare.html`);
    const bareReact = await measure(browser, `${origin}${BARE_REACT_BASE}bench/first-paint-bare.html`);
    const app = total(later.worst.files) > total(first.worst.files) ? later : first;
    const appTotal = total(app.worst.files);
    const bareTotal = total(bare.worst.files);
    const pass = appTotal <= TARGET_KB * 1000;
    const verdict = `${pass ? 'PASS' : 'FAIL'}: target ≤ ${TARGET_KB} kB (${kB(Math.abs(TARGET_KB * 1000 - appTotal)).trim()} ${pass ? 'to spare' : 'over'})`;
    const spread = (totals: number[]) =>
      new Set(totals).size === 1 ? `same in all ${LOADS} loads` : `loads: ${totals.map((t) => (t / 1000).toFixed(1)).join(', ')} kB`;
    const line = (label: string, run: { worst: Load; totals: number[] }) =>
      `  ${label.padEnd(52)} ${kB(total(run.worst.files))}  ${run.worst.files.size} files, ${spread(run.totals)}\n`;
    console.log(
      `first paint: JavaScript received before the editor is interactive (gzip -9, 1 kB = 1,000 B, largest of ${LOADS} cold loads)\n` +
        line('editor (index.html), first visit (nothing stored)', first) +
        line('editor, later visit (a stored workflow read back)', later) +
        line('minimal page: React Flow + zustand + sql.js, Preact', bare) +
        line('the same minimal page on React (before Preact)', bareReact) +
        `  ratio ${(appTotal / bareTotal).toFixed(2)}× (the larger editor figure), ${kB(appTotal - bareTotal).trim()} over the minimal page  ${verdict}\n` +
        `  editor's first-paint files (${app === later ? 'later' : 'first'} visit), biggest first:`,
    );
    const shownFirst = first.worst.files;
    for (const [path, size] of [...app.worst.files].sort((a, b) => b[1] - a[1]))
      console.log(`    ${kB(size)}  ${path}${app === later && !shownFirst.has(path) ? '  (later visit only)' : ''}`);
    console.log(`first paint ${verdict}`);
    // A regression fails the run (and `npm run bench`), not only a line to notice.
    if (!pass) process.exitCode = 1;
  } finally {
    await browser.close();
    await new Promise<void>((resolve) => server.httpServer.close(() => resolve()));
  }
}

await main();
