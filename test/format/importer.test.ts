import { describe, expect, it } from 'vitest';
import '../../src/models';
import { FORMAT_VERSION, compileGraph, importWorkflowText, scanJsonText, toWorkflowFile, type ImportResult, type WorkflowFile } from '../../src/format';
import { isCodeModel, portsOf } from '../../src/store/graph';

const file = (): WorkflowFile => ({
  format: 'swark.workflow',
  version: FORMAT_VERSION,
  name: 'Sum',
  workflow: {
    useExtracts: true,
    populateExtracts: true,
    steps: [
      { id: 'add', model: 'math.add', inputs: { 'x.value': 'a', 'y.value': 'b' }, outputs: { sum: 'total' } },
      { id: 'x', model: 'input.number', inputs: {}, outputs: { value: 'x.value' }, params: { value: 2 } },
      { id: 'y', model: 'input.number', inputs: {}, outputs: { value: 'y.value' }, params: { value: 3 } },
    ],
  },
  layout: { x: { x: 0, y: 0, label: 'x' }, y: { x: 0, y: 100 }, add: { x: 200, y: 50, label: 'Sum' } },
});

const run = (text: string): ImportResult => importWorkflowText(text, { portsOf, isCodeModel });
const problems = (result: ImportResult) => (result.ok ? [] : result.problems.map((p) => p.message));

describe('When a valid file is imported', () => {
  it('keeps step ids as node ids, derives edges from slots, keeps renamed slots and labels', () => {
    const result = run(JSON.stringify(file()));
    if (!result.ok) throw new Error(problems(result).join('\n'));
    expect(result.graph.nodes.map((n) => n.id)).toEqual(['add', 'x', 'y']);
    expect(result.graph.edges).toEqual([
      { source: 'x', output: 'value', target: 'add', field: 'a' },
      { source: 'y', output: 'value', target: 'add', field: 'b' },
    ]);
    const add = result.graph.nodes.find((n) => n.id === 'add');
    expect(add?.label).toBe('Sum');
    expect(add?.slotNames).toEqual({ sum: 'total' });
  });

  it('compiles back to the same steps, in topological order, and exports the same file', () => {
    const result = run(JSON.stringify(file()));
    if (!result.ok) throw new Error('import failed');
    const compiled = compileGraph(result.graph, { portsOf, strict: true });
    expect(compiled.workflow.steps.map((s) => s.id)).toEqual(['x', 'y', 'add']);
    const exported = toWorkflowFile(result.graph, portsOf);
    const original = file();
    expect(new Set(exported.workflow.steps.map((s) => JSON.stringify(s)))).toEqual(new Set(original.workflow.steps.map((s) => JSON.stringify(s))));
    expect(exported.layout).toEqual({ x: { x: 0, y: 0 }, y: { x: 0, y: 100 }, add: { x: 200, y: 50, label: 'Sum' } });
  });

  it("keeps slots read from the file's initial state as state inputs", () => {
    const f = file();
    f.workflow.steps = f.workflow.steps.filter((s) => s.id !== 'y');
    f.state = { 'y.value': 5 };
    const result = run(JSON.stringify(f));
    if (!result.ok) throw new Error(problems(result).join('\n'));
    expect(result.graph.nodes.find((n) => n.id === 'add')?.stateInputs).toEqual({ b: 'y.value' });
    expect(compileGraph(result.graph, { portsOf, strict: true }).workflow.steps.find((s) => s.id === 'add')?.inputs).toEqual({
      'x.value': 'a',
      'y.value': 'b',
    });
  });

  it('marks code steps untrusted and unknown models as missing placeholders', () => {
    const f = file();
    f.workflow.steps.push({ id: 'js', model: 'code.javascript', inputs: { total: 'a' }, outputs: { result: 'js.result' } });
    f.workflow.steps.push({ id: 'ghost', model: 'no.such', inputs: { total: 'in' }, outputs: { out: 'ghost.out' } });
    const result = run(JSON.stringify(f));
    if (!result.ok) throw new Error(problems(result).join('\n'));
    expect(result.graph.nodes.find((n) => n.id === 'js')?.untrusted).toBe(true);
    expect(result.graph.nodes.find((n) => n.id === 'ghost')?.missingPorts).toEqual({ inputs: ['in'], outputs: ['out'] });
    expect(result.warnings.map((w) => w.stepId)).toEqual(['ghost']);
    expect(() => compileGraph(result.graph, { portsOf, strict: true })).toThrow(/Node "ghost" uses model "no.such", which this app does not have/);
    const withoutGhost = { ...result.graph, nodes: result.graph.nodes.filter((n) => n.id !== 'ghost') };
    expect(() => compileGraph(withoutGhost, { portsOf, strict: true })).toThrow(/Node "js" runs imported code you have not trusted yet/);
  });
});

describe('When a hand-written file leaves out the cache switches', () => {
  it('reads useExtracts and populateExtracts as true, and exports them written out', () => {
    const f = file() as unknown as { workflow: Record<string, unknown> };
    delete f.workflow.useExtracts;
    delete f.workflow.populateExtracts;
    const result = run(JSON.stringify(f));
    if (!result.ok) throw new Error(problems(result).join('\n'));
    expect([result.graph.useExtracts, result.graph.populateExtracts]).toEqual([true, true]);
    const exported = toWorkflowFile(result.graph, portsOf);
    expect([exported.workflow.useExtracts, exported.workflow.populateExtracts]).toEqual([true, true]);
  });

  it('still refuses a switch that is not a boolean, naming it', () => {
    const f = file() as unknown as { workflow: Record<string, unknown> };
    f.workflow.useExtracts = 'yes';
    expect(problems(run(JSON.stringify(f)))).toEqual([expect.stringMatching(/"workflow.useExtracts" expected boolean/)]);
  });
});

