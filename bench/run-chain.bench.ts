/**
 * The app's run path at 1,000 and 2,000 steps (issue 12), in headless Chromium on the production
 * build: a chain of trivial `math.add` steps imported as a `.swark.json` through the toolbar's
 * import, then Run, timed from the click to the run's end (every row `ran`).
 *
 * Baseline, in the same run: `swark run` of the same file in a fresh folder (its own workspace
 * file, so it runs and caches every step as the app does), minus its process start, measured as
 * `swark run` of a 1-step file (the least of three). Also the main thread's longest task during the run
 * (PerformanceObserver 'longtask'), and the import's own time and longest task.
 * RUN_BENCH_TRACE=1 prints what the longest task of each run spent its time on (on an unminified
 * build, so the trace names the app's own functions; its times are then for reading, not for the record).
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { chromium, type Browser } from '@playwright/test';
import { build, preview } from 'vite';
// @ts-expect-error plain ESM helper shared with the e2e config
import { findChromium, CHROMIUM_ARGS } from '../scripts/browser.mjs';
import { chainWorkflowFile } from '../test/helpers/chainFile';
import { traced } from './trace';

const PORT = Number(process.env.BENCH_PORT ?? 4318);
const OUT = `.e2e-dist/bench-run-chain-${PORT}`;
const SAMPLES = Number(process.env.RUN_CHAIN_SAMPLES ?? 3);
const tracing = process.env.RUN_BENCH_TRACE === '1';
const SWARK = resolve('bin/swark.mjs');
const LAYOUT_LIMIT_MS = 120_000;

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? (sorted[mid] as number) : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
};

const folder = mkdtempSync(join(tmpdir(), 'swark-run-chain-'));
const fileOf = (steps: number) => {
  const path = join(folder, `chain-${steps}.swark.json`);
  writeFileSync(path, chainWorkflowFile(steps));
  return path;
};

/** Wall time of one `swark run <file>` in a fresh folder (ms). */
function swarkRun(file: string): number {
  const cwd = mkdtempSync(join(folder, 'cli-'));
  const start = performance.now();
  const result = spawnSync(process.execPath, [SWARK, 'run', file], { cwd, encoding: 'utf8' });
  const ms = performance.now() - start;
  if (result.status !== 0) throw new Error(`swark run ${file} failed: ${result.stderr}`);
  return ms;
}

interface AppRun {
  importMs: number;
  importLongestMs: number;
  runMs: number;
  runLongestMs: number;
  layoutMs: number;
  layoutLongestMs: number;
}

async function appRun(browser: Browser, steps: number): Promise<AppRun> {
  const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
  const page = await context.newPage();
  await page.goto(`http://127.0.0.1:${PORT}/?testHooks`);
  await page.waitForFunction(() => !!globalThis.__swark?.graph);
  await page.getByTestId('run-button').waitFor();
  // RUN_BENCH_CSS=<css>: a style added to the page, to see what a part of the drawing costs (e.g. the nodes hidden).
  if (process.env.RUN_BENCH_CSS) await page.addStyleTag({ content: process.env.RUN_BENCH_CSS });
  // A string, not a function: tsx would wrap a function's inner helpers in a `__name` the page lacks.
  await page.evaluate(`(() => {
    globalThis.__longest = 0;
    new PerformanceObserver((list) => { for (const entry of list.getEntries()) globalThis.__longest = Math.max(globalThis.__longest, entry.duration); }).observe({ type: 'longtask' });
  })()`);
  const takeLongest = () => page.evaluate(`(() => { const longest = globalThis.__longest; globalThis.__longest = 0; return longest; })()`) as Promise<number>;

  const importStart = performance.now();
  await page
    .getByTestId('import-input')
    .setInputFiles({ name: `chain-${steps}.swark.json`, mimeType: 'application/json', buffer: Buffer.from(chainWorkflowFile(steps)) });
  await page.waitForFunction(
    (count) => globalThis.__swark!.graph.getState().nodes.length === count && document.querySelector('.react-flow__node') !== null,
    steps,
    {
      timeout: 600_000,
    },
  );
  const importMs = performance.now() - importStart;
  // Let the import's preview and save settle, so the run is timed alone.
  await page.waitForTimeout(2000);
  const importLongestMs = await takeLongest();

  let runMs = 0;
  await traced(browser, page, tracing, `run of ${steps} steps`, async () => {
    const start = performance.now();
    await page.getByTestId('run-button').click();
    await page.waitForFunction(
      (count) => {
        const state = globalThis.__swark!.run.getState();
        return state.phase === 'idle' && state.steps.length === count && state.steps.every((row) => row.status === 'ran');
      },
      steps,
      { timeout: 600_000, polling: 'raf' },
    );
    runMs = performance.now() - start;
  });
  // Long-task entries are delivered after the task.
  await page.waitForTimeout(300);
  const runLongestMs = await takeLongest();
  // Auto-layout (dagre, loaded on first use) of the whole graph, as the toolbar's button does it.
  const layoutStart = performance.now();
  const before = await page.evaluate(() => globalThis.__swark!.graph.getState().nodes[1]?.position.x);
  await page.getByTestId('auto-layout-button').click();
  const laidOut = await page
    .waitForFunction((x) => globalThis.__swark!.graph.getState().nodes[1]?.position.x !== x, before, { timeout: LAYOUT_LIMIT_MS })
    .then(() => true)
    .catch(() => false);
  // NaN: no layout within the limit (printed as such).
  const layoutMs = laidOut ? performance.now() - layoutStart : NaN;
  await page.waitForTimeout(1000);
  const layoutLongestMs = await takeLongest();
  await context.close();
  return { importMs, importLongestMs, runMs, runLongestMs, layoutMs, layoutLongestMs };
}

