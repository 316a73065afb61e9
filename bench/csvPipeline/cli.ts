/**
 * The CLI half: `swark run <file> --file csv=<path>` of the pipeline in a fresh folder (its own
 * workspace, so it parses, runs and caches every step as the app does), against the Node baseline
 * script doing the same work on the same file. Both are timed as whole processes, start included
 * (neither start subtracted): a person waits for both, and each side's start is printed apart.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { BaselineResult, Row } from './data';

const SWARK = resolve('bin/swark.mjs');

export interface Timed<T> {
  ms: number;
  value: T;
}

function spawnTimed(args: string[], cwd: string): Timed<string> {
  const start = performance.now();
  const result = spawnSync(process.execPath, args, { cwd, encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 });
  const ms = performance.now() - start;
  if (result.status !== 0) throw new Error(`${args.join(' ')} failed (${result.status}): ${result.stderr || result.stdout}`);
  return { ms, value: result.stdout };
}

/** `swark run` of the pipeline with the CSV at `csvPath`; its chart's points (the last step's output). */
export function swarkRun(folder: string, workflowPath: string, csvPath: string): Timed<Row[]> {
  const cwd = mkdtempSync(join(folder, 'cli-'));
  const { ms, value } = spawnTimed([SWARK, 'run', workflowPath, '--file', `csv=${csvPath}`, '--json'], cwd);
  const report = JSON.parse(value) as { ok: boolean; output: Record<string, { data?: Row[]; v?: { data?: Row[] } }> | null };
  if (!report.ok) throw new Error(`swark run reported a failure: ${value.slice(0, 2000)}`);
  const chart = report.output?.['plot.chart'];
  return { ms, value: chart?.data ?? chart?.v?.data ?? [] };
}

/** The Node baseline script (see nodeBaseline.ts) on the CSV at `csvPath`. */
export function nodeRun(script: string, folder: string, csvPath: string, threshold: number): Timed<BaselineResult> {
  const { ms, value } = spawnTimed([script, csvPath, String(threshold)], folder);
  return { ms, value: (JSON.parse(value) as { result: BaselineResult }).result };
}
