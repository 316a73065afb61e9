import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { State, Workflow, registry } from '../../src/engine';
import { listTemplates } from '../../src/apps';
import { compileGraph, graphFromWorkflow, type PortsOf } from '../../src/format';
import { memoryBackend } from '../../src/persistence/keyValue';
import { Workspace } from '../../src/persistence/workspace';
import { arithmeticFile, swark, tempDir, writeJson } from './helpers';

const portsOf: PortsOf = (id) => {
  if (!registry.has(id)) return null;
  const definition = registry.get(id);
  return { inputs: Object.keys(definition.inputs), outputs: Object.keys(definition.outputs) };
};

const opened: Workspace[] = [];
afterEach(async () => {
  for (const ws of opened.splice(0)) await ws.close();
});

/** A browser workspace over memory storage, as the app has it before an import. */
async function appWorkspace(): Promise<Workspace> {
  const ws = new Workspace({ meta: memoryBackend(), values: memoryBackend(), storage: null, autosaveDelayMs: 60_000 });
  opened.push(ws);
  await ws.load();
  return ws;
}

/** Writes a workspace file with `swark run`: a workflow file with initial state slots, and an app:// workflow. */
async function cliWorkspaceFile(): Promise<{ path: string; outputs: Record<string, unknown> }> {
  const dir = tempDir();
  writeJson(dir, 'sums.swark.json', arithmeticFile({ x: 2, y: 5, k: 10 }, 'Sums'));
  const path = join(dir, 'work.sqlite');
  const outputs: Record<string, unknown> = {};
  for (const target of ['sums.swark.json', 'app://arithmetic/workflows/xyk']) {
    const result = await swark(dir, 'run', target, '--workspace', path, '--json');
    expect(result.code, result.stderr).toBe(0);
    outputs[target] = (JSON.parse(result.stdout) as { output: unknown }).output;
  }
  return { path, outputs };
}

describe('A workspace file written by swark, imported as a backup in the app', () => {
  it('lists every workflow with a node per step, laid out, with the initial state slots its steps read', async () => {
    const { path } = await cliWorkspaceFile();
    const ws = await appWorkspace();
    await ws.importBackup(readFileSync(path));
    const names = ws.database
      .listWorkflows()
      .map((entry) => entry.name)
      .sort();
    expect(names).toEqual(['Sums', 'app://arithmetic/workflows/xyk']);

    const template = listTemplates().find((entry) => entry.ref === 'app://arithmetic/workflows/xyk');
    for (const summary of ws.database.listWorkflows()) {
      const record = ws.database.getWorkflow(summary.id);
      if (!record) throw new Error(`no record ${summary.id}`);
      const graph = graphFromWorkflow(record, portsOf);
      expect(graph.nodes.map((node) => node.id).sort()).toEqual(record.workflow.steps.map((step) => step.id).sort());
      expect(graph.nodes.every((node) => !node.missingPorts)).toBe(true);
      // Every step has a stored place (the app would otherwise stack them in a default grid).
      for (const node of graph.nodes) expect(record.layout[node.id], `layout of ${record.name}/${node.id}`).toBeDefined();
      expect(Object.keys(graph.state).sort()).toEqual(['k', 'x', 'y']);
      if (record.name.startsWith('app://')) expect(record.layout).toEqual(template?.layout);
    }
  });

  it('carries the extracts, keyed as the app compiles the graph, so a run there skips every step with the same output', async () => {
    const { path, outputs } = await cliWorkspaceFile();
    const ws = await appWorkspace();
    await ws.importBackup(readFileSync(path));
    for (const summary of ws.database.listWorkflows()) {
      const record = ws.database.getWorkflow(summary.id);
      if (!record) throw new Error(`no record ${summary.id}`);
      // What the app does on Run: compile the graph, seed the stored extracts, run against the initial state.
      const compiled = compileGraph(graphFromWorkflow(record, portsOf), { portsOf, strict: true });
      const workflow = Workflow.fromJSON(compiled.workflow);
      for (const entry of await ws.database.getExtracts(record.id)) {
        workflow.modelInputs.set(entry.stepKey, entry.input);
        workflow.modelOutputs.set(entry.stepKey, entry.output);
      }
      const statuses: string[] = [];
      const output = await workflow.run(State.fromJSON({ mutable: false, values: compiled.state }), {
        onEvent: (event) => void (event.type === 'end' && statuses.push(`${event.key}:${event.status}`)),
      });
      expect(statuses, record.name).toEqual(workflow.steps.map((_, index) => `${workflow.keyOf(index)}:skipped`));
      expect(output).toEqual(outputs[record.name === 'Sums' ? 'sums.swark.json' : record.name]);
      expect((await ws.database.getLastState(record.id))?.values).toMatchObject(record.state);
    }
  });
});
