/**
 * One pass of the app through the 1M-row pipeline in a fresh browser context (an empty
 * workspace), the way a person goes: import the pipeline, load the CSV from a file, Run, edit the
 * filter's condition by typing, Run again, save, export with cache, reload, import the export and
 * Run it (every step skipped on its cached results).
 * The baseline Worker runs in the same page first (see data.ts for what differs).
 */
import { statSync } from 'node:fs';
import type { Browser, Page } from '@playwright/test';
import type { SwarkTestHook } from '../../src/studio/testHook';
import { traced } from '../trace';
import { condition, differs, pipelineFile, STEP_IDS, THRESHOLDS, type BaselineResult } from './data';
import { HeapSampler, type HeapPeak } from './heap';
import { INIT_SCRIPT, armImportClock, armRunEnd, importAppMs, baselineRun, runEnd, startBaseline, stepRows, stopBaseline, takeKeys, takeLongest } from './page';

type Hooked = { __swark: SwarkTestHook };
const LIMIT = { timeout: 600_000 };
const began = performance.now();
const progress = (what: string) => console.log(`  … ${what} (${((performance.now() - began) / 1000).toFixed(0)} s)`);

export interface AppPass {
  baselineMs: number;
  baselineRerunMs: number;
  baselineHeap: HeapPeak;
  loadMs: number;
  runMs: number;
  rerunMs: number;
  heap: HeapPeak;
  saveMs: number;
  exportMs: number;
  exportBytes: number;
  reloadMs: number;
  /** The import by the page's clock: the file chosen → its nodes drawn, less the question's wait for "Use". */
  importMs: number;
  /** The same from the test driver's side: from setInputFiles (the file's upload into the browser, the click on "Use" and polling included). */
  importDrivenMs: number;
  /** Run of the imported export, every step skipped on its cached results (NaN: the import was refused). */
  importedRunMs: number;
  /** The app's words when it refused to import its own export. */
  importRefused: string | null;
  /** Longest main-thread task of each phase (0: none ≥ 50 ms). */
  longest: Record<'load' | 'run' | 'typing' | 'rerun' | 'save' | 'export' | 'reload' | 'import', number>;
  keys: number[];
  eventMax: number;
  /** The event of that longest entry (keydown, keyup, keypress, …). */
  eventName: string;
  /** The baseline's first result (the CLI is checked against it). */
  baseline: BaselineResult;
  wrong: string[];
}

async function openApp(browser: Browser, base: string): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 1440, height: 900 }, acceptDownloads: true });
  await context.addInitScript({ content: INIT_SCRIPT });
  const page = await context.newPage();
  await page.goto(`${base}/?e2e`);
  await interactive(page, 0);
  return page;
}

/** The workspace is ready and the canvas shows the active workflow's nodes (at least `nodes`). */
async function interactive(page: Page, nodes: number): Promise<void> {
  await page.waitForFunction(
    (count) => {
      const hook = (globalThis as unknown as Partial<Hooked>).__swark;
      if (hook?.workspace.getState().status.phase !== 'ready' || !document.querySelector('.react-flow__pane')) return false;
      const shown = document.querySelectorAll('.react-flow__node').length;
      return shown >= count && shown === hook.graph.getState().nodes.length;
    },
    nodes,
    { ...LIMIT, polling: 50 },
  );
}

/** What an import came to: the cache dialog asks, the new workflow opened, or a notice's words why not. */
async function importOutcome(page: Page, before: string | null): Promise<string> {
  const handle = await page.waitForFunction(
    (id) => {
      const graph = (globalThis as unknown as Hooked).__swark.graph.getState();
      if (graph.importedCache) return 'asks';
      if (graph.activeWorkflowId !== id) return 'opened';
      const notice = graph.notice;
      return notice?.kind === 'error' ? `${notice.title} ${notice.items.map((item) => item.message).join(' ')}` : false;
    },
    before,
    { ...LIMIT, polling: 100 },
  );
  return (await handle.jsonValue()) as string;
}

const csvParam = (page: Page) =>
  page.evaluate(() => (globalThis as unknown as Hooked).__swark.graph.getState().nodes.find((node) => node.id === 'csv')?.data.params.text);

