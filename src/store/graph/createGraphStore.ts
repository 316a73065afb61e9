/**
 * The graph store: the active workflow as an editable graph (nodes = steps, edges = state slots),
 * with every edit undoable and saved through the workflow repository. React Flow's changes arrive
 * already applied (`setViewNodes` / `setViewEdges`); domain edits are named actions that make new
 * objects. Composed of slices over pure rules; one store per studio.
 */
import { createStore, type StoreApi } from 'zustand/vanilla';
import { annotationSlice } from './annotationSlice';
import { clipboardSlice } from './clipboard';
import { componentEditSlice } from './componentEditSlice';
import { componentSlice } from './componentSlice';
import { graphContext, type GraphDeps } from './context';
import { editSlice } from './edit';
import { placementSlice } from './placement';
import { OWN_STATE } from './runState';
import { selectionSlice } from './selection';
import { stateSlice } from './stateSlice';
import type { GraphData, GraphState } from './types';
import { workflowsSlice } from './workflows';

export type GraphStore = StoreApi<GraphState>;

const EMPTY_GRAPH: Omit<GraphData, 'createdAt'> = {
  activeWorkflowId: null,
  name: 'Untitled workflow',
  nodes: [],
  edges: [],
  initialState: {},
  savedStates: {},
  annotations: [],
  components: {},
  editing: null,
  runState: OWN_STATE,
  resolvedRunState: null,
  useExtracts: true,
  populateExtracts: true,
  notice: null,
  importedCache: null,
  canUndo: false,
  canRedo: false,
};

export function createGraphStore(deps: GraphDeps): GraphStore {
  return createStore<GraphState>()((set, get) => {
    const context = graphContext(set, get, deps);
    const { resolveRunState, ...stateActions } = stateSlice(context);
    return {
      ...EMPTY_GRAPH,
      createdAt: Date.now(),
      ...selectionSlice(context),
      ...editSlice(context),
      ...annotationSlice(context),
      ...placementSlice(context),
      ...componentSlice(context),
      ...componentEditSlice(context),
      ...stateActions,
      ...clipboardSlice(context),
      ...workflowsSlice(context, resolveRunState),
    };
  });
}
