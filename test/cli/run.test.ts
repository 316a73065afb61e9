import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { defineModel, registry, State, Workflow } from '../../src/engine';
import { listTemplates } from '../../src/apps';
import { graphFromWorkflow, toWorkflowFile } from '../../src/format';
import { openWorkspaceDatabase } from '../../src/persistence/workspaceDb';
import { z } from 'zod';
import { arithmeticFile, statuses, swark, tempDir, writeJson } from './helpers';

describe('swark run', () => {
  describe('When a file is run, rerun, then edited', () => {
    let dir: string;
    let file: string;
    beforeAll(() => {
      dir = tempDir();
      file = writeJson(dir, 'sums.swark.json', arithmeticFile({ x: 1, y: 2, k: 3 }));
    });

    it('runs every step the first time and prints a line per step and the output', async () => {
      const result = await swark(dir, 'run', 'sums.swark.json');
      expect(result.code).toBe(0);
      expect(result.stdout).toMatch(/\[1\/2\] ran +add \(math\.add\) +[\d.]+ ms +\(nothing cached to reuse\)/);
      expect(result.stdout).toMatch(/\[2\/2\] ran +scale \(math\.multiply\)/);
      expect(result.stdout).toMatch(/^output result = 9$/m);
      expect(existsSync(join(dir, '.swark/workspace.sqlite'))).toBe(true);
    });

    it('skips both steps on the second run', async () => {
      const result = await swark(dir, 'run', 'sums.swark.json', '--json');
      expect(result.code).toBe(0);
      expect(statuses(result)).toEqual({ add: 'skipped', scale: 'skipped' });
      expect(JSON.parse(result.stdout)).toMatchObject({ ok: true, output: { result: 9 }, counts: { ran: 0, skipped: 2 } });
    });

    it('reruns only the affected step after a value in the file changes', async () => {
      writeJson(dir, 'sums.swark.json', arithmeticFile({ x: 1, y: 2, k: 5 }));
      const result = await swark(dir, 'run', file, '--json');
      const report = JSON.parse(result.stdout) as { steps: { key: string; reason?: string }[]; output: unknown };
      expect(statuses(result)).toEqual({ add: 'skipped', scale: 'ran' });
      expect(report.steps[1]?.reason).toBe('input changed: "factor"');
      expect(report.output).toEqual({ result: 15 });
    });

    it('runs everything with --no-use-extracts', async () => {
      const result = await swark(dir, 'run', file, '--json', '--no-use-extracts');
      expect(statuses(result)).toEqual({ add: 'ran', scale: 'ran' });
      expect(JSON.parse(result.stdout).flags).toEqual({ useExtracts: false, populateExtracts: true, mutable: false });
    });

    it('leaves the cache untouched with --no-populate-extracts', async () => {
      writeJson(dir, 'sums.swark.json', arithmeticFile({ x: 1, y: 2, k: 7 }));
      expect(statuses(await swark(dir, 'run', file, '--json', '--no-populate-extracts'))).toEqual({ add: 'skipped', scale: 'ran' });
      // k = 7 was not cached, so it runs again, and this time it is kept.
      expect(statuses(await swark(dir, 'run', file, '--json'))).toEqual({ add: 'skipped', scale: 'ran' });
      expect(statuses(await swark(dir, 'run', file, '--json'))).toEqual({ add: 'skipped', scale: 'skipped' });
    });

    it('runs the saved workflow by workspace:// reference, with its cache, and a --state file', async () => {
      const stateFile = writeJson(dir, 'state.json', { mutable: false, values: { x: 1, y: 2, k: 10 } });
      const result = await swark(dir, 'run', 'workspace://workflows/sums', '--state', stateFile, '--json', '--mutable');
      expect(statuses(result)).toEqual({ add: 'skipped', scale: 'ran' });
      expect(JSON.parse(result.stdout)).toMatchObject({ output: { result: 30 }, flags: { mutable: true } });
    });

    it('writes a workspace file in the app workspace format, with the workflow, extracts, last state and runs', async () => {
      const workspace = await openWorkspaceDatabase(readFileSync(join(dir, '.swark/workspace.sqlite')));
      const [summary] = workspace.listWorkflows();
      expect(summary?.name).toBe('sums');
      const id = summary?.id ?? '';
      expect(workspace.getWorkflow(id)?.layout).toEqual({ add: { x: 0, y: 0 }, scale: { x: 260, y: 0 } });
      const extracts = await workspace.getExtracts(id);
      // The workspace keeps up to 8 entries per step (its setting), most recent first: scale ran with k = 3, 5, 7, 10.
      expect(extracts.map((entry) => [entry.stepKey, entry.output.value])).toEqual([
        ['add', { sum: 3 }],
        ['scale', { product: 30 }],
        ['scale', { product: 21 }],
        ['scale', { product: 15 }],
        ['scale', { product: 9 }],
      ]);
      expect((await workspace.getLastState(id))?.values).toMatchObject({ k: 10, result: 30 });
      // Eight runs above: three, one without the cache, three around --no-populate-extracts, one by reference.
      expect(workspace.listRuns(id).length).toBe(8);
      workspace.close();
    });
  });

  describe('When given an application reference', () => {
    it('runs with the app state and skips on the second run; --state picks another named state', async () => {
      const dir = tempDir();
      const first = await swark(dir, 'run', 'app://arithmetic/workflows/xyk');
      expect(first.stdout).toMatch(/with app:\/\/arithmetic\/states\/xyk/);
      expect(first.stdout).toMatch(/^output result = 9$/m);
      expect(statuses(await swark(dir, 'run', 'app://arithmetic/workflows/xyk', '--json'))).toEqual({ add: 'skipped', scale: 'skipped' });
      const sqlite = await swark(dir, 'run', 'app://arithmetic/workflows/xyk', '--state', 'app://arithmetic/states/xyk#sqlite', '--json');
      expect(JSON.parse(sqlite.stdout)).toMatchObject({ ok: true, output: { result: 9 } });
    });
  });

  describe('When the real-data app runs', () => {
    it('charts 48 months, then reruns all but the load for another year range', async () => {
      const dir = tempDir();
      const first = await swark(dir, 'run', 'app://weather/workflows/monthly');
      expect(first.code).toBe(0);
      expect(first.stdout).toMatch(/^output chart = chart \(line, 48 points\)$/m);
      const second = await swark(dir, 'run', 'app://weather/workflows/monthly', '--state', 'app://weather/states/monthly#lastYear', '--json');
      expect(statuses(second)).toEqual({ sample: 'skipped', clean: 'ran', monthly: 'ran', chart: 'ran' });
      expect((JSON.parse(second.stdout) as { output: { chart: { data: unknown[] } } }).output.chart.data).toHaveLength(12);
    });
  });

  describe('When a workflow is exported from the editor', () => {
    it('runs with the same result as the engine gives', async () => {
      const template = listTemplates().find((entry) => entry.ref === 'app://arithmetic/workflows/xyk');
      if (!template) throw new Error('template missing');
      const portsOf = (id: string) => {
        const definition = registry.get(id);
        return { inputs: Object.keys(definition.inputs), outputs: Object.keys(definition.outputs) };
      };
      const graph = graphFromWorkflow({ name: 'exported', workflow: template.workflow, layout: template.layout, state: { ...template.state, k: 4 } }, portsOf);
      const exported = toWorkflowFile(graph, portsOf);
      const dir = tempDir();
      writeJson(dir, 'exported.swark.json', exported);
      const result = await swark(dir, 'run', 'exported.swark.json', '--json');
      const expected = await Workflow.fromJSON(exported.workflow as never).run(State.fromJSON({ mutable: false, values: exported.state ?? {} }));
      expect(JSON.parse(result.stdout).output).toEqual(expected);
      expect(Object.values(expected)).toContain(12);
    });
  });

  describe('When something is wrong', () => {
    it.each([
      [['run', 'missing.swark.json'], 1, /workflow file .*missing\.swark\.json does not exist/],
      [['run', 'app://nope/workflows/x'], 1, /cannot resolve reference "app:\/\/nope\/workflows\/x": there is no application "nope"/],
      [['run', 'https://example.com/w.json'], 1, /no resolver for scheme "https:\/\/"/],
      [['run', 'app://arithmetic/states/xyk'], 1, /reference "app:\/\/arithmetic\/states\/xyk" does not name a workflow/],
      [['run', 'app://arithmetic/workflows/xyk', '--state', 'app://arithmetic/workflows/xyk'], 1, /does not name a state/],
      [['run', 'workspace://workflows/none'], 1, /the workspace has no workflow named "none" \(it has: none\)/],
      [
        ['run', 'bad.swark.json'],
        1,
        /bad\.swark\.json is not a valid workflow file:\n {2}- Step "scale" maps state slot "sum" to field "nope", which model "math\.multiply" does not have/,
      ],
      [['run', 'notjson.swark.json'], 1, /is not a valid workflow file:\n {2}- The file is not valid JSON/],
      [
        ['run', 'app://arithmetic/workflows/xyk', '--workspace', 'notjson.swark.json'],
        1,
        /cannot open workspace file .*notjson\.swark\.json: not a Swark workspace/,
      ],
      [['run'], 2, /swark run takes one argument/],
      [['run', 'a', '--bogus'], 2, /Unknown option '--bogus'/],
      [[], 2, /no command given/],
      [['frobnicate'], 2, /unknown command "frobnicate"; the commands are run, sweep, validate, inspect, export-schema/],
    ])('swark %j exits %i saying what is wrong', async (args, code, message) => {
      const dir = tempDir();
      const bad = arithmeticFile({ x: 1, y: 2, k: 3 });
      (bad.workflow.steps[1] as unknown as { inputs: Record<string, string> }).inputs = { sum: 'nope', k: 'factor' };
      writeJson(dir, 'bad.swark.json', bad);
      writeFileSync(join(dir, 'notjson.swark.json'), '{ not json');
      const result = await swark(dir, ...args);
      expect(result.code).toBe(code);
      expect(result.stderr).toMatch(message);
    });

    it('reports a failing step with its model, a non-zero exit, and one JSON report with --json', async () => {
      const dir = tempDir();
      const file = arithmeticFile({ x: 1, y: 2, k: 3 });
      file.workflow.steps[1] = { id: 'scale', model: 'math.divide', inputs: { sum: 'dividend', k: 'divisor' }, outputs: { quotient: 'result' } } as never;
      file.state.k = 0;
      writeJson(dir, 'div.swark.json', file);
      const text = await swark(dir, 'run', 'div.swark.json');
      expect(text.code).toBe(1);
      expect(text.stdout).toMatch(/\[2\/2\] error +scale \(math\.divide\).*cannot divide by zero/);
      expect(text.stderr).toMatch(/error: step 1 "scale" \(model math\.divide\): cannot divide by zero/);
      const json = await swark(dir, 'run', 'div.swark.json', '--json');
      expect(json.code).toBe(1);
      expect(JSON.parse(json.stdout)).toMatchObject({
        ok: false,
        counts: { ran: 0, skipped: 1, error: 1 },
        error: { kind: 'model-error', step: { index: 1, id: 'scale', model: 'math.divide' } },
      });
    });

    it('names a model that needs a browser', async () => {
      registry.register(
        defineModel({
          id: 'test.browserOnly',
          inputs: { x: z.number() },
          outputs: { y: z.number() },
          run: () => {
            throw new ReferenceError('document is not defined');
          },
        }),
      );
      const dir = tempDir();
      writeJson(dir, 'b.swark.json', {
        format: 'swark.workflow',
        version: 1,
        name: 'b',
        workflow: new Workflow({ steps: [{ id: 'draw', model: 'test.browserOnly', inputs: { x: 'x' }, outputs: { y: 'y' } }] }).toJSON(),
        state: { x: 1 },
      });
      const result = await swark(dir, 'run', 'b.swark.json');
      expect(result.code).toBe(1);
      expect(result.stderr).toMatch(/model "test\.browserOnly" needs a browser and cannot run under the swark command/);
      registry.unregister('test.browserOnly');
    });
  });
});

