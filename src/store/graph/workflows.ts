/** The workflow library: open, create, rename, duplicate, delete, import and export, through the repository port. */
import {
  compileGraph,
  exportFileName,
  filesOfGraph,
  graphFromWorkflow,
  libraryOfFile,
  remapGraphFiles,
  toWorkflowFile,
  workflowFileText,
  type ImportProblem,
  type WorkflowGraph,
} from '../../format';
import { errorMessage } from '../../engine';
import type { RunStateChoice, StoredExtractRef, ValueTexts, WorkflowRecord } from '../../persistence/types';
import type { ImportRead } from '../../worker/importRead';
import { isCodeModel, portsOf } from './catalog';
import { componentRecord, flattenedForRun, libraryOfRecords } from './components';
import type { GraphContext } from './context';
import { workflowView } from './componentEditing';
import { currentGraph, graphToState, recordToGraph } from './convert';
import { importCacheNote, importedExtractRefs, refsOfExtracts } from './importedCache';
import { localImportReader } from './importReader';
import { freeWorkflowName, newId } from './naming';
import { IMPORT_REFUSED, importNotes, importedTitle } from './rules';
import { OWN_STATE, runStateValues } from './runState';
import { templateById } from './templates';
import type { WorkflowActions } from './types';

const UNTITLED = 'Untitled workflow';

