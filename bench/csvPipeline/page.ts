/**
 * The page side of the 1M-row bench: the main thread's long tasks, a run waited for through the
 * run store, a key's cost, and the baseline Worker in the app's page. Page code is passed as
 * strings where tsx would wrap inner helpers in a `__name` the page lacks.
 */
import type { Page } from '@playwright/test';
import type { SwarkTestHook } from '../../src/studio/testHook';
import type { BaselineResult, Row } from './data';

/**
 * Installed before every document (so also after a reload): the longest main-thread task since
 * the last `takeLongest` (PerformanceObserver 'longtask', buffered: tasks before it count too),
 * and per key typed, the time from the key's event to the frame after it painted.
 */
export const INIT_SCRIPT = `(() => {
  window.__name = (f) => f;
  globalThis.__longest = 0;
  new PerformanceObserver((list) => { for (const e of list.getEntries()) globalThis.__longest = Math.max(globalThis.__longest, e.duration); })
    .observe({ type: 'longtask', buffered: true });
  globalThis.__keys = [];
  document.addEventListener('keydown', (event) => {
    const at = event.timeStamp;
    requestAnimationFrame(() => { const channel = new MessageChannel(); channel.port1.onmessage = () => globalThis.__keys.push(performance.now() - at); channel.port2.postMessage(0); });
  }, { capture: true });
  globalThis.__eventMax = 0;
  globalThis.__eventName = '';
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) if (e.duration > globalThis.__eventMax) { globalThis.__eventMax = e.duration; globalThis.__eventName = e.name; }
  }).observe({ type: 'event', durationThreshold: 16, buffered: true });
})()`;

/** The longest task since the last call (0: none of 50 ms or more); one frame's wait lets the last entry in. */
export async function takeLongest(page: Page): Promise<number> {
  await page.waitForTimeout(200);
  return (await page.evaluate(`(() => { const v = globalThis.__longest; globalThis.__longest = 0; return v; })()`)) as number;
}

/** Each key's event → next frame (ms) since the last call, and the longest Event Timing entry (0: none ≥ 16 ms) and its event's name. */
export async function takeKeys(page: Page): Promise<{ keys: number[]; eventMax: number; eventName: string }> {
  return (await page.evaluate(
    `(() => { const r = { keys: globalThis.__keys, eventMax: globalThis.__eventMax, eventName: globalThis.__eventName }; globalThis.__keys = []; globalThis.__eventMax = 0; return r; })()`,
  )) as { keys: number[]; eventMax: number; eventName: string };
}

/** Arms a wait for the next run's end (the run store going running → idle); resolves to the rows' statuses. */
export async function armRunEnd(page: Page): Promise<void> {
  await page.evaluate(`(() => {
    const run = globalThis.__swark.run;
    globalThis.__runEnd = new Promise((resolve) => {
      let started = false;
      const stop = run.subscribe((state) => {
        if (state.phase === 'running') started = true;
        else if (started && state.phase === 'idle') { stop(); resolve(state.steps.map((row) => row.key + ':' + row.status)); }
      });
    });
  })()`);
}

export const runEnd = (page: Page) => page.evaluate(`globalThis.__runEnd`) as Promise<string[]>;

/** The rows of a step's output table, as the viewer's "export as JSON" makes them in the worker. */
export async function stepRows(page: Page, stepKey: string): Promise<Row[]> {
  const text = await page.evaluate(async (key) => {
    const run = (globalThis as unknown as { __swark: SwarkTestHook }).__swark.run;
    run.getState().selectStep(key);
    for (let i = 0; i < 600 && run.getState().inspection?.status !== 'ready'; i++) await new Promise((resolve) => setTimeout(resolve, 50));
    const blob = await run.getState().exportValue({ side: 'output', field: 'table' }, 'json');
    run.getState().selectStep(null);
    return blob.text();
  }, stepKey);
  const value = JSON.parse(text) as Row[] | { rows?: Row[] };
  return Array.isArray(value) ? value : (value.rows ?? []);
}

/** Starts the baseline Worker from its bundled script in the page, and a file input holding the CSV for it. */
export async function startBaseline(page: Page, script: string, csvPath: string): Promise<void> {
  await page.evaluate((source) => {
    const url = URL.createObjectURL(new Blob([source], { type: 'text/javascript' }));
    (globalThis as unknown as { __baseline: Worker }).__baseline = new Worker(url);
    const input = document.createElement('input');
    input.type = 'file';
    input.id = 'bench-baseline-file';
    input.style.display = 'none';
    document.body.append(input);
  }, script);
  await page.setInputFiles('#bench-baseline-file', csvPath);
}

/** One baseline run in the page's Worker: posted to answered, as the page sees it. */
export function baselineRun(page: Page, type: 'run' | 'rerun', threshold: number): Promise<{ ms: number; workerMs: number; result: BaselineResult }> {
  return page.evaluate(
    ({ type, threshold }) =>
      new Promise((resolve, reject) => {
        const worker = (globalThis as unknown as { __baseline: Worker }).__baseline;
        const file = (document.getElementById('bench-baseline-file') as HTMLInputElement).files?.[0];
        const start = performance.now();
        worker.onerror = (event) => reject(new Error(event.message));
        worker.onmessage = (event: MessageEvent<{ result: BaselineResult; workerMs: number }>) =>
          resolve({ ms: performance.now() - start, workerMs: event.data.workerMs, result: event.data.result });
        worker.postMessage(type === 'run' ? { type, threshold, file } : { type, threshold });
      }),
    { type, threshold },
  );
}

export const stopBaseline = (page: Page) =>
  page.evaluate(() => {
    (globalThis as unknown as { __baseline: Worker }).__baseline.terminate();
    document.getElementById('bench-baseline-file')?.remove();
  });

/**
 * Arms the page's own clock for an import: when the file input's `change` fires (the file chosen;
 * the test driver's upload of the file into the browser comes before it and is no part of the
 * app), when the cache question appears and when "Use" is pressed (the person's time, not the app's).
 */
export async function armImportClock(page: Page): Promise<void> {
  await page.evaluate(`(() => {
    const clock = (globalThis.__importClock = {});
    document.addEventListener('change', (event) => {
      if (event.target && event.target.dataset && event.target.dataset.testid === 'import-input') clock.chosen = event.timeStamp;
    }, { capture: true, once: true });
    document.addEventListener('pointerdown', (event) => {
      if (event.target && event.target.closest && event.target.closest('[data-testid="import-cache-use"]')) clock.answered = event.timeStamp;
    }, { capture: true });
    const graph = globalThis.__swark.graph;
    const stop = graph.subscribe((state) => { if (state.importedCache && clock.asked === undefined) { clock.asked = performance.now(); stop(); } });
  })()`);
}

/**
 * The app's time for the import armed by {@link armImportClock}: the file chosen → the new
 * workflow's nodes drawn (checked each frame here), less the time the cache question waited for its answer.
 */
export async function importAppMs(page: Page, nodes: number): Promise<number> {
  return (await page.evaluate(
    `new Promise((resolve) => {
      const clock = globalThis.__importClock;
      const check = () => {
        const hook = globalThis.__swark;
        const shown = document.querySelectorAll('.react-flow__node').length;
        if (shown >= ${nodes} && shown === hook.graph.getState().nodes.length && !hook.graph.getState().importedCache) {
          const waited = clock.asked !== undefined && clock.answered !== undefined ? clock.answered - clock.asked : 0;
          resolve(performance.now() - clock.chosen - waited);
        } else requestAnimationFrame(check);
      };
      check();
    })`,
  )) as number;
}
