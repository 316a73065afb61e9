/** The run store's view of the graph store: the compiled active workflow and the node selection. */
import type { GraphStore } from './graph';
import { selectedNodeId } from './graph/selection';
import type { RunSource } from './run';

export function graphSource(graph: GraphStore): RunSource {
  return {
    compile: () => graph.getState().compileActive(),
    activeWorkflowId: () => graph.getState().activeWorkflowId,
    selectedNodeId: () => selectedNodeId(graph.getState()),
    selectNode: (id) => graph.getState().selectNode(id),
    subscribe: (listener) => graph.subscribe(listener),
  };
}
