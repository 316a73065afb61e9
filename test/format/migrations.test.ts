/** The format versions (2: "Always run", 3: saved states, 4: bypass, 5: notes and groups) and the migration of older files. */
import { describe, expect, it } from 'vitest';
import '../../src/models';
import { FORMAT_VERSION, compileGraph, importWorkflowText, toWorkflowFile, type ImportResult } from '../../src/format';
import { migrateWorkflowFile } from '../../src/format/migrations';
import { isCodeModel, portsOf } from '../../src/store/graph';

const steps = () => [
  { id: 'x', model: 'input.number', inputs: {}, outputs: { value: 'x.value' }, params: { value: 2 } },
  { id: 'y', model: 'input.number', inputs: {}, outputs: { value: 'y.value' }, params: { value: 3 } },
  { id: 'add', model: 'math.add', inputs: { 'x.value': 'a', 'y.value': 'b' }, outputs: { sum: 'total' } },
];

/** A version 1 file using every field version 1 has. */
const version1 = () => ({
  format: 'swark.workflow',
  version: 1,
  name: 'Sum',
  workflow: {
    useExtracts: false,
    populateExtracts: true,
    steps: steps(),
    modelInputs: { x: { model: 'input.number', version: '1', at: 5, value: { value: 2 } } },
    modelOutputs: { x: { model: 'input.number', version: '1', at: 5, value: { value: 2 } } },
  },
  layout: { x: { x: 0, y: 0, label: 'first' }, y: { x: 0, y: 100 }, add: { x: 200, y: 50 } },
  state: { unused: { $swark: 'num', v: 'NaN' } },
});

const run = (data: unknown): ImportResult => importWorkflowText(JSON.stringify(data), { portsOf, isCodeModel });
const imported = (data: unknown) => {
  const result = run(data);
  if (!result.ok) throw new Error(result.problems.map((problem) => problem.message).join('\n'));
  return result;
};

describe('A version 1 file', () => {
  it('is migrated to the current version with everything it held', () => {
    const original = version1();
    const migrated = migrateWorkflowFile(structuredClone(original));
    expect(migrated).toEqual({ ...original, version: FORMAT_VERSION });
  });

  it('imports as the same graph as the same file written in the current version', () => {
    const old = imported(version1());
    const current = imported({ ...version1(), version: FORMAT_VERSION });
    expect(old.file).toEqual(current.file);
    expect(old.graph).toEqual(current.graph);
    expect(old.graph.nodes.some((node) => 'deterministic' in node)).toBe(false);
  });

  it('is exported again in the current version', () => {
    expect(toWorkflowFile(imported(version1()).graph, portsOf).version).toBe(FORMAT_VERSION);
  });
});

describe('Version 2: "Always run" on a step', () => {
  const withAlwaysRun = (value: unknown) => {
    const file = { ...version1(), version: 2 };
    file.workflow.steps[2] = { ...steps()[2], deterministic: value } as never;
    return file;
  };

  it('reaches the node, the compiled step and the exported file, and round-trips', () => {
    const result = imported(withAlwaysRun(false));
    expect(result.graph.nodes.find((node) => node.id === 'add')?.deterministic).toBe(false);
    const compiled = compileGraph(result.graph, { portsOf, strict: true });
    expect(compiled.workflow.steps.map((step) => [step.id, step.deterministic])).toEqual([
      ['x', undefined],
      ['y', undefined],
      ['add', false],
    ]);
    const exported = toWorkflowFile(result.graph, portsOf);
    expect(exported.workflow.steps.find((step) => step.id === 'add')?.deterministic).toBe(false);
    expect(imported(exported).graph).toEqual(result.graph);
  });

  it('reads `deterministic: true` as the default, writing nothing', () => {
    const result = imported(withAlwaysRun(true));
    expect(result.graph.nodes.find((node) => node.id === 'add')).not.toHaveProperty('deterministic');
    expect(toWorkflowFile(result.graph, portsOf).workflow.steps.find((step) => step.id === 'add')).not.toHaveProperty('deterministic');
  });

  it('refuses a value that is not a boolean, naming the step and the field', () => {
    const result = run(withAlwaysRun('no'));
    expect(result.ok ? [] : result.problems.map((problem) => problem.message)).toEqual([
      expect.stringMatching(/^Step "add": "deterministic" expected boolean/),
    ]);
  });

  it('is read even from a file labelled version 1: the migration keeps what a file holds', () => {
    const file = withAlwaysRun(false);
    file.version = 1;
    expect(imported(file).graph.nodes.find((node) => node.id === 'add')?.deterministic).toBe(false);
  });
});

