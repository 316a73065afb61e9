/**
 * A million rows through the app (issue 12), in headless Chromium on the production build: a
 * 1,000,000-row CSV (≈ 40 MB, made here) loaded from a file into a CSV node → table.filter →
 * table.aggregate → table.sort → chart.plot; Run, edit the filter's condition by typing, Run again,
 * save, export with cache, reload, import the export back and run it, every step skipped
 * (bench/csvPipeline/app.ts). Each figure beside a baseline measured in the same run:
 *  - the runs against the same arquero pipeline in a Worker of the same page (bundled by esbuild,
 *    started from a Blob URL; what differs is said in csvPipeline/data.ts);
 *  - the main thread's longest task per phase (target < 50 ms), a key typed in the condition's box
 *    (its event to the next frame; target < 16 ms);
 *  - reload to interactive against an empty workspace's reload in a fresh context;
 *  - the peak JS heap of page and worker during the first run, and the export's size, against the
 *    CSV's size; the import of the export;
 *  - `swark run` of the pipeline against arquero called directly in Node (csvPipeline/cli.ts).
 * The app's aggregate and sort (and the CLI's chart) must equal arquero's, else WRONG RESULT.
 * Reproduce: `npx tsx bench/csv-pipeline.bench.ts` (BENCH_PORT; CSV_PIPELINE_ROWS, default 1,000,000;
 * CSV_PIPELINE_SAMPLES, default 1; CSV_BENCH_TRACE=1 explains each run's longest task, unminified).
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from '@playwright/test';
import { build, preview } from 'vite';
// @ts-expect-error plain ESM helper shared with the e2e config
import { findChromium, CHROMIUM_ARGS } from '../scripts/browser.mjs';
import { appPass, emptyReload, type AppPass } from './csvPipeline/app';
import { nodeScript, workerScript } from './csvPipeline/bundle';
import { nodeRun, swarkRun } from './csvPipeline/cli';
import { differs, makeCsv, pipelineFile, THRESHOLDS } from './csvPipeline/data';

const PORT = Number(process.env.BENCH_PORT ?? 4326);
const OUT = `.e2e-dist/bench-csv-pipeline-${PORT}`;
const ROWS = Number(process.env.CSV_PIPELINE_ROWS ?? 1_000_000);
const SAMPLES = Number(process.env.CSV_PIPELINE_SAMPLES ?? 1);
const tracing = process.env.CSV_BENCH_TRACE === '1';
const BASE = `http://127.0.0.1:${PORT}`;

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? (sorted[mid] as number) : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
};
const ms = (value: number) => `${value.toFixed(0)} ms`;
const mb = (bytes: number) => `${(bytes / 1e6).toFixed(1)} MB`;
const task = (value: number) => (value === 0 ? 'none ≥ 50' : ms(value));
const mark = (ok: boolean) => (ok ? '✓' : '✗');
const line = (label: string, subject: string, baseline: string, verdict: string) =>
  console.log(`  ${label.padEnd(52)} ${subject.padStart(12)}  ${baseline.padStart(26)}  ${verdict}`);
/** The subject's and baseline's medians, and the median of the per-sample ratios (each pair measured together). */
const ratioLine = (label: string, subjects: number[], baselines: number[], baselineLabel: string, target: number, unit = ms) => {
  const ratios = subjects.map((subject, i) => subject / (baselines[i] ?? (baselines[0] as number)));
  const ratio = median(ratios);
  const each = ratios.length > 1 ? `  (${ratios.map((r) => r.toFixed(2)).join(', ')})` : '';
  line(label, unit(median(subjects)), `${unit(median(baselines))} ${baselineLabel}`, `${ratio.toFixed(2)}×  ${mark(ratio <= target)} ≤ ${target}×${each}`);
};

const folder = mkdtempSync(join(tmpdir(), 'swark-csv-pipeline-'));
const csv = makeCsv(ROWS);
const csvPath = join(folder, 'million.csv');
writeFileSync(csvPath, csv);
const tinyPath = join(folder, 'tiny.csv');
writeFileSync(tinyPath, makeCsv(10));
const workflowPath = join(folder, 'million.swark.json');
writeFileSync(workflowPath, pipelineFile('id,city,amount,day\n'));
const nodeBaseline = join(folder, 'baseline.mjs');
await nodeScript(nodeBaseline);
const worker = await workerScript();
const csvBytes = Buffer.byteLength(csv);
const load = () => readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ');
console.log(`${ROWS.toLocaleString('en-US')} rows, ${mb(csvBytes)} CSV; load average ${load()}`);

await build({ logLevel: 'warn', build: { outDir: OUT, emptyOutDir: true, minify: !tracing } });
const server = await preview({ logLevel: 'warn', build: { outDir: OUT }, preview: { host: '127.0.0.1', port: PORT, strictPort: true } });
const executablePath = (findChromium as () => string | null)();
const browser = await chromium.launch({ ...(executablePath ? { executablePath } : {}), args: CHROMIUM_ARGS as string[] });

