/**
 * Backup export and import of a 200 MB workspace in headless Chromium (issue 13), against the real
 * app build and through the page as a person does it: the footer's "Export backup" button, then
 * "Import backup" with the file it made, the review's "Replace", until the footer says "Saved".
 *
 * - time: from the click (or the file's choice) to the Blob handed to the download (or to the
 *   workspace saved), in the page's own clock, beside a raw IndexedDB read (for import: write) of
 *   the same bytes in the same page and run; target export ≤ 1.5× the read.
 * - memory: the renderer process's peak resident memory during the action above what it held
 *   before (the kernel's high-water mark, reset just before: no sampling misses a peak; it counts
 *   the JS heap, array buffers and sql.js's wasm memory alike); target ≤ 1.5× the backup's size.
 * Each figure is the median of interleaved rounds (baseline, subject, baseline, subject, …).
 */
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { build, preview } from 'vite';
import { chromium, type BrowserContext, type Page } from '@playwright/test';
// @ts-expect-error plain ESM helper shared with the e2e config
import { findChromium, CHROMIUM_ARGS } from '../scripts/browser.mjs';

const PORT = Number(process.env.BENCH_PORT ?? 4313);
const OUT_DIR = `.e2e-dist/bench-backup-${PORT}`;
const MB = 1024 * 1024;
const TOTAL_MB = Number(process.env.BACKUP_BENCH_MB ?? 200);
const VALUE_MB = 5;
const ROUNDS = Number(process.env.BACKUP_BENCH_ROUNDS ?? 3);

type Hook = { __swark: import('../src/studio/testHook').SwarkTestHook };

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? (sorted[mid] as number) : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
};

/** The renderer processes under this one (Chromium's own children), by pid. */
function renderers(): number[] {
  const parents = new Map<number, number>();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      parents.set(Number(entry), Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]));
    } catch {
      // gone meanwhile
    }
  }
  const descends = (pid: number): boolean => {
    for (let at = parents.get(pid); at !== undefined && at > 1; at = parents.get(at)) if (at === process.pid) return true;
    return false;
  };
  return [...parents.keys()].filter((pid) => {
    try {
      return descends(pid) && readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes('--type=renderer');
    } catch {
      return false;
    }
  });
}

const statusKb = (pid: number, field: 'VmRSS' | 'VmHWM') =>
  Number(new RegExp(`${field}:\\s+(\\d+) kB`).exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? NaN);

/** The renderer resident the most: the page's, when one page is open (an idle spare renderer holds little). */
const largestRenderer = (not: number[] = []): number | undefined =>
  renderers()
    .filter((candidate) => !not.includes(candidate))
    .map((candidate) => ({ candidate, rss: statusKb(candidate, 'VmRSS') }))
    .sort((a, b) => b.rss - a.rss)[0]?.candidate;

/**
 * Peak resident memory above the start while `action` runs, in the page's renderer process.
 * `action` may call `mark()` to end a stage: it returns the stage's peak and resets the mark, so
 * each stage's own peak is known (all above the same start); the whole peak is the greatest.
 */
async function peakDuring<T>(page: Page, pid: number, action: (mark: () => number) => Promise<T>): Promise<{ result: T; peakMb: number }> {
  await page.evaluate(() => (globalThis as unknown as { gc: () => void }).gc());
  const reset = () => writeFileSync(`/proc/${pid}/clear_refs`, '5'); // resets the high-water mark to what is resident now
  reset();
  const before = statusKb(pid, 'VmRSS');
  const peakSoFar = () => (statusKb(pid, 'VmHWM') - before) / 1024;
  const stages: number[] = [];
  const result = await action(() => {
    const mb = peakSoFar();
    reset();
    stages.push(mb);
    return mb;
  });
  return { result, peakMb: Math.max(peakSoFar(), ...stages) };
}

async function waitSaved(page: Page) {
  await page.waitForFunction(
    () => {
      const ws = (window as unknown as Partial<Hook>).__swark?.workspace.getState();
      return ws?.status.phase === 'ready' && !ws.unsaved && document.querySelector('[data-testid="save-status"]')?.textContent?.startsWith('Saved');
    },
    null,
    { timeout: 600_000, polling: 100 },
  );
}