describe('A file of a version this app cannot read', () => {
  it('newer: asks to update the app', () => {
    const result = run({ ...version1(), version: FORMAT_VERSION + 1 });
    expect(result.ok ? [] : result.problems.map((problem) => problem.message)).toEqual([
      `The file uses format version ${FORMAT_VERSION + 1}, newer than this app reads (version ${FORMAT_VERSION}). Update Swark Studio to open it.`,
    ]);
  });

  it('older than the first: says which versions it reads', () => {
    const result = run({ ...version1(), version: 0 });
    expect(result.ok ? [] : result.problems.map((problem) => problem.message)).toEqual([
      `The file uses format version 0, which this app cannot read (it reads versions 1 to ${FORMAT_VERSION}).`,
    ]);
  });
});

describe('Version 4: a bypassed step', () => {
  const withBypass = (version: number, value: unknown = true) => {
    const file = { ...version1(), version };
    file.workflow.steps[2] = { ...steps()[2], bypassed: value } as never;
    return file;
  };

  it.each([1, 2, 3])('a version %i file is migrated to the current version with everything it held', (version) => {
    const original = { ...version1(), version };
    expect(migrateWorkflowFile(structuredClone(original))).toEqual({ ...original, version: FORMAT_VERSION });
  });

  it('reaches the node, the compiled step and the exported file, and round-trips', () => {
    const result = imported(withBypass(4));
    expect(result.graph.nodes.find((node) => node.id === 'add')?.bypassed).toBe(true);
    const compiled = compileGraph(result.graph, { portsOf, strict: true });
    expect(compiled.workflow.steps.map((step) => [step.id, step.bypassed])).toEqual([
      ['x', undefined],
      ['y', undefined],
      ['add', true],
    ]);
    const exported = toWorkflowFile(result.graph, portsOf);
    expect(exported.version).toBe(FORMAT_VERSION);
    expect(exported.workflow.steps.find((step) => step.id === 'add')?.bypassed).toBe(true);
    expect(imported(exported).graph).toEqual(result.graph);
  });

  it('reads `bypassed: false` as the default, writing nothing', () => {
    const result = imported(withBypass(4, false));
    expect(result.graph.nodes.find((node) => node.id === 'add')).not.toHaveProperty('bypassed');
    expect(toWorkflowFile(result.graph, portsOf).workflow.steps.find((step) => step.id === 'add')).not.toHaveProperty('bypassed');
  });

  it('refuses a value that is not a boolean, naming the step and the field', () => {
    const result = run(withBypass(4, 'yes'));
    expect(result.ok ? [] : result.problems.map((problem) => problem.message)).toEqual([expect.stringMatching(/^Step "add": "bypassed" expected boolean/)]);
  });
});

describe('Version 5: notes and groups', () => {
  const note = { id: 'n1', kind: 'note', x: 10, y: -20, width: 240, height: 160, color: 'yellow', text: '# Sum\n<script>alert(1)</script>' };
  const group = { id: 'g1', kind: 'group', x: -40, y: -80, width: 600, height: 400, color: 'blue', text: 'Inputs' };
  const withAnnotations = (annotations: unknown) => ({ ...version1(), version: 5, annotations });

  it.each([1, 2, 3, 4])('a version %i file is migrated to the current version with everything it held and no annotations', (version) => {
    const original = { ...version1(), version };
    expect(migrateWorkflowFile(structuredClone(original))).toEqual({ ...original, version: FORMAT_VERSION });
    expect(imported(original).graph).not.toHaveProperty('annotations');
  });

  it('reach the graph and the exported file, round-trip, and leave the compiled workflow as without them', () => {
    const result = imported(withAnnotations([group, note]));
    expect(result.graph.annotations).toEqual([group, note]);
    const exported = toWorkflowFile(result.graph, portsOf);
    expect(exported.annotations).toEqual([group, note]);
    expect(imported(exported).graph).toEqual(result.graph);
    expect(compileGraph(result.graph, { portsOf, strict: true })).toEqual(compileGraph(imported(version1()).graph, { portsOf, strict: true }));
  });

  it('refuses an unknown kind or colour, naming the field', () => {
    const badKind = run(withAnnotations([{ ...note, kind: 'sticker' }]));
    expect(badKind.ok ? [] : badKind.problems.map((problem) => problem.message).join('\n')).toMatch(/annotations.*kind|kind/);
    const badColour = run(withAnnotations([{ ...note, color: '#f00' }]));
    expect(badColour.ok).toBe(false);
    const noSize = run(withAnnotations([{ ...note, width: 0 }]));
    expect(noSize.ok).toBe(false);
  });
});