const passes: AppPass[] = [];
const empty: number[] = [];
const cli: { swark: number[]; node: number[]; swarkStart: number[]; nodeStart: number[] } = { swark: [], node: [], swarkStart: [], nodeStart: [] };
const wrong: string[] = [];
try {
  for (let i = 0; i < SAMPLES; i++) {
    const pass = await appPass(browser, BASE, csvPath, worker, tracing);
    passes.push(pass);
    wrong.push(...pass.wrong);
    empty.push(await emptyReload(browser, BASE));
    // The CLI and its baseline, interleaved; each start is the least of three runs on a 10-row file.
    const swark = swarkRun(folder, workflowPath, csvPath);
    const node = nodeRun(nodeBaseline, folder, csvPath, THRESHOLDS.first);
    cli.swark.push(swark.ms);
    cli.node.push(node.ms);
    cli.swarkStart.push(Math.min(...[0, 1, 2].map(() => swarkRun(folder, workflowPath, tinyPath).ms)));
    cli.nodeStart.push(Math.min(...[0, 1, 2].map(() => nodeRun(nodeBaseline, folder, tinyPath, THRESHOLDS.first).ms)));
    const chart = differs(swark.value, pass.baseline.chart, 'swark run, chart.plot');
    const nodeSame = differs(node.value.aggregate, pass.baseline.aggregate, 'arquero in Node against arquero in the page');
    for (const problem of [chart, nodeSame]) if (problem) wrong.push(problem);
  }
} finally {
  await browser.close();
  await server.close();
  rmSync(folder, { recursive: true, force: true });
}

const all = (pick: (pass: AppPass) => number) => passes.map(pick);
const of = (pick: (pass: AppPass) => number) => median(all(pick));
const worst = (pick: (pass: AppPass) => number) => Math.max(...passes.map(pick));
console.log(`\na million rows through the app (median of ${SAMPLES}; load average now ${load()})`);
line('figure', 'app', 'baseline', 'ratio / target');
ratioLine(
  'first run (Run → every step ran)',
  all((p) => p.runMs),
  all((p) => p.baselineMs),
  'arquero, page Worker',
  1.3,
);
ratioLine(
  'rerun after the filter edit',
  all((p) => p.rerunMs),
  all((p) => p.baselineRerunMs),
  'arquero, parsed table',
  1.3,
);
line('load from file (input → the node holds the file)', ms(of((p) => p.loadMs)), '', '');
for (const phase of ['load', 'run', 'typing', 'rerun', 'save', 'export', 'reload', 'import'] as const) {
  const longest = worst((p) => p.longest[phase]);
  line(`longest main-thread task: ${phase}`, task(longest), '', `${mark(longest < 50)} < 50 ms`);
}
const keys = passes.flatMap((p) => p.keys);
const keyWorst = Math.max(...keys);
const eventMax = worst((p) => p.eventMax);
const eventName = passes.find((p) => p.eventMax === eventMax)?.eventName ?? '';
line(`a key in the condition (event → next frame), worst of ${keys.length}`, ms(keyWorst), `median ${ms(median(keys))}`, `${mark(keyWorst < 16)} < 16 ms`);
line('  Event Timing, longest event while typing (input → paint)', eventMax === 0 ? 'none ≥ 16' : ms(eventMax), eventName, `${mark(eventMax < 16)} < 16 ms`);
ratioLine(
  'reload to interactive (ready, nodes shown)',
  all((p) => p.reloadMs),
  empty,
  'empty workspace',
  1.3,
);
ratioLine(
  'peak JS heap, page + worker, first run',
  all((p) => p.heap.total),
  [csvBytes],
  'the CSV',
  4,
  mb,
);
line('  of which page / worker', `${mb(of((p) => p.heap.page))} / ${mb(of((p) => p.heap.workers))}`, `${mb(of((p) => p.baselineHeap.total))} baseline run`, '');
ratioLine(
  'export with cache: the file',
  all((p) => p.exportBytes),
  [csvBytes],
  'the CSV',
  1.5,
  mb,
);
line('  export: click → download', ms(of((p) => p.exportMs)), '', '');
const refused = passes.find((p) => p.importRefused)?.importRefused;
if (refused) line('import of that file back', 'refused', '', `✗ ≤ 2 s: “${refused}”`);
else {
  line('import of that file back (file chosen → its nodes shown)', ms(of((p) => p.importMs)), '', `${mark(of((p) => p.importMs) <= 2000)} ≤ 2 s`);
  line('  the same from the test driver (its upload of the file, "Use" clicked)', ms(of((p) => p.importDrivenMs)), '', '');
  line('  then Run of the imported copy (every step skipped)', ms(of((p) => p.importedRunMs)), '', '');
}
ratioLine('swark run, whole process', cli.swark, cli.node, 'arquero in Node', 1.3);
line('  process starts (10-row file, least of 3)', ms(median(cli.swarkStart)), `${ms(median(cli.nodeStart))} Node script`, '');
const work = (median(cli.swark) - median(cli.swarkStart)) / Math.max(1, median(cli.node) - median(cli.nodeStart));
line('  both minus their start (for reading)', '', '', `${work.toFixed(2)}×`);
line('  page Worker baseline: posted → answered', ms(of((p) => p.baselineMs)), '', '');
if (wrong.length) {
  console.error(`WRONG RESULT:\n  ${wrong.join('\n  ')}`);
  process.exitCode = 1;
} else console.log("results: the app's aggregate and sort, and swark run's chart, equal arquero's ✓");
