/** What every slice of the graph store shares: zustand's set/get, the undo history and the save. */
import type { ImportReader } from './importReader';
import type { StoreApi } from 'zustand/vanilla';
import type { ComponentRepository, WorkflowRepository } from '../../persistence/ports';
import { History } from './history';
import { hasGoneWires, saveOpenDefinition, workflowView } from './componentEditing';
import { recordOf } from './convert';
import type { GraphSnapshot, GraphState, StateValues } from './types';

export interface GraphDeps {
  workflows: WorkflowRepository;
  /** The component library (absent: components live in this store only, e.g. in tests). */
  components?: ComponentRepository;
  /** Reads a state named by reference (e.g. `app://weather/states/monthly`) as codec-encoded slots. */
  resolveState?: (ref: string) => Promise<StateValues>;
  /** The clock (a new date slot starts today). */
  now?: () => number;
  /** Which workflow was open last (the workspace's setting), so a reload opens it again. */
  openWorkflow?: { remembered(): string | null; remember(id: string): void };
  /** Reads files to import off the page's thread (the run worker); absent: read on this thread. */
  importReader?: ImportReader;
}

export interface GraphContext {
  set: StoreApi<GraphState>['setState'];
  get: () => GraphState;
  deps: GraphDeps;
  history: History<GraphSnapshot>;
  /** Saves the active workflow to the repository. */
  persist(): void;
  /** Applies a graph edit: records an undo point (coalesced by key), updates, saves. */
  edit(change: Partial<GraphState> | ((state: GraphState) => Partial<GraphState>), coalesceKey?: string): void;
  snapshot(): GraphSnapshot;
}

export function graphContext(set: GraphContext['set'], get: GraphContext['get'], deps: GraphDeps): GraphContext {
  const history = new History<GraphSnapshot>();
  const snapshot = (): GraphSnapshot => ({
    nodes: get().nodes,
    edges: get().edges,
    state: get().initialState,
    savedStates: get().savedStates,
    annotations: get().annotations,
  });
  const persist = () => {
    // With a definition open, the canvas is its inner graph: that is saved to the library, the workflow as it waits.
    const editing = get().editing;
    const saved = editing && saveOpenDefinition(get(), editing, deps.components);
    if (saved) set(saved);
    const record = recordOf(workflowView(get()), get().components);
    if (record) deps.workflows.saveWorkflow(record);
  };
  return {
    set,
    get,
    deps,
    history,
    persist,
    snapshot,
    edit: (change, coalesceKey) => {
      history.record(snapshot(), coalesceKey);
      set((state) => ({ ...(typeof change === 'function' ? change(state) : change), canUndo: history.canUndo, canRedo: history.canRedo }));
      // The list of wires on lost ports goes once the last of them is deleted.
      if (get().notice?.about === 'gone-ports' && !get().editing && !hasGoneWires(get())) set({ notice: null });
      persist();
    },
  };
}