await build({ logLevel: 'warn', build: { outDir: OUT, emptyOutDir: true, minify: !tracing } });
const server = await preview({ logLevel: 'warn', build: { outDir: OUT }, preview: { host: '127.0.0.1', port: PORT, strictPort: true } });
const executablePath = (findChromium as () => string | null)();
const browser = await chromium.launch({ ...(executablePath ? { executablePath } : {}), args: CHROMIUM_ARGS as string[] });

try {
  const files = { 1: fileOf(1), 1000: fileOf(1000), 2000: fileOf(2000) };
  const cli = { 1: [] as number[], 1000: [] as number[] };
  const app: Record<1000 | 2000, AppRun[]> = { 1000: [], 2000: [] };
  // Interleaved, so a burst of load on the shared machine hits both sides alike.
  for (let i = 0; i < SAMPLES; i++) {
    // The start is the least of three: one noisy sample once made "minus its start" negative.
    cli[1].push(Math.min(swarkRun(files[1]), swarkRun(files[1]), swarkRun(files[1])));
    cli[1000].push(swarkRun(files[1000]));
    app[1000].push(await appRun(browser, 1000));
    app[2000].push(await appRun(browser, 2000));
  }
  const cliStart = median(cli[1]);
  const cliRun = Math.max(1, median(cli[1000]) - cliStart);
  const run1000 = median(app[1000].map((r) => r.runMs));
  const run2000 = median(app[2000].map((r) => r.runMs));
  const longest = Math.max(...app[1000].map((r) => r.runLongestMs), ...app[2000].map((r) => r.runLongestMs));
  const mark = (ok: boolean) => (ok ? '✓' : '✗');
  console.log(`run of an imported chain in the app (median of ${SAMPLES})`);
  console.log(`  swark run, 1 step (its process start)          ${cliStart.toFixed(0).padStart(7)} ms`);
  console.log(`  swark run, 1,000 steps, minus its start        ${cliRun.toFixed(0).padStart(7)} ms  (${median(cli[1000]).toFixed(0)} ms in all)`);
  console.log(`  app, 1,000 steps                               ${run1000.toFixed(0).padStart(7)} ms`);
  console.log(`  app, 2,000 steps                               ${run2000.toFixed(0).padStart(7)} ms`);
  console.log(`  app 1,000 / swark run 1,000      ${(run1000 / cliRun).toFixed(2)}×  ${mark(run1000 / cliRun <= 2)} target ≤ 2×`);
  console.log(`  app 2,000 / app 1,000            ${(run2000 / run1000).toFixed(2)}×  ${mark(run2000 / run1000 <= 2.2)} target ≤ 2.2×`);
  console.log(`  main thread's longest task during the runs: ${longest.toFixed(0)} ms  ${mark(longest < 50)} target < 50 ms`);
  for (const steps of [1000, 2000] as const) {
    const runs = app[steps];
    console.log(
      `  import of ${steps} nodes: ${median(runs.map((r) => r.importMs)).toFixed(0)} ms to the canvas, longest task ${Math.max(...runs.map((r) => r.importLongestMs)).toFixed(0)} ms` +
        `; auto-layout ${median(runs.map((r) => r.layoutMs)).toFixed(0)} ms, longest task ${Math.max(...runs.map((r) => r.layoutLongestMs)).toFixed(0)} ms` +
        ` (runs: ${runs.map((r) => `${r.runMs.toFixed(0)} ms / longest ${r.runLongestMs.toFixed(0)} ms`).join(', ')})`,
    );
  }
} finally {
  await browser.close();
  await server.close();
  rmSync(folder, { recursive: true, force: true });
}
