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

/** The `(x + y) * k` workflow as an exported `.swark.json`, on the library's math models. */
export function arithmeticFile(state: { x: number; y: number; k: number }, name = 'sums') {
  return {
    format: 'swark.workflow',
    version: 1,
    name,
    workflow: {
      steps: [
        { id: 'add', model: 'math.add', inputs: { x: 'a', y: 'b' }, outputs: { sum: 'sum' } },
        { id: 'scale', model: 'math.multiply', inputs: { sum: 'value', k: 'factor' }, outputs: { product: 'result' } },
      ],
      useExtracts: true,
      populateExtracts: true,
    },
    layout: { add: { x: 0, y: 0 }, scale: { x: 260, y: 0 } },
    state,
  };
}

export function writeJson(dir: string, name: string, value: unknown): string {
  const path = join(dir, name);
  writeFileSync(path, JSON.stringify(value, null, 2));
  return path;
}

export interface StepLine {
  key: string;
  status: string;
  reason?: string;
}

/** The per-step statuses of a `--json` report. */
export function statuses(result: CliResult): Record<string, string> {
  const report = JSON.parse(result.stdout) as { steps: StepLine[] };
  return Object.fromEntries(report.steps.map((step) => [step.key, step.status]));
}