export function workflowsSlice({ set, get, deps, history, persist }: GraphContext, resolveRunState: (choice: RunStateChoice) => void): WorkflowActions {
  const repository = deps.workflows;
  /** The workspace's library when there is one (read again as a workflow opens), else the store's own. */
  const library = () => (deps.components ? libraryOfRecords(deps.components.listComponents()) : get().components);

  const load = (id: string, graph: WorkflowGraph, createdAt: number, runState: RunStateChoice = OWN_STATE) => {
    // Each workflow keeps its own undo history: coming back to one brings its history back.
    history.switchTo(id);
    set({
      activeWorkflowId: id,
      components: library(),
      editing: null,
      createdAt,
      ...graphToState(graph),
      runState,
      notice: null,
      canUndo: history.canUndo,
      canRedo: history.canRedo,
    });
    resolveRunState(runState);
    deps.openWorkflow?.remember(id);
  };

  /** An import waiting for the answer about its file's cached results (the question is `importedCache`). */
  let awaitingAnswer: ((use: boolean) => void) | null = null;

  /** Opens an imported graph as a new workflow, with the extracts the person agreed to use. */
  const openImported = (
    graph: WorkflowGraph,
    warnings: ImportProblem[],
    cache: { extracts: StoredExtractRef[]; texts: ValueTexts } | null,
    cacheNote: string | null,
  ): string => {
    const id = newId();
    const name = freeWorkflowName(
      graph.name,
      repository.listWorkflows().map((w) => w.name),
    );
    load(id, { ...graph, name }, Date.now());
    const notes = [...warnings, ...importNotes(graph)];
    const items = cacheNote ? [...notes, { message: cacheNote }] : notes;
    set({ notice: { kind: notes.length ? 'warning' : 'info', title: importedTitle(graph.name, name, items.length > 0), items } });
    persist();
    // Stored before the run worker first asks for this workflow's cache (it asks once it is open).
    if (cache?.extracts.length) repository.putExtractRefs(id, cache.extracts, cache.texts);
    return id;
  };

  const actions: WorkflowActions = {
    openWorkflow: (id) => {
      const record = repository.getWorkflow(id);
      if (!record) return false;
      load(record.id, recordToGraph(record, library()), record.createdAt, record.runState);
      return true;
    },

    openInitialWorkflow: () => {
      // The one open last, else the one edited last.
      const remembered = deps.openWorkflow?.remembered();
      if (remembered && actions.openWorkflow(remembered)) return;
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
      history.forget(id);
      if (id !== get().activeWorkflowId) return;
      const next = repository.listWorkflows()[0];
      if (next) actions.openWorkflow(next.id);
      else actions.createWorkflow(UNTITLED);
    },

    importWorkflow: async (source) => {
      const refuse = (problems: ImportProblem[]) => {
        set({ notice: { kind: 'error', title: IMPORT_REFUSED, items: problems } });
        return null;
      };
      // The file is read (parsed, its data made into stored texts) off this thread; the checks
      // against the model library, with zod, load on the first import, not with the editor.
      const [reader, { checkWorkflowFile }] = await Promise.all([deps.importReader ?? localImportReader(), import('../../format/importer')]);
      let token: number;
      let read: ImportRead;
      try {
        ({ token, read } = await reader.read(source));
      } catch (error) {
        return refuse([{ message: `The file could not be read: ${errorMessage(error)}.` }]);
      }
      if (!read.ok) return refuse(read.problems);
      const result = checkWorkflowFile(read.file, { portsOf, isCodeModel });
      if (!result.ok) {
        reader.commit(token, []).catch(() => undefined);
        return refuse(result.problems);
      }
      // The files it embeds are stored once by content; the graph refers to them by the ref stored under.
      const hashes = new Map(read.files);
      const graph = remapGraphFiles(result.graph, hashes);
      // The file's components join the library (by id, so an instance finds its definition).
      const now = Date.now();
      const known = library();
      for (const definition of Object.values(libraryOfFile(result.file.components)))
        if (!known[definition.id]) deps.components?.saveComponent(componentRecord(definition, now, now));
      set({ components: { ...libraryOfFile(result.file.components), ...known } });
      const cached = importedExtractRefs(read.cache, read.file.workflow.steps, graph);
      let use = false;
      if (cached.length) {
        // A file's cached results are used only if the person says so: asked once, before it opens.
        awaitingAnswer?.(false);
        set({ importedCache: { name: result.graph.name, stepCount: cached.length } });
        use = await new Promise<boolean>((resolve) => (awaitingAnswer = resolve));
      }
      const fileRefs = new Set(hashes.values());
      let texts: ValueTexts;
      try {
        texts = await reader.commit(token, [...new Set([...fileRefs, ...(use ? refsOfExtracts(cached) : [])])]);
      } catch (error) {
        return refuse([{ message: `The file's data could not be stored: ${errorMessage(error)}.` }]);
      }
      // What the worker could not store itself is saved with the next snapshot.
      repository.keepFileTexts(texts.filter(([ref]) => fileRefs.has(ref)));
      const cacheTexts = texts.filter(([ref]) => !fileRefs.has(ref));
      return openImported(
        graph,
        result.warnings,
        use ? { extracts: cached, texts: cacheTexts } : null,
        cached.length ? importCacheNote(cached.length, use) : null,
      );
    },

    answerImportedCache: (use) => {
      const answer = awaitingAnswer;
      awaitingAnswer = null;
      set({ importedCache: null });
      answer?.(use);
    },

    exportWorkflow: (cache, includeStates = false, files) => {
      const { fileName, file } = actions.workflowFile(includeStates, files, cache);
      return { fileName, text: workflowFileText(file) };
    },

    workflowFile: (includeStates = false, files, cache) => {
      const state = workflowView(get());
      const { savedStates: _saved, ...graph } = currentGraph(state);
      const file = toWorkflowFile(includeStates ? currentGraph(state) : graph, portsOf, cache, files, state.components);
      return { fileName: exportFileName(state.name), file };
    },

    activeFiles: () => [...filesOfGraph(currentGraph(workflowView(get()))).values()],

    compileActive: () => {
      // With a definition open, Run runs the workflow (its instances with the definition as edited).
      const state = workflowView(get());
      if (!state.activeWorkflowId) throw new Error('No workflow is open.');
      // Each instance runs as its inner steps (`<instance>/<inner>`), so each keeps its own cache.
      const compiled = compileGraph(flattenedForRun(currentGraph(state), state.components), { portsOf, strict: true });
      return { workflowId: state.activeWorkflowId, name: state.name, workflow: compiled.workflow, state: { ...runStateValues(state) } };
    },
  };
  return actions;
}
