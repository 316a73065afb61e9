/**
 * Files as stored values (issue 12), in headless Chromium against the real app build: a
 * 1,000,000-row CSV (~40 MB, made in the page) put into a CSV node, then an unrelated small edit
 * (a Number node's value) and its save. Measured for the CSV held as the node's text param (the
 * baseline: how the app kept it before) and for the CSV loaded as a stored file (the param holds a
 * reference; the bytes are in the value store once):
 *  - the edit's main-thread cost: the edit call itself, and the longest main-thread task from the
 *    edit through its save (PerformanceObserver 'longtask');
 *  - the snapshot that save writes (bytes, from the workspace's pointer).
 */
import { build, preview } from 'vite';
import { chromium, type Page } from '@playwright/test';
// @ts-expect-error plain ESM helper shared with the e2e config
import { findChromium, CHROMIUM_ARGS } from '../scripts/browser.mjs';

const PORT = Number(process.env.BENCH_PORT ?? 4316);
const OUT_DIR = `.e2e-dist/bench-stored-files-${PORT}`;
const ROWS = Number(process.env.STORED_FILES_ROWS ?? 1_000_000);

type Hook = { __swark: import('../src/studio/testHook').SwarkTestHook };

interface Measured {
  csvBytes: number;
  editMs: number;
  longestTaskMs: number;
  saveMs: number;
  snapshotBytes: number;
}

async function waitReady(page: Page) {
  await page.waitForFunction(() => (window as unknown as Partial<Hook>).__swark?.workspace.getState().status.phase === 'ready', null, { timeout: 120_000 });
}

/** One workflow with a CSV node holding the CSV (`asFile`: as a stored file) and a Number node; then the edit, measured. */
function measure(page: Page, asFile: boolean, rows: number): Promise<Measured> {
  return page.evaluate(
    async ({ asFile, rows }) => {
      const hook = (window as unknown as Hook).__swark;
      const lines = ['id,city,amount,day'];
      const cities = ['Oslo', 'Lima', 'Pune', 'Kyiv', 'Quito'];
      for (let i = 0; i < rows; i++) lines.push(`${i},${cities[i % 5]},${(i * 7.31) % 1000},2024-${String((i % 12) + 1).padStart(2, '0')}-15`);
      const csv = lines.join('\n');
      const graph = () => hook.graph.getState();
      graph().createWorkflow(asFile ? 'stored file' : 'text param');
      const csvNode = graph().addNode('input.csv', { x: 0, y: 0 });
      const numberNode = graph().addNode('input.number', { x: 0, y: 300 });
      if (asFile) {
        const info = await hook.run.getState().storeFile(new Blob([csv], { type: 'text/csv' }), 'rows.csv', 'text/csv');
        graph().updateNodeParam(csvNode, 'text', { $swark: 'file', v: { ...info } });
      } else graph().updateNodeParam(csvNode, 'text', csv);
      await hook.workspace.getState().flush();

      const pointerBytes = (): Promise<number> =>
        new Promise((resolve, reject) => {
          const request = indexedDB.open('swark-workspace');
          request.onsuccess = () => {
            const get = request.result.transaction('snapshots').objectStore('snapshots').get('pointer');
            get.onsuccess = () => {
              request.result.close();
              resolve((get.result as { snapshots: { bytes: number }[] }).snapshots[0]?.bytes ?? 0);
            };
            get.onerror = () => reject(get.error);
          };
          request.onerror = () => reject(request.error);
        });

      let longest = 0;
      const observer = new PerformanceObserver((list) => {
        for (const entry of list.getEntries()) longest = Math.max(longest, entry.duration);
      });
      observer.observe({ type: 'longtask', buffered: false });
      const start = performance.now();
      graph().updateNodeParam(numberNode, 'value', 42);
      const editMs = performance.now() - start;
      const saveStart = performance.now();
      await hook.workspace.getState().flush();
      const saveMs = performance.now() - saveStart;
      // Long tasks are reported after they end: one more frame lets the last one in.
      await new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 50)));
      observer.disconnect();
      return { csvBytes: csv.length, editMs, longestTaskMs: longest, saveMs, snapshotBytes: await pointerBytes() };
    },
    { asFile, rows },
  );
}

const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(2)} MB`;
const ms = (value: number) => `${value.toFixed(1)} ms`;
/** The observer sees only tasks of 50 ms or more. */
const task = (value: number) => (value === 0 ? 'none ≥ 50 ms' : ms(value));

async function main() {
  const executablePath = (findChromium as () => string | null)();
  if (!executablePath) throw new Error('no Chromium found: install it (apt-get install chromium) or set SWARK_CHROMIUM');
  console.log('building the app…');
  await build({ logLevel: 'error', build: { outDir: OUT_DIR, emptyOutDir: true } });
  const server = await preview({ logLevel: 'error', build: { outDir: OUT_DIR }, preview: { host: '127.0.0.1', port: PORT, strictPort: true } });
  const browser = await chromium.launch({ executablePath, args: CHROMIUM_ARGS as string[] });
  try {
    const results: Record<'text' | 'file', Measured> = {} as never;
    for (const kind of ['text', 'file'] as const) {
      // A fresh browser context per case: each starts from an empty workspace.
      const context = await browser.newContext();
      await context.addInitScript({ content: 'window.__name = (f) => f;' });
      const page = await context.newPage();
      await page.goto(`http://127.0.0.1:${PORT}/?e2e`);
      await waitReady(page);
      results[kind] = await measure(page, kind === 'file', ROWS);
      await context.close();
    }
    const { text, file } = results;
    console.log(`an unrelated edit (a Number node's value) and its save, beside a ${ROWS.toLocaleString('en-US')}-row CSV of ${mb(file.csvBytes)}`);
    console.log(`  ${''.padEnd(44)} ${'CSV as text param (before)'.padStart(28)} ${'CSV as stored file'.padStart(20)}`);
    const row = (label: string, a: string, b: string) => console.log(`  ${label.padEnd(44)} ${a.padStart(28)} ${b.padStart(20)}`);
    row('edit call (main thread)', ms(text.editMs), ms(file.editMs));
    row('longest main-thread task, edit → saved', task(text.longestTaskMs), task(file.longestTaskMs));
    row('save (flush)', ms(text.saveMs), ms(file.saveMs));
    row('snapshot written', mb(text.snapshotBytes), mb(file.snapshotBytes));
    console.log(`  snapshot ratio ${(text.snapshotBytes / file.snapshotBytes).toFixed(0)}× smaller with the file stored once`);
  } finally {
    await browser.close();
    await new Promise<void>((resolve) => server.httpServer.close(() => resolve()));
  }
}

await main();
