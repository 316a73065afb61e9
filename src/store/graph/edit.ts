/** The graph's edits: each records an undo point and saves; refusals come from `rules.ts`. */
import { componentIdOf, isBoundaryId, type GraphEdgeSpec } from '../../format';
import { layeredLayout } from './layout';
import type { GraphContext } from './context';
import { checkConnection, labelProblem, replacedEdgeNote, slotNameProblem } from './rules';
import { HeldFiles } from './heldFiles';
import { deselected, withSelection } from './selection';
import type { EditActions, EditorNodeData, GraphSnapshot } from './types';
import { newNode, withWire } from './wiring';

export function editSlice(context: GraphContext): EditActions {
  const { set, get, edit, history, persist, snapshot } = context;
  const heldFiles = new HeldFiles();

  const updateNodeData = (nodeId: string, update: (data: EditorNodeData) => EditorNodeData, coalesceKey?: string) => {
    if (!get().nodes.some((n) => n.id === nodeId)) throw new Error(`no node "${nodeId}" in the active workflow`);
    edit((state) => ({ nodes: state.nodes.map((n) => (n.id === nodeId ? { ...n, data: update(n.data) } : n)) }), coalesceKey);
  };

  /** Undo and redo bring back the graph, not the selection: the current selection stays. */
  const restore = (target: GraphSnapshot) => {
    const current = get();
    const selectedNodes = new Set(current.nodes.filter((n) => n.selected).map((n) => n.id));
    const selectedEdges = new Set(current.edges.filter((e) => e.selected).map((e) => e.id));
    set({
      nodes: withSelection(target.nodes, selectedNodes),
      edges: withSelection(target.edges, selectedEdges),
      initialState: target.state,
      savedStates: target.savedStates,
      annotations: target.annotations,
      canUndo: history.canUndo,
      canRedo: history.canRedo,
    });
    persist();
  };

  // An open definition's boundary nodes stay (their wires are its ports; deleting a wire removes one).
  const removeNodes = (all: ReadonlySet<string>, edgeIds: ReadonlySet<string> = new Set()) => {
    const ids = new Set([...all].filter((id) => !isBoundaryId(id)));
    if (!ids.size && !edgeIds.size) return;
    edit((state) => ({
      nodes: state.nodes.filter((n) => !ids.has(n.id)),
      edges: state.edges.filter((e) => !edgeIds.has(e.id) && !ids.has(e.source) && !ids.has(e.target)),
    }));
  };

  return {
    updateNodeParam: (nodeId, field, value) =>
      updateNodeData(
        nodeId,
        (data) => {
          const params = { ...data.params };
          if (value === undefined) delete params[field];
          else params[field] = value;
          return { ...data, params };
        },
        `param:${nodeId}:${field}`,
      ),

    setNodeLabel: (nodeId, label) => {
      const text = label.trim();
      const problem = labelProblem(get().nodes, nodeId, text);
      if (problem) return problem;
      updateNodeData(nodeId, (data) => ({ ...data, label: text }), `label:${nodeId}`);
      return null;
    },

    setSlotName: (nodeId, output, slot) => {
      const text = slot.trim();
      const problem = slotNameProblem(get().nodes, nodeId, output, text);
      if (problem) return problem;
      updateNodeData(
        nodeId,
        (data) => {
          const slotNames = { ...data.slotNames };
          if (!text || text === `${data.label}.${output}`) delete slotNames[output];
          else slotNames[output] = text;
          return { ...data, slotNames };
        },
        `slot:${nodeId}:${output}`,
      );
      return null;
    },

    trustNode: (nodeId) =>
      updateNodeData(nodeId, (data) => {
        const { untrusted: _dropped, ...rest } = data;
        return rest as EditorNodeData;
      }),

    setNodeAlwaysRun: (nodeId, on) =>
      updateNodeData(nodeId, (data) => {
        const { deterministic: _dropped, ...rest } = data;
        return on ? { ...rest, deterministic: false } : (rest as EditorNodeData);
      }),

    toggleBypass: (nodeIds) => {
      const ids = new Set(
        nodeIds ??
          get()
            .nodes.filter((n) => n.selected)
            .map((n) => n.id),
      );
      const targets = get().nodes.filter((n) => ids.has(n.id));
      if (!targets.length) return false;
      const bypass = targets.some((n) => !n.data.bypassed);
      edit((state) => ({
        nodes: state.nodes.map((n) => {
          if (!ids.has(n.id)) return n;
          const { bypassed: _dropped, ...rest } = n.data;
          return { ...n, data: bypass ? { ...rest, bypassed: true as const } : (rest as EditorNodeData) };
        }),
      }));
      return true;
    },

    addNode: (modelId, position) => {
      // A palette entry under "Components" names `component:<id>`: another instance of it.
      const component = componentIdOf(modelId);
      if (component !== null) return get().addComponent(component, position);
      const node = newNode(get().nodes, modelId, position);
      edit({ nodes: [...deselected(get().nodes), node] });
      return node.id;
    },

    checkConnection: (request) => checkConnection(get().nodes, get().edges, request),

    connect: (request) => {
      const check = checkConnection(get().nodes, get().edges, request);
      if (!check.ok) {
        set({ notice: { kind: 'error', title: check.reason, items: [] } });
        return false;
      }
      const spec: GraphEdgeSpec = {
        source: request.source,
        output: request.sourceHandle as string,
        target: request.target,
        field: request.targetHandle as string,
      };
      const replaced = check.replaces;
      edit((state) => ({
        ...withWire(state, spec, replaced),
        notice: replaced ? { kind: 'info', title: replacedEdgeNote(state.nodes, spec, replaced), items: [] } : null,
      }));
      return true;
    },

    deleteNodes: (ids) => {
      if (ids.length) removeNodes(new Set(ids));
    },

    deleteSelection: () => {
      const { nodes, edges } = get();
      const ids = new Set(nodes.filter((n) => n.selected).map((n) => n.id));
      const edgeIds = new Set(edges.filter((e) => e.selected).map((e) => e.id));
      if (ids.size || edgeIds.size) removeNodes(ids, edgeIds);
    },

    setViewNodes: (nodes, kind) => {
      if (kind === 'drag-start' || kind === 'remove') history.record(snapshot());
      set({ nodes, canUndo: history.canUndo, canRedo: history.canRedo });
      if (kind === 'drag-end' || kind === 'remove') persist();
    },

    setViewEdges: (edges, kind) => {
      if (kind === 'remove') history.record(snapshot());
      set({ edges, canUndo: history.canUndo, canRedo: history.canRedo });
      if (kind === 'remove') persist();
    },

    undo: () => {
      const previous = history.undo(snapshot());
      if (previous) restore(previous);
    },

    redo: () => {
      const next = history.redo(snapshot());
      if (next) restore(next);
    },

    filesHeldByHistory: () => heldFiles.in(history.snapshots()),

    autoLayout: async () => {
      const { nodes, edges } = get();
      if (!nodes.length) return;
      let positions: Awaited<ReturnType<typeof layeredLayout>>;
      try {
        positions = await layeredLayout(
          nodes.map((n) => ({ id: n.id, width: n.measured?.width ?? 220, height: n.measured?.height ?? 120 })),
          edges,
        );
      } catch (error) {
        // The layout worker could not start or failed: the nodes stay where they are, and the person is told.
        set({ notice: { kind: 'error', title: `Layout failed: ${(error as Error).message}. The nodes were left where they were.`, items: [] } });
        return;
      }
      edit((state) => ({ nodes: state.nodes.map((n) => ({ ...n, position: positions.get(n.id) ?? n.position })) }));
    },

    setNotice: (notice) => set({ notice }),
  };
}