/** `totalMb` of distinct cached outputs over five workflows, saved. */
async function fillWorkspace(page: Page) {
  await page.evaluate(
    async ({ totalMb, valueMb, MB }) => {
      const hook = (window as unknown as Hook).__swark;
      for (let i = 0; i < totalMb / valueMb; i++) {
        const workflowId = `big-${i % 5}`;
        const now = Date.now() - 60_000 + i;
        hook.ports.saveWorkflow({
          id: workflowId,
          name: `Big ${i % 5}`,
          workflow: { steps: [], useExtracts: true, populateExtracts: true },
          layout: {},
          state: {},
          createdAt: now,
          updatedAt: now,
        });
        const output = `${i}:`.padEnd(valueMb * MB, 'x');
        hook.ports.putExtracts(workflowId, [
          { stepKey: `s${i}`, inputHash: `h${i}`, input: { value: i, model: 'm', version: '1' }, output: { value: output, model: 'm', version: '1' } },
        ]);
        await hook.workspace.getState().flush();
        const notice = hook.workspace.getState().status.notice;
        if (notice) throw new Error(`the workspace did not save: ${notice}`);
      }
    },
    { totalMb: TOTAL_MB, valueMb: VALUE_MB, MB },
  );
}

/** In the page: times each export and import and keeps the last backup for the import. */
const PAGE_PROBES = `
  window.__bench = { exports: [] };
  const create = URL.createObjectURL.bind(URL);
  URL.createObjectURL = (blob) => {
    if (blob instanceof Blob && window.__bench.exportStart !== undefined) {
      window.__bench.exports.push(performance.now() - window.__bench.exportStart);
      window.__bench.exportStart = undefined;
      window.__bench.backup = blob;
    }
    return create(blob);
  };
  document.addEventListener('click', (event) => {
    if (event.target instanceof Element && event.target.closest('[data-testid="backup-export-button"]')) window.__bench.exportStart = performance.now();
  }, true);
`;

interface Bench {
  exports: number[];
  backup?: Blob;
}
const bench = (page: Page) => page.evaluate(() => ({ ...(window as unknown as { __bench: Bench }).__bench, backup: undefined }));

/** A raw IndexedDB read of every stored value and the snapshot, in one transaction each; ms. */
const rawRead = (page: Page) =>
  page.evaluate(async () => {
    const open = (name: string) =>
      new Promise<IDBDatabase>((resolve, reject) => {
        const request = indexedDB.open(name);
        request.onsuccess = () => resolve(request.result);
        request.onerror = () => reject(request.error);
      });
    const getAll = (db: IDBDatabase, store: string) =>
      new Promise<unknown[]>((resolve, reject) => {
        const request = db.transaction(store).objectStore(store).getAll();
        request.onsuccess = () => resolve(request.result);
        request.onerror = () => reject(request.error);
      });
    const [values, meta] = await Promise.all([open('swark-workspace-values'), open('swark-workspace')]);
    const start = performance.now();
    const read = await Promise.all([getAll(values, 'values'), getAll(meta, 'snapshots')]);
    const ms = performance.now() - start;
    // Whatever form the app keeps values in (UTF-8 bytes since value format 2, strings before), as stored.
    const chars = (read[0] as (string | Uint8Array)[]).reduce((sum, value) => sum + (typeof value === 'string' ? value.length : value.byteLength), 0);
    values.close();
    meta.close();
    return { ms, chars };
  });

/** A raw IndexedDB write of the backup's bytes (read from its file first, as an import must); ms. */
const rawWrite = (page: Page) =>
  page.evaluate(async () => {
    const backup = (window as unknown as { __bench: Bench }).__bench.backup as Blob;
    const db = await new Promise<IDBDatabase>((resolve, reject) => {
      const request = indexedDB.open('bench-raw', 1);
      request.onupgradeneeded = () => request.result.createObjectStore('kv');
      request.onsuccess = () => resolve(request.result);
      request.onerror = () => reject(request.error);
    });
    const start = performance.now();
    const bytes = await backup.arrayBuffer();
    await new Promise<void>((resolve, reject) => {
      const tx = db.transaction('kv', 'readwrite');
      tx.objectStore('kv').put(bytes, 'backup');
      tx.oncomplete = () => resolve();
      tx.onerror = () => reject(tx.error);
    });
    const ms = performance.now() - start;
    await new Promise<void>((resolve) => {
      const tx = db.transaction('kv', 'readwrite');
      tx.objectStore('kv').clear();
      tx.oncomplete = () => resolve();
    });
    db.close();
    return ms;
  });

