/** `swark run` and the cache (issue 11): a file's cached results need --trust-cache; Always run; uncached code runs. */
import { describe, expect, it } from 'vitest';
import { arithmeticFile, statuses, swark, tempDir, writeJson } from './helpers';

/** The (x + y) * k file with forged cached results: the sum 1 + 2 claimed to be 999. */
function forgedFile() {
  const file = arithmeticFile({ x: 1, y: 2, k: 3 });
  return {
    ...file,
    workflow: {
      ...file.workflow,
      modelInputs: { add: { model: null, version: null, value: { a: 1, b: 2 } } },
      modelOutputs: { add: { model: null, version: null, value: { sum: 999 } } },
    },
  };
}

interface Report {
  steps: { key: string; status: string; reason?: string }[];
  output: Record<string, unknown>;
  fileCache: { steps: number; used: boolean } | null;
}
const report = (stdout: string) => JSON.parse(stdout) as Report;

describe('swark run on a file bringing cached results', () => {
  it('recomputes them by default, saying so in a line', async () => {
    const dir = tempDir();
    writeJson(dir, 'forged.swark.json', forgedFile());
    const result = await swark(dir, 'run', 'forged.swark.json');
    expect(result.code).toBe(0);
    expect(result.stdout).toContain(
      'forged.swark.json brings cached results for 1 step: not used, so those steps are recomputed (pass --trust-cache to use them)',
    );
    expect(result.stdout).toMatch(/^output result = 9$/m);
    const json = report((await swark(tempDir(), 'run', `${dir}/forged.swark.json`, '--json')).stdout);
    expect(json.fileCache).toEqual({ steps: 1, used: false });
    expect(json.output).toEqual({ result: 9 });
  });

  it('uses them with --trust-cache, marking the skip as an imported result', async () => {
    const dir = tempDir();
    writeJson(dir, 'forged.swark.json', forgedFile());
    const text = await swark(dir, 'run', 'forged.swark.json', '--trust-cache', '--workspace', 'a.sqlite');
    expect(text.stdout).toContain('forged.swark.json brings cached results for 1 step: using them (--trust-cache)');
    expect(text.stdout).toMatch(/\[1\/2\] skipped add \(math\.add\) .*\(imported result\)/);
    const json = report((await swark(dir, 'run', 'forged.swark.json', '--trust-cache', '--json', '--workspace', 'b.sqlite')).stdout);
    expect(json.fileCache).toEqual({ steps: 1, used: true });
    expect(json.steps.map((step) => [step.key, step.status, step.reason])).toEqual([
      ['add', 'skipped', 'imported result'],
      ['scale', 'ran', 'nothing cached to reuse'],
    ]);
    expect(json.output).toEqual({ result: 999 * 3 });
  });

  it('says nothing about a cache when the file has none', async () => {
    const dir = tempDir();
    writeJson(dir, 'plain.swark.json', arithmeticFile({ x: 1, y: 2, k: 3 }));
    const result = await swark(dir, 'run', 'plain.swark.json');
    expect(result.stdout).not.toContain('cached results');
  });
});

describe('swark run and Always run', () => {
  it('runs a step marked deterministic: false every time, the others skipping', async () => {
    const dir = tempDir();
    const file = arithmeticFile({ x: 1, y: 2, k: 3 });
    const [add, scale] = file.workflow.steps;
    writeJson(dir, 'always.swark.json', { ...file, version: 2, workflow: { ...file.workflow, steps: [{ ...add, deterministic: false }, scale] } });
    await swark(dir, 'run', 'always.swark.json');
    const second = await swark(dir, 'run', 'always.swark.json', '--json');
    expect(statuses(second)).toEqual({ add: 'ran', scale: 'skipped' });
    expect(report(second.stdout).steps[0]?.reason).toBe('always run');
  });
});

describe('swark run and a code step that reads Math.random()', () => {
  it('runs it again on every run and says why', async () => {
    const dir = tempDir();
    writeJson(dir, 'random.swark.json', {
      format: 'swark.workflow',
      version: 2,
      name: 'random',
      workflow: { steps: [{ id: 'js', model: 'code.javascript', inputs: {}, outputs: { result: 'r' }, params: { code: 'return Math.random();' } }] },
    });
    const first = report((await swark(dir, 'run', 'random.swark.json', '--json')).stdout);
    const second = report((await swark(dir, 'run', 'random.swark.json', '--json')).stdout);
    expect([first.steps[0]?.status, second.steps[0]?.status]).toEqual(['ran', 'ran']);
    expect(second.steps[0]?.reason).toBe('not cached: read Math.random()');
    expect(second.output.r).not.toBe(first.output.r);
  });
});