describe('When a bad file is imported', () => {
  it('case 14: a truncated or empty file says where it ends, a wrong character where it is', () => {
    const text = JSON.stringify(file(), null, 2);
    const cut = text.slice(0, 101);
    const lines = cut.split('\n');
    expect(problems(run(cut))).toEqual([
      expect.stringMatching(new RegExp(`not valid JSON: .*it ends at line ${lines.length}, column ${(lines.at(-1) ?? '').length + 1} \\(character 102\\)`)),
    ]);
    expect(problems(run(''))).toEqual(['The file is empty (0 bytes): it holds no workflow.']);
    expect(problems(run(' \n '))).toEqual(['The file holds only white space: it holds no workflow.']);
    const wrong = text.replace('"Sum"', 'Sum');
    const at = wrong.indexOf('Sum');
    const line = wrong.slice(0, at).split('\n').length;
    const column = at - wrong.slice(0, at).lastIndexOf('\n');
    expect(problems(run(wrong))).toEqual([
      expect.stringMatching(new RegExp(`not valid JSON: [\\s\\S]*the first wrong character is at line ${line}, column ${column} \\(character ${at + 1}\\)`)),
    ]);
  });

  it('case 21: a number too large for a double (1e400, read as Infinity) is refused by the schema, naming the step', () => {
    const text = JSON.stringify(file()).replace('"params":{"value":2}', '"params":{"value":1e400}');
    expect(JSON.parse(text).workflow.steps[1].params.value).toBe(Infinity);
    expect(problems(run(text))).toEqual([expect.stringMatching(/^Step "x".*value/)]);
  });

  it('case 15: refuses forbidden keys before parsing, even escaped', () => {
    expect(scanJsonText('{"a": {"\\u005f_proto__": 1}}')).toMatch(/"__proto__"/);
    expect(scanJsonText('{"a": "__proto__"}')).toBeNull();
    expect(problems(run(JSON.stringify(file()).replace('"layout":{', '"layout":{"prototype":{"x":0,"y":0},')))).toEqual([
      expect.stringMatching(/key "prototype"/),
    ]);
  });

  it('case 20: caps size and depth', () => {
    expect(problems(importWorkflowText('x'.repeat(2000), { portsOf, maxBytes: 1000, maxBytesWithData: 1000 }))[0]).toMatch(/too large/);
    expect(problems(run(`{"a":${'['.repeat(65)}${']'.repeat(65)}}`))[0]).toMatch(/nests deeper than 64/);
  });

  it('case 23: names each step with a problem', () => {
    const f = file();
    f.workflow.steps.push({ id: 'add', model: 'math.add', inputs: { nowhere: 'a' }, outputs: { nope: 'z' } });
    const messages = problems(run(JSON.stringify(f)));
    expect(messages).toContain('Step "add" appears 2 times; step ids must be unique.');
    expect(messages).toContainEqual(expect.stringMatching(/^Step "add" maps output "nope", which model "math.add" does not have/));
    expect(messages).toContainEqual(expect.stringMatching(/^Step "add" reads state slot "nowhere" \(for field "a"\)/));
  });

  it('case 19: reports schema errors at the step, and a newer version before the schema', () => {
    const f = file() as unknown as { workflow: { steps: Record<string, unknown>[] }; version: number };
    (f.workflow.steps[1] as Record<string, unknown>).inputs = { a: 3 };
    expect(problems(run(JSON.stringify(f)))).toEqual([expect.stringMatching(/^Step "x": "inputs.a" expected string/)]);
    f.version = FORMAT_VERSION + 1;
    expect(problems(run(JSON.stringify(f)))).toEqual([
      expect.stringContaining(`format version ${FORMAT_VERSION + 1}, newer than this app reads (version ${FORMAT_VERSION})`),
    ]);
  });

  it('reports a cycle with the steps on it', () => {
    const f = file();
    f.workflow.steps[1] = { id: 'x', model: 'math.add', inputs: { total: 'a' }, outputs: { sum: 'x.value' } };
    expect(problems(run(JSON.stringify(f)))).toEqual(['Steps "add" → "x" → "add" form a cycle; a workflow must not feed a step\'s output back into itself.']);
  });
});

describe('Saved states', () => {
  it('a file from before them (version 1) imports as it was, with none', () => {
    const result = run(JSON.stringify({ ...file(), version: 1, state: { k: 4 } }));
    if (!result.ok) throw new Error(problems(result).join('\n'));
    expect(result.file.version).toBe(FORMAT_VERSION);
    expect(result.graph.state).toEqual({ k: 4 });
    expect(result.graph.savedStates).toBeUndefined();
    expect(toWorkflowFile(result.graph, portsOf)).not.toHaveProperty('states');
  });

  it('travel through export and import, and their names are checked', () => {
    const result = run(JSON.stringify({ ...file(), state: { k: 4 }, states: { double: { k: 8 }, 'with space': { k: { $swark: 'num', v: 'NaN' } } } }));
    if (!result.ok) throw new Error(problems(result).join('\n'));
    expect(result.graph.savedStates).toEqual({ double: { k: 8 }, 'with space': { k: { $swark: 'num', v: 'NaN' } } });
    const again = run(JSON.stringify(toWorkflowFile(result.graph, portsOf)));
    expect(again.ok && again.graph.savedStates).toEqual(result.graph.savedStates);
    expect(problems(run(JSON.stringify({ ...file(), states: { '': { k: 1 } } })))).toEqual([expect.stringMatching(/^"states\./)]);
  });
});