async function exportOnce(page: Page): Promise<number> {
  const done = (await bench(page)).exports.length;
  await page.getByTestId('backup-export-button').click();
  await page.waitForFunction((n) => (window as unknown as { __bench: Bench }).__bench.exports.length > n, done, { timeout: 600_000, polling: 50 });
  return (await bench(page)).exports[done] as number;
}

/** Imports the kept backup; the time, and the peak up to the review (file read, sql.js, the checks). */
async function importOnce(page: Page, mark: () => number): Promise<{ ms: number; toReviewMb: number }> {
  const start = await page.evaluate(() => {
    const backup = (window as unknown as { __bench: Bench }).__bench.backup as Blob;
    const input = document.querySelector('[data-testid="backup-import-input"]') as HTMLInputElement;
    const files = new DataTransfer();
    files.items.add(new File([backup], 'bench.sqlite', { type: 'application/vnd.sqlite3' }));
    input.files = files.files;
    const at = performance.now();
    input.dispatchEvent(new Event('change', { bubbles: true }));
    return at;
  });
  await page.getByTestId('backup-review-confirm').waitFor({ timeout: 600_000 });
  const toReviewMb = mark();
  await page.getByTestId('backup-review-confirm').click();
  await page.getByTestId('backup-import-message').waitFor({ timeout: 600_000 });
  await waitSaved(page);
  return { ms: (await page.evaluate(() => performance.now())) - start, toReviewMb };
}

function line(label: string, ms: number, mb: number) {
  console.log(`  ${label.padEnd(58)} ${ms.toFixed(0).padStart(7)} ms   peak +${mb.toFixed(0).padStart(4)} MB`);
}

