/**
 * Connects the run store to the editor's graph store (compile, selection) and the browser worker.
 * The graph store is found through a glob so this builds before the editor's store lands.
 */
import type { StoreApi } from 'zustand/vanilla';
import { browserWorkerFactory } from '../worker/client';
import { configureRunStore, runStore } from './runStore';
import type { CompiledWorkflow, RunSource } from './runSource';

interface GraphStoreContract {
  activeWorkflowId: string | null;
  selectedNodeId: string | null;
  selectNode(id: string | null): void;
}

interface GraphModule {
  graphStore?: StoreApi<GraphStoreContract>;
  compileActiveWorkflow?: () => CompiledWorkflow;
}

const graphModules = import.meta.glob<GraphModule>('./graphStore.ts', { eager: true });

function graphSource(graph: StoreApi<GraphStoreContract>, compile: () => CompiledWorkflow): RunSource {
  return {
    compile,
    activeWorkflowId: () => graph.getState().activeWorkflowId,
    selectedNodeId: () => graph.getState().selectedNodeId,
    selectNode: (id) => graph.getState().selectNode(id),
    subscribe: (listener) => graph.subscribe(listener),
  };
}

/** A source holding one compiled workflow, for tests driving the page without the editor. */
export function staticSource(compiled: CompiledWorkflow): RunSource & { set(next: CompiledWorkflow): void } {
  let current = compiled;
  let selected: string | null = null;
  const listeners = new Set<() => void>();
  const notify = () => listeners.forEach((listener) => listener());
  return {
    compile: () => current,
    activeWorkflowId: () => current.workflowId,
    selectedNodeId: () => selected,
    selectNode: (id) => {
      selected = id;
      notify();
    },
    subscribe: (listener) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    set: (next) => {
      current = next;
      notify();
    },
  };
}

let linked = false;

/** Idempotent: wires the run store to the graph store and real workers. */
export function linkRunStore(): void {
  if (linked) return;
  linked = true;
  const module = Object.values(graphModules)[0];
  const graph = module?.graphStore;
  const compile = module?.compileActiveWorkflow;
  configureRunStore({ workerFactory: browserWorkerFactory, source: graph && compile ? graphSource(graph, compile) : null });
  // End-to-end tests and benchmarks may build graphs and drive the run panel directly (?testHooks).
  if (typeof location !== 'undefined' && new URLSearchParams(location.search).has('testHooks')) {
    Object.assign(globalThis, { __swarkRun: { runStore, staticSource, configureRunStore, graphStore: graph ?? null } });
  }
}
