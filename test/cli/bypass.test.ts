/** `swark run` honours a bypass exported in a `.swark.json` (format version 4). */
import { beforeAll, describe, expect, it } from 'vitest';
import { arithmeticFile, statuses, swark, tempDir, writeJson } from './helpers';

/** The `(x + y) * k` file with its add step bypassed; `wired: false` gives add its numbers as params (nothing to pass through). */
function bypassedFile(wired: boolean) {
  const file = arithmeticFile({ x: 1, y: 2, k: 3 });
  const [add, scale] = file.workflow.steps;
  const bypassedAdd = wired ? { ...add, bypassed: true } : { ...add, inputs: {}, params: { a: 1, b: 2 }, bypassed: true };
  return { ...file, version: 4, workflow: { ...file.workflow, steps: [bypassedAdd, scale] } };
}

describe('swark run with a bypassed step', () => {
  let dir: string;
  beforeAll(() => {
    dir = tempDir();
    writeJson(dir, 'passes.swark.json', bypassedFile(true));
    writeJson(dir, 'cuts.swark.json', bypassedFile(false));
  });

  it('does not run it and passes its first number input through: (x) * k', async () => {
    const result = await swark(dir, 'run', 'passes.swark.json');
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/\[1\/2\] bypassed +add \(math\.add\) .*\(bypassed: passes a → sum\)/);
    expect(result.stdout).toMatch(/^2 steps: 1 ran, 0 skipped, 1 bypassed, 0 not run in /m);
    expect(result.stdout).toMatch(/^output result = 3$/m);
  });

  it('reports it in --json, and a second run skips the step after it', async () => {
    const result = await swark(dir, 'run', 'passes.swark.json', '--json');
    expect(statuses(result)).toEqual({ add: 'bypassed', scale: 'skipped' });
    expect(JSON.parse(result.stdout)).toMatchObject({ ok: true, output: { result: 3 }, counts: { bypassed: 1, skipped: 1 } });
  });

  it('with no input to pass through, the step after it is not run, and the run still succeeds', async () => {
    const result = await swark(dir, 'run', 'cuts.swark.json', '--json');
    expect(result.code).toBe(0);
    const report = JSON.parse(result.stdout) as { steps: { key: string; status: string; reason?: string }[] };
    expect(report.steps.map(({ key, status, reason }) => [key, status, reason])).toEqual([
      ['add', 'bypassed', 'bypassed: passes nothing on'],
      ['scale', 'not-run', 'upstream bypassed'],
    ]);
  });
});
