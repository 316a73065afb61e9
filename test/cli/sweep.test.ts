import { describe, expect, it } from 'vitest';
import { openWorkspaceFile } from '../../src/cli/workspace';
import { swark, tempDir } from './helpers';
import { join } from 'node:path';

// `swark sweep`: the Seattle pipeline (sample → clean → monthly → chart) over several states. The
// load does not depend on the years, so it runs once; every state's entries land in one workspace
// file, whether the states ran here or on worker threads.

const MONTHLY = 'app://weather/workflows/monthly';
const YEARS = '--set=fromYear=2012,2013,2014,2015';

interface SweepJson {
  ok: boolean;
  jobs: number;
  shared: string[];
  outputs: string[];
  states: {
    label: string;
    ok: boolean;
    counts: { ran: number; skipped: number };
    cells: Record<string, { kind: string; text: string; rows?: number }>;
    outputs: Record<string, unknown>;
    error?: string;
  }[];
}
const report = (stdout: string) => JSON.parse(stdout) as SweepJson;
const monthlyRows = (json: SweepJson) => json.states.map((state) => state.cells.monthly?.rows);

describe('swark sweep --set <slot>=<values>', () => {
  it('prints a row per value and a column per output; the load runs once and a second sweep skips every step', async () => {
    const dir = tempDir();
    const first = await swark(dir, 'sweep', MONTHLY, YEARS);
    expect(first.code).toBe(0);
    const table = first.stdout.split('\n');
    const header = table.findIndex((line) => line.startsWith('state '));
    expect(table[header]).toMatch(/^state\s+days\s+dropped\s+monthly\s+chart\s+steps$/);
    expect(table.slice(header + 1, header + 5)).toEqual([
      expect.stringMatching(/^fromYear = 2012\s+1,461 rows\s+0\s+48 rows\s+line chart, 48 points\s+4 ran, 0 skipped$/),
      expect.stringMatching(/^fromYear = 2013 .* 36 rows .* 3 ran, 1 skipped$/),
      expect.stringMatching(/^fromYear = 2014 .* 24 rows .* 3 ran, 1 skipped$/),
      expect.stringMatching(/^fromYear = 2015 .* 12 rows .* 3 ran, 1 skipped$/),
    ]);
    expect(first.stdout).toContain('4 states: 4 ok');

    const second = report((await swark(dir, 'sweep', MONTHLY, YEARS, '--json')).stdout);
    expect(second.ok).toBe(true);
    expect(monthlyRows(second)).toEqual([48, 36, 24, 12]);
    expect(second.states.map((state) => state.counts)).toEqual(Array(4).fill({ ran: 0, skipped: 4, error: 0, notRun: 0 }));
  }, 120_000);

  it('with --jobs 2 runs on threads writing to one workspace file: no state’s entries are lost, a failing state fails alone', async () => {
    const dir = tempDir();
    const result = await swark(dir, 'sweep', MONTHLY, '--set', 'fromYear=2012,2016,2013,2014,2015', '--jobs', '2', '--json');
    expect(result.code).toBe(1);
    const json = report(result.stdout);
    expect(json).toMatchObject({ ok: false, jobs: 2, shared: ['sample'] });
    expect(monthlyRows(json)).toEqual([48, undefined, 36, 24, 12]);
    expect(json.states[1]).toMatchObject({ label: 'fromYear = 2016', ok: false, error: expect.stringContaining('fromYear 2016 is after toYear 2015') });
    // The shared load ran once, before the states: none of them ran it.
    expect(json.states.filter((state) => state.ok).every((state) => state.counts.ran === 3)).toBe(true);

    // Every ok state's entries reached the file: a sweep here (one at a time) skips every step of them.
    const again = report((await swark(dir, 'sweep', MONTHLY, YEARS, '--json')).stdout);
    expect(again.states.map((state) => state.counts.ran)).toEqual([0, 0, 0, 0]);
    const workspace = await openWorkspaceFile(join(dir, '.swark/workspace.sqlite'), { create: false });
    const [record] = workspace.listWorkflows();
    const extracts = await workspace.getExtracts(record!.id);
    expect(extracts.filter((entry) => entry.stepKey === 'monthly')).toHaveLength(4);
    workspace.close();
  }, 120_000);
});

