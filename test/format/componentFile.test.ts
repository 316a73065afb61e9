/** Components in the export file (version 6): flattened steps plus `components` and `instances`, folded back on import. */
import { describe, expect, it } from 'vitest';
import '../../src/models';
import { FORMAT_VERSION, importWorkflowText, toWorkflowFile, type ImportResult, type WorkflowGraph } from '../../src/format';
import { componentGraph } from '../fixtures/componentGraph';
import { migrateWorkflowFile } from '../../src/format/migrations';
import { isCodeModel, portsOf } from '../../src/store/graph';

const run = (data: unknown): ImportResult => importWorkflowText(JSON.stringify(data), { portsOf, isCodeModel });

describe('A workflow with components in the export file', () => {
  it('is written as flattened steps with ids <instance>/<inner>, its definitions and its instances', () => {
    const { graph, library } = componentGraph();
    const file = toWorkflowFile(graph, portsOf, undefined, undefined, library);
    expect(file.version).toBe(FORMAT_VERSION);
    expect(file.workflow.steps.map((step) => step.id)).toEqual(['k', 'x', 'y', 'calc/add', 'calc/scale', 'calc2/add', 'calc2/scale']);
    expect(Object.keys(file.components ?? {})).toEqual(['def1']);
    expect(file.instances).toEqual({ calc: { component: 'def1', label: 'calc', x: 200, y: 0 }, calc2: { component: 'def1', label: 'calc2', x: 200, y: 200 } });
  });

  it('round-trips: the importer folds the inner steps back into the instances', () => {
    const { graph, library } = componentGraph();
    const file = toWorkflowFile(graph, portsOf, undefined, undefined, library);
    const result = run(file);
    if (!result.ok) throw new Error(result.problems.map((p) => p.message).join('\n'));
    const byId = (g: WorkflowGraph) => [...g.nodes].sort((a, b) => a.id.localeCompare(b.id));
    expect(byId(result.graph)).toEqual(byId(graph));
    const edges = (g: WorkflowGraph) => g.edges.map((e) => `${e.source}.${e.output}->${e.target}.${e.field}`).sort();
    expect(edges(result.graph)).toEqual(edges(graph));
    expect(toWorkflowFile(result.graph, portsOf, undefined, undefined, library)).toEqual(file);
  });

  it('refuses, in words, an instance whose definition or inner step is missing', () => {
    const { graph, library } = componentGraph();
    const file = toWorkflowFile(graph, portsOf, undefined, undefined, library);
    const noDefinition = run({ ...file, components: {} });
    expect(noDefinition.ok ? [] : noDefinition.problems.map((p) => p.message)).toEqual([
      'Instance "calc" names component "def1", which the file\'s "components" does not hold.',
    ]);
    const steps = file.workflow.steps.filter((step) => step.id !== 'calc2/scale');
    const noStep = run({ ...file, workflow: { ...file.workflow, steps } });
    expect(noStep.ok ? [] : noStep.problems.map((p) => p.message)).toEqual(['Instance "calc2" is missing its inner step "calc2/scale" in "workflow.steps".']);
  });

  it('a version 5 file (notes and groups, no components) is migrated to version 6 with only its version changed', () => {
    const note = { id: 'n1', kind: 'note', x: 0, y: 0, width: 240, height: 160, color: 'yellow', text: 'hi' };
    const original = { format: 'swark.workflow', version: 5, name: 'n', workflow: { steps: [] }, annotations: [note] };
    expect(migrateWorkflowFile(structuredClone(original))).toEqual({ ...original, version: FORMAT_VERSION });
    const result = run(original);
    expect(result.ok && result.graph.annotations).toEqual([note]);
    expect(result.ok && result.file).not.toHaveProperty('components');
  });

  it('refuses an inner node id with "/" naming where', () => {
    const { graph, library } = componentGraph();
    const file = toWorkflowFile(graph, portsOf, undefined, undefined, library);
    const bad = structuredClone(file);
    bad.components!.def1!.nodes[0]!.id = 'a/b';
    const result = run(bad);
    expect(result.ok ? [] : result.problems.map((p) => p.message)).toEqual([expect.stringContaining('"components.def1.nodes.0.id" must not contain "/"')]);
  });
});