/** Clicks Run and waits for the run's end; the rows' `key:status`. */
async function run(page: Page): Promise<{ ms: number; statuses: string[] }> {
  await armRunEnd(page);
  const start = performance.now();
  await page.getByTestId('run-button').click();
  const statuses = await runEnd(page);
  return { ms: performance.now() - start, statuses };
}

function expectStatuses(statuses: string[], want: Record<string, string>, what: string, wrong: string[]): void {
  const got = Object.fromEntries(statuses.map((entry) => entry.split(':') as [string, string]));
  for (const [step, status] of Object.entries(want)) if (got[step] !== status) wrong.push(`${what}: step ${step} is ${got[step] ?? 'absent'}, not ${status}`);
}

async function checkRows(page: Page, want: BaselineResult, what: string, wrong: string[]): Promise<void> {
  for (const problem of [
    differs(await stepRows(page, 'aggregate'), want.aggregate, `${what}, table.aggregate`),
    differs(await stepRows(page, 'sort'), want.sorted, `${what}, table.sort`),
  ])
    if (problem) wrong.push(problem);
}

export async function appPass(browser: Browser, base: string, csvPath: string, workerScript: string, tracing: boolean): Promise<AppPass> {
  const wrong: string[] = [];
  const page = await openApp(browser, base);
  const heap = await HeapSampler.attach(page);
  // The pipeline, its CSV node holding a one-row placeholder, imported through the toolbar.
  await page.getByTestId('import-input').setInputFiles({
    name: 'million.swark.json',
    mimeType: 'application/json',
    buffer: Buffer.from(pipelineFile('id,city,amount,day\n0,Oslo,1.5,2024-01-01\n')),
  });
  await interactive(page, STEP_IDS.length);

  progress('imported the pipeline');
  // The baseline, in a Worker of this page, on the same file; then gone before the app's turn.
  await startBaseline(page, workerScript, csvPath);
  heap.start();
  const baseA = await baselineRun(page, 'run', THRESHOLDS.first);
  const baselineHeap = await heap.stop();
  const baseB = await baselineRun(page, 'rerun', THRESHOLDS.edited);
  await stopBaseline(page);
  await heap.collectGarbage();
  await takeLongest(page);

  progress('baseline done');
  // "Load from file" in the CSV node's inspector: the real file input, the file from disk.
  await page.evaluate(() => (globalThis as unknown as Hooked).__swark.graph.getState().selectNode('csv'));
  const loadStart = performance.now();
  await page.getByTestId('load-file-input-text').setInputFiles(csvPath);
  await page.waitForFunction(
    () => {
      const text = (globalThis as unknown as Hooked).__swark.graph.getState().nodes.find((node) => node.id === 'csv')?.data.params.text;
      return typeof text === 'object' && text !== null && (text as { $swark?: string }).$swark === 'file';
    },
    null,
    { ...LIMIT, polling: 100 },
  );
  const loadMs = performance.now() - loadStart;
  await page.evaluate(() => (globalThis as unknown as Hooked).__swark.workspace.getState().flush());
  await page.waitForTimeout(1500);
  const longest = { load: await takeLongest(page) } as AppPass['longest'];
  if (!JSON.stringify(await csvParam(page)).includes('"size"')) wrong.push('the CSV node does not hold a stored file');

  progress('loaded the file');
  heap.start();
  const first = await traced(browser, page, tracing, 'first run', () => run(page));
  const heapPeak = await heap.stop();
  longest.run = await takeLongest(page);
  expectStatuses(first.statuses, Object.fromEntries(STEP_IDS.map((id) => [id, 'ran'])), 'first run', wrong);
  await checkRows(page, baseA.result, 'first run', wrong);

  progress('first run done');
  // The edit: the filter's condition replaced by typing it, key by key, in its text box.
  await page.evaluate(() => (globalThis as unknown as Hooked).__swark.graph.getState().selectNode('filter'));
  const box = page.getByTestId('param-where-input');
  await box.click();
  await page.waitForTimeout(300);
  await takeLongest(page);
  await takeKeys(page);
  await traced(browser, page, tracing, 'typing the condition', async () => {
    await page.keyboard.press('ControlOrMeta+a');
    for (const key of condition(THRESHOLDS.edited)) {
      await page.keyboard.press(key === ' ' ? 'Space' : key);
      await page.waitForTimeout(120);
    }
    await page.keyboard.press('Escape');
    await page.waitForTimeout(800);
  });
  const { keys, eventMax, eventName } = await takeKeys(page);
  longest.typing = await takeLongest(page);
  const where = await page.evaluate(
    () => (globalThis as unknown as Hooked).__swark.graph.getState().nodes.find((node) => node.id === 'filter')?.data.params.where,
  );
  if (where !== condition(THRESHOLDS.edited)) wrong.push(`the typed condition reads ${JSON.stringify(where)}`);

  const second = await traced(browser, page, tracing, 'rerun after the edit', () => run(page));
  longest.rerun = await takeLongest(page);
  expectStatuses(second.statuses, { csv: 'skipped', filter: 'ran', aggregate: 'ran', sort: 'ran', plot: 'ran' }, 'rerun', wrong);
  await checkRows(page, baseB.result, 'rerun', wrong);

  progress('rerun done');
  const saveStart = performance.now();
  await page.evaluate(() => (globalThis as unknown as Hooked).__swark.workspace.getState().flush());
  const saveMs = performance.now() - saveStart;
  longest.save = await takeLongest(page);

  // Export with cache, through the toolbar.
  await page.getByTestId('export-include-cache').check();
  const exportStart = performance.now();
  const [download] = await traced(browser, page, tracing, 'export with cache', () =>
    Promise.all([page.waitForEvent('download', LIMIT), page.getByTestId('export-button').click()]),
  );
  const exported = await download.path();
  const exportMs = performance.now() - exportStart;
  const exportBytes = statSync(exported).size;
  longest.export = await takeLongest(page);
  await heap.detach();

  progress('exported');
  const reloadStart = performance.now();
  await page.reload();
  await interactive(page, STEP_IDS.length);
  const reloadMs = performance.now() - reloadStart;
  await page.waitForTimeout(1000);
  longest.reload = await takeLongest(page);

  progress('reloaded');
  // The export imported back, its cached results used (the dialog's "Use").
  const before = await page.evaluate(() => (globalThis as unknown as Hooked).__swark.graph.getState().activeWorkflowId);
  await armImportClock(page);
  const importStart = performance.now();
  await page.getByTestId('import-input').setInputFiles(exported);
  const outcome = await importOutcome(page, before);
  if (outcome === 'asks') {
    await page.getByTestId('import-cache-use').click(LIMIT);
    await importOutcome(page, before);
  } else if (outcome === 'opened') wrong.push('the export with cache brought no cached results');
  const appMs = await importAppMs(page, STEP_IDS.length);
  await interactive(page, STEP_IDS.length);
  // NaN: the app refused the file (`importRefused` says why).
  const drivenMs = performance.now() - importStart;
  const importMs = outcome === 'asks' || outcome === 'opened' ? appMs : NaN;
  const importRefused = Number.isNaN(importMs) ? outcome : null;
  longest.import = await takeLongest(page);
  // Its cached results in use, a Run of the imported copy skips every step.
  let importedRunMs = NaN;
  if (!importRefused) {
    const again = await run(page);
    importedRunMs = again.ms;
    expectStatuses(again.statuses, Object.fromEntries(STEP_IDS.map((id) => [id, 'skipped'])), 'run of the imported export', wrong);
  }
  await page.context().close();
  return {
    baselineMs: baseA.ms,
    baselineRerunMs: baseB.ms,
    baselineHeap,
    loadMs,
    runMs: first.ms,
    rerunMs: second.ms,
    heap: heapPeak,
    saveMs,
    exportMs,
    exportBytes,
    reloadMs,
    importMs,
    importDrivenMs: drivenMs,
    importRefused,
    importedRunMs,
    longest,
    keys,
    eventMax,
    eventName,
    baseline: baseA.result,
    wrong,
  };
}

/** Reload to interactive of an empty workspace, in a fresh context (its first load not timed). */
export async function emptyReload(browser: Browser, base: string): Promise<number> {
  const page = await openApp(browser, base);
  const start = performance.now();
  await page.reload();
  await interactive(page, 0);
  const ms = performance.now() - start;
  await page.context().close();
  return ms;
}
