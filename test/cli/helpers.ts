import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { bufferIO } from '../../src/cli/io';
import { main } from '../../src/cli/main';

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs `swark <args>` in-process in `cwd`. */
export async function swark(cwd: string, ...args: string[]): Promise<CliResult> {
  const io = bufferIO(cwd);
  const code = await main(args, io);
  return { code, stdout: io.stdout.join('\n'), stderr: io.stderr.join('\n') };
}

export function tempDir(): string {
  return mkdtempSync(join(tmpdir(), 'swark-cli-'));
}

export { arithmeticFile } from '../fixtures/arithmeticFile';

export function writeJson(dir: string, name: string, value: unknown): string {
  const path = join(dir, name);
  writeFileSync(path, JSON.stringify(value, null, 2));
  return path;
}

interface StepLine {
  key: string;
  status: string;
  reason?: string;
}

/** The per-step statuses of a `--json` report. */
export function statuses(result: CliResult): Record<string, string> {
  const report = JSON.parse(result.stdout) as { steps: StepLine[] };
  return Object.fromEntries(report.steps.map((step) => [step.key, step.status]));
}
