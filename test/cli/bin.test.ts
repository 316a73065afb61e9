import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { arithmeticFile, tempDir, writeJson } from './helpers';

const BIN = fileURLToPath(new URL('../../bin/swark.mjs', import.meta.url));

/** The real command as a subprocess (each spawn costs ~0.5 s of tsx start-up, so cases are few and batched). */
function spawnSwark(cwd: string, ...args: string[]) {
  const result = spawnSync(process.execPath, [BIN, ...args], { cwd, encoding: 'utf8', timeout: 120_000 });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

describe('The swark command as installed (bin/swark.mjs)', () => {
  it('runs, skips on rerun, reruns only what a changed value affects, and exits non-zero with words on failure', () => {
    const dir = tempDir();
    writeJson(dir, 'sums.swark.json', arithmeticFile({ x: 1, y: 2, k: 3 }));

    const first = spawnSwark(dir, 'run', 'sums.swark.json');
    expect(first.stderr).toBe('');
    expect(first.code).toBe(0);
    expect(first.stdout).toMatch(/\[1\/2\] ran +add/);
    expect(first.stdout).toMatch(/^output result = 9$/m);

    const second = spawnSwark(dir, 'run', 'sums.swark.json');
    expect(second.stdout).toMatch(/\[1\/2\] skipped add/);
    expect(second.stdout).toMatch(/\[2\/2\] skipped scale/);

    writeJson(dir, 'sums.swark.json', arithmeticFile({ x: 1, y: 2, k: 4 }));
    const third = spawnSwark(dir, 'run', 'sums.swark.json', '--json');
    const report = JSON.parse(third.stdout) as { steps: { key: string; status: string }[]; output: unknown };
    expect(report.steps.map((step) => `${step.key}:${step.status}`)).toEqual(['add:skipped', 'scale:ran']);
    expect(report.output).toEqual({ result: 12 });

    const badRef = spawnSwark(dir, 'run', 'app://arithmetic/workflows/nothing');
    expect(badRef.code).toBe(1);
    expect(badRef.stderr).toMatch(
      /cannot resolve reference "app:\/\/arithmetic\/workflows\/nothing": application "arithmetic" has no workflows file "nothing"/,
    );

    const badUsage = spawnSwark(dir, 'inspect');
    expect(badUsage.code).toBe(2);
    expect(badUsage.stderr).toMatch(/swark inspect takes one argument/);
    // Seven real `swark` processes, each starting Node and tsx (about 1 s alone, several on a busy 2-core machine).
  }, 600_000);
});