describe('swark validate, inspect and export-schema', () => {
  it('validate accepts a good file and lists each problem of a bad one in the importer words', async () => {
    const dir = tempDir();
    writeJson(dir, 'good.swark.json', arithmeticFile({ x: 1, y: 2, k: 3 }));
    const good = await swark(dir, 'validate', 'good.swark.json');
    expect(good).toMatchObject({ code: 0 });
    expect(good.stdout).toMatch(/valid workflow "sums" with 2 steps$/);
    const bad = arithmeticFile({ x: 1, y: 2, k: 3 }) as Record<string, unknown>;
    bad.version = 9;
    writeJson(dir, 'new.swark.json', bad);
    const newer = await swark(dir, 'validate', 'new.swark.json');
    expect(newer.code).toBe(1);
    expect(newer.stderr).toMatch(/uses format version 9, newer than this app reads/);
    const unwired = arithmeticFile({ x: 1, y: 2, k: 3 }) as { state: Record<string, number> };
    delete unwired.state.k;
    writeJson(dir, 'unwired.swark.json', unwired);
    const missing = await swark(dir, 'validate', 'unwired.swark.json');
    expect(missing.code).toBe(1);
    expect(missing.stderr).toMatch(/Step "scale" reads state slot "k" \(for field "factor"\), but no step writes it/);
  });

  it('inspect lists the cached extracts and prints one step in full by id or index', async () => {
    const dir = tempDir();
    writeJson(dir, 'sums.swark.json', arithmeticFile({ x: 2, y: 3, k: 4 }));
    await swark(dir, 'run', 'sums.swark.json');
    const listing = await swark(dir, 'inspect', '.swark/workspace.sqlite');
    expect(listing.code).toBe(0);
    expect(listing.stdout).toMatch(/workflow "sums" +2 steps, 2 cached, 1 runs/);
    expect(listing.stdout).toMatch(/step 1 "scale" \(math\.multiply\) +made by math\.multiply@1/);
    expect(listing.stdout).toMatch(/output \{"product":20\}/);
    const byIndex = JSON.parse((await swark(dir, 'inspect', '.swark/workspace.sqlite', '--step', '0')).stdout);
    expect(byIndex).toMatchObject({ step: 'add', input: { value: { a: 2, b: 3 } }, output: { value: { sum: 5 } } });
    const byId = JSON.parse((await swark(dir, 'inspect', '.swark/workspace.sqlite', '--step', 'scale')).stdout);
    expect(byId.output.value).toEqual({ product: 20 });
    const unknown = await swark(dir, 'inspect', '.swark/workspace.sqlite', '--step', 'nope');
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toMatch(/workflow "sums" has no step "nope" \(steps: 0 \(add\), 1 \(scale\)\)/);
    const absent = await swark(dir, 'inspect', 'absent.sqlite');
    expect(absent.stderr).toMatch(/workspace file .*absent\.sqlite does not exist/);
  });

  it('export-schema prints the format JSON Schema', async () => {
    const result = await swark(tempDir(), 'export-schema');
    const schema = JSON.parse(result.stdout) as { properties: Record<string, { const?: string }> };
    expect(result.code).toBe(0);
    expect(schema.properties.format?.const).toBe('swark.workflow');
    expect(Object.keys(schema.properties)).toEqual(expect.arrayContaining(['workflow', 'layout', 'state']));
  });

  it('--json reports a bad reference as one JSON object too', async () => {
    const result = await swark(tempDir(), 'run', 'app://nope/workflows/x', '--json');
    expect(result.code).toBe(1);
    expect(JSON.parse(result.stdout)).toMatchObject({ ok: false, error: { message: expect.stringMatching(/no application "nope"/) } });
  });
});