describe('swark sweep --jobs', () => {
  it('gives every state on 2 threads the same outputs as in one, and a second sweep on threads skips every step', async () => {
    const inTurn = report((await swark(tempDir(), 'sweep', MONTHLY, YEARS, '--json')).stdout);
    const dir = tempDir();
    const threads = report((await swark(dir, 'sweep', MONTHLY, YEARS, '--jobs', '2', '--json')).stdout);
    expect(threads).toMatchObject({ ok: true, jobs: 2 });
    const shown = (json: SweepJson) => json.states.map((state) => ({ label: state.label, cells: state.cells, outputs: state.outputs }));
    expect(shown(threads)).toEqual(shown(inTurn));
    expect(monthlyRows(threads)).toEqual([48, 36, 24, 12]);

    const again = report((await swark(dir, 'sweep', MONTHLY, YEARS, '--jobs', '2', '--json')).stdout);
    expect(again.states.map((state) => state.counts)).toEqual(Array(4).fill({ ran: 0, skipped: 4, error: 0, notRun: 0 }));
    expect(shown(again)).toEqual(shown(inTurn));
  }, 120_000);
});

describe('swark sweep --state <ref> --state <ref>', () => {
  it('runs each named state and reports it by its reference, as JSON with --json', async () => {
    const dir = tempDir();
    const result = await swark(
      dir,
      'sweep',
      MONTHLY,
      '--state',
      'app://weather/states/monthly',
      '--state',
      'app://weather/states/monthly#lastYear',
      '--output',
      'monthly',
      '--json',
    );
    expect(result.code).toBe(0);
    const json = report(result.stdout);
    expect(json.outputs).toEqual(['monthly']);
    expect(json.states.map((state) => [state.label, state.cells.monthly?.text])).toEqual([
      ['app://weather/states/monthly', '48 rows'],
      ['app://weather/states/monthly#lastYear', '12 rows'],
    ]);
  });
});

describe('When a sweep is asked for wrongly', () => {
  const fails = async (args: string[], words: RegExp, code = 1) => {
    const result = await swark(tempDir(), 'sweep', MONTHLY, ...args);
    expect(result.code).toBe(code);
    expect(result.stderr).toMatch(words);
  };

  it('says which reference or value is bad, in words', async () => {
    await fails(['--state', 'app://weather/states/monthly', '--state', 'app://weather/states/nope'], /nope/);
    await fails(['--set', 'fromYear=2012,20l4'], /--set fromYear: “20l4” is not a number/);
    await fails(['--set', 'year=2012,2013'], /the state has no slot “year” \(its slots: dataset, fromYear, toYear\)/);
    await fails(['--set', 'fromYear=2012,,2013'], /Value 2 of “fromYear” is empty/);
    await fails(['--set', 'fromYear=2012,2012'], /“2012” is listed twice/);
    await fails(
      ['--set', 'fromYear=2012,2013', '--output', 'nothing'],
      /--output nothing: no step writes that slot \(the outputs: weather, days, dropped, monthly, chart\)/,
    );
    await fails(['--state', 'app://weather/states/monthly'], /two or more --state/, 2);
    await fails(['--set', 'fromYear=2012,2013', '--jobs', 'two'], /--jobs takes a whole number of at least 1, not “two”/, 2);
  });

  it('still prints one JSON report with --json', async () => {
    const result = await swark(tempDir(), 'sweep', MONTHLY, '--set', 'fromYear=2012,x', '--json');
    expect(result.code).toBe(1);
    expect(JSON.parse(result.stdout)).toEqual({ ok: false, error: { message: expect.stringContaining('“x” is not a number') } });
  });
});