async function main() {
  const executablePath = (findChromium as () => string | null)();
  if (!executablePath) throw new Error('no Chromium found: install it (apt-get install chromium) or set SWARK_CHROMIUM');
  console.log('building the app…');
  await build({ logLevel: 'error', build: { outDir: OUT_DIR, emptyOutDir: true } });
  const server = await preview({ logLevel: 'error', build: { outDir: OUT_DIR }, preview: { host: '127.0.0.1', port: PORT, strictPort: true } });
  // A profile on disk: an in-memory (incognito) context's storage quota is too small for 200 MB.
  const profile = mkdtempSync(join(tmpdir(), 'swark-backup-bench-'));
  let context: BrowserContext | null = null;
  try {
    context = await chromium.launchPersistentContext(profile, {
      executablePath,
      args: [...(CHROMIUM_ARGS as string[]), '--js-flags=--expose-gc'],
      acceptDownloads: false,
    });
    await context.addInitScript({ content: 'window.__name = (f) => f;' });
    await context.addInitScript({ content: PAGE_PROBES });
    const page = context.pages()[0] ?? (await context.newPage());
    await page.goto(`http://127.0.0.1:${PORT}/?e2e`);
    await waitSaved(page);
    console.log(`filling the workspace with ${TOTAL_MB} MB of cached outputs…`);
    await fillWorkspace(page);
    await page.reload();
    await waitSaved(page);
    const pid = largestRenderer();
    if (pid === undefined) throw new Error('cannot find the page’s renderer process');

    const reads: { ms: number; mb: number }[] = [];
    const exports: { ms: number; mb: number }[] = [];
    let chars = 0;
    await exportOnce(page); // warm-up: the export's code and sql.js load on first use
    for (let round = 0; round < ROUNDS; round++) {
      const read = await peakDuring(page, pid, () => rawRead(page));
      chars = read.result.chars;
      reads.push({ ms: read.result.ms, mb: read.peakMb });
      const exported = await peakDuring(page, pid, () => exportOnce(page));
      exports.push({ ms: exported.result, mb: exported.peakMb });
    }
    const backupMb = (await page.evaluate(() => ((window as unknown as { __bench: Bench }).__bench.backup as Blob).size)) / MB;

    const writes: { ms: number; mb: number }[] = [];
    const imports: { ms: number; mb: number }[] = [];
    const toReview: number[] = [];
    for (let round = 0; round < ROUNDS; round++) {
      const write = await peakDuring(page, pid, () => rawWrite(page));
      writes.push({ ms: write.result, mb: write.peakMb });
      const imported = await peakDuring(page, pid, (mark) => importOnce(page, mark));
      imports.push({ ms: imported.result.ms, mb: imported.peakMb });
      toReview.push(imported.result.toReviewMb);
    }
    // The export's peak in a page that has not read the values before: in the page above, each export
    // reuses memory the baseline's read had just freed (still resident), so the high-water mark never
    // rose. Each tab is a new renderer process; its first export is what a person meets. Only one tab
    // writes the workspace, so the page above is closed first.
    // A closed page's renderer may linger a moment, still holding the most (or be given to the next
    // tab, memory and all): each is waited for until it is gone.
    const closed = [pid];
    const gone = async (closedPid: number) => {
      for (let waited = 0; existsSync(`/proc/${closedPid}`) && waited < 10_000; waited += 100) await new Promise((resolve) => setTimeout(resolve, 100));
    };
    await page.close();
    await gone(pid);
    const freshExports: number[] = [];
    for (let round = 0; round < ROUNDS; round++) {
      const tab = await context.newPage();
      await tab.goto(`http://127.0.0.1:${PORT}/?e2e`);
      await waitSaved(tab);
      // The only page open, so the renderer holding the most (a new process, not Chromium's idle spare one).
      const tabPid = largestRenderer(closed);
      if (tabPid === undefined) throw new Error('cannot find the new tab’s renderer process');
      freshExports.push((await peakDuring(tab, tabPid, () => exportOnce(tab))).peakMb);
      await tab.close();
      closed.push(tabPid);
      await gone(tabPid);
    }
    const freshExportMb = median(freshExports);
    const mid = (rows: { ms: number; mb: number }[]) => ({ ms: median(rows.map((r) => r.ms)), mb: median(rows.map((r) => r.mb)) });
    const [read, exported, write, imported] = [mid(reads), mid(exports), mid(writes), mid(imports)];
    const verdict = (ok: boolean) => (ok ? '✓' : '✗');
    console.log(
      `backup of a ${TOTAL_MB} MB workspace (${(chars / MB).toFixed(0)} M characters of values; the file: ${backupMb.toFixed(1)} MB), median of ${ROUNDS}`,
    );
    line('baseline: raw IndexedDB read of the same values + snapshot', read.ms, read.mb);
    line('Export backup (click → Blob handed to the download)', exported.ms, exported.mb);
    console.log(
      `  export time ${(exported.ms / read.ms).toFixed(2)}× the read  ${verdict(exported.ms <= 1.5 * read.ms)} target ≤ 1.5×;` +
        ` peak in a fresh tab (its first export) +${freshExportMb.toFixed(0)} MB = ${(freshExportMb / backupMb).toFixed(2)}× the backup  ${verdict(freshExportMb <= 1.5 * backupMb)} target ≤ 1.5×` +
        ` (in the warm page above: +${exported.mb.toFixed(0)} MB, memory its read had freed reused)`,
    );
    line('baseline: read the file + raw IndexedDB put of its bytes', write.ms, write.mb);
    line('Import backup (file chosen → review → Replace → Saved)', imported.ms, imported.mb);
    console.log(
      `  import time ${(imported.ms / write.ms).toFixed(2)}× the write (no target);` +
        ` peak ${(imported.mb / backupMb).toFixed(2)}× the backup  ${verdict(imported.mb <= 1.5 * backupMb)} target ≤ 1.5×`,
    );
    console.log(
      `  of which: file chosen → review shown (read, sql.js, checks, each value to IndexedDB as checked) peak +${median(toReview).toFixed(0)} MB;` +
        ` the whole peak is the greater of that and review → Replace → Saved (the save)`,
    );
    const rounds = (rows: { mb: number }[]) => rows.map((row) => `+${row.mb.toFixed(0)}`).join(', ');
    const first = (imports[0] as { mb: number }).mb;
    console.log(
      `  the page's first import (sql.js's memory not grown yet, as a person meets it): peak +${first.toFixed(0)} MB = ${(first / backupMb).toFixed(2)}× the backup  ${verdict(first <= 1.5 * backupMb)} target ≤ 1.5×`,
    );
    console.log(
      `  each round's peak, MB: export ${rounds(exports)}, in a fresh tab ${rounds(freshExports.map((mb) => ({ mb })))}; import ${rounds(imports)} (to the review ${rounds(toReview.map((mb) => ({ mb })))})`,
    );
  } finally {
    await context?.close();
    rmSync(profile, { recursive: true, force: true });
    await new Promise<void>((resolve) => server.httpServer.close(() => resolve()));
  }
}

await main();
