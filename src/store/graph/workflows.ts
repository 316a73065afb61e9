/** The workflow library: open, create, rename, duplicate, delete, import and export, through the repository port. */
import { decodeValue, hashValue, type WorkflowJSON } from '../../engine';
import { compileGraph, exportFileName, graphFromWorkflow, toWorkflowFile, type WorkflowGraph } from '../../format';
import type { StoredExtract, WorkflowRecord } from '../../persistence/types';
import type { WorkflowRepository } from '../../persistence/ports';
import { isCodeModel, portsOf } from './catalog';
import type { GraphContext } from './context';
import { currentGraph, graphToState, recordToGraph } from './convert';
import { freeWorkflowName, newId } from './naming';
import { IMPORT_REFUSED, importNotes, importedTitle } from './rules';
import { templateById } from './templates';
import type { WorkflowActions } from './types';

const UNTITLED = 'Untitled workflow';

export function workflowsSlice({ set, get, deps, history, persist }: GraphContext): WorkflowActions {
  const repository = deps.workflows;

  const load = (id: string, graph: WorkflowGraph, createdAt: number) => {
    history.clear();
    set({ activeWorkflowId: id, createdAt, ...graphToState(graph), notice: null, canUndo: false, canRedo: false });
  };

  const actions: WorkflowActions = {
    openWorkflow: (id) => {
      const record = repository.getWorkflow(id);
      if (!record) return false;
      load(record.id, recordToGraph(record), record.createdAt);
      return true;
    },

    openInitialWorkflow: () => {
      const first = repository.listWorkflows()[0];
      if (first && actions.openWorkflow(first.id)) return;
      actions.createWorkflow(UNTITLED);
    },

    createWorkflow: (name, templateId) => {
      const template = templateId ? templateById(templateId) : undefined;
      if (templateId && !template) throw new Error(`no template "${templateId}"`);
      const graph: WorkflowGraph = template
        ? { ...graphFromWorkflow(template.body(), portsOf), name }
        : { name, nodes: [], edges: [], state: {}, useExtracts: true, populateExtracts: true };
      const id = newId();
      load(id, graph, Date.now());
      persist();
      return id;
    },

    renameWorkflow: (id, name) => {
      const text = name.trim();
      if (!text) return;
      if (id === get().activeWorkflowId) {
        set({ name: text });
        persist();
        return;
      }
      const record = repository.getWorkflow(id);
      if (record) repository.saveWorkflow({ ...record, name: text, updatedAt: Date.now() });
    },

    duplicateWorkflow: (id) => {
      if (id === get().activeWorkflowId) persist();
      const record = repository.getWorkflow(id);
      if (!record) return null;
      const copy: WorkflowRecord = { ...structuredClone(record), id: newId(), name: `${record.name} (copy)`, createdAt: Date.now(), updatedAt: Date.now() };
      repository.saveWorkflow(copy);
      actions.openWorkflow(copy.id);
      return copy.id;
    },

    deleteWorkflow: (id) => {
      repository.deleteWorkflow(id);
      if (id !== get().activeWorkflowId) return;
      const next = repository.listWorkflows()[0];
      if (next) actions.openWorkflow(next.id);
      else actions.createWorkflow(UNTITLED);
    },

    importWorkflow: async (text) => {
      // The importer validates with zod: it loads on the first import, not with the editor.
      const { importWorkflowText } = await import('../../format/importer');
      const result = importWorkflowText(text, { portsOf, isCodeModel });
      if (!result.ok) {
        set({ notice: { kind: 'error', title: IMPORT_REFUSED, items: result.problems } });
        return null;
      }
      const id = newId();
      const name = freeWorkflowName(
        result.graph.name,
        repository.listWorkflows().map((w) => w.name),
      );
      load(id, { ...result.graph, name }, Date.now());
      const notes = [...result.warnings, ...importNotes(result.graph)];
      set({ notice: { kind: notes.length ? 'warning' : 'info', title: importedTitle(result.graph.name, name, notes.length > 0), items: notes } });
      persist();
      const cache = result.file.workflow;
      if (cache.modelInputs || cache.modelOutputs) importCache(repository, id, cache);
      return id;
    },

    exportWorkflow: (cache) => {
      const state = get();
      const file = toWorkflowFile(currentGraph(state), portsOf, cache);
      return { fileName: exportFileName(state.name), text: JSON.stringify(file, null, 2) };
    },

    compileActive: () => {
      const state = get();
      if (!state.activeWorkflowId) throw new Error('No workflow is open.');
      const compiled = compileGraph(currentGraph(state), { portsOf, strict: true });
      return { workflowId: state.activeWorkflowId, name: state.name, workflow: compiled.workflow, state: compiled.state };
    },
  };
  return actions;
}

/** Stores the cache carried by an imported file, so its steps can be skipped at once. */
function importCache(repository: WorkflowRepository, workflowId: string, json: Pick<WorkflowJSON, 'modelInputs' | 'modelOutputs'>): void {
  const entries: StoredExtract[] = [];
  for (const [stepKey, input] of Object.entries(json.modelInputs ?? {})) {
    const output = json.modelOutputs?.[stepKey];
    if (!output) continue;
    const decoded = decodeValue(input.value);
    entries.push({
      stepKey,
      input: { model: input.model, version: input.version, value: decoded, ...(input.at === undefined ? {} : { at: input.at }) },
      output: { model: output.model, version: output.version, value: decodeValue(output.value), ...(output.at === undefined ? {} : { at: output.at }) },
      inputHash: hashValue(decoded),
    });
  }
  if (entries.length) repository.putExtracts(workflowId, entries);
}
