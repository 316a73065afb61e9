/**
 * The graph store: the active workflow as an editable graph (nodes = steps, edges = state slots),
 * with every edit undoable and saved to the workspace. React Flow's changes arrive already applied
 * (`setViewNodes` / `setViewEdges`); all domain edits are named actions that make new objects.
 */
import { createStore } from 'zustand/vanilla';
import { useStore } from 'zustand';
import type { NodeBase, EdgeBase } from '@xyflow/system';
import { decodeValue, hashValue, type JsonValue, type WorkflowJSON } from '../engine';
import {
  compileGraph,
  edgeId,
  fragmentFromText,
  fragmentToText,
  graphFromWorkflow,
  importWorkflowText,
  slotNameOf,
  toWorkflowFile,
  exportFileName,
  wouldCloseCycle,
  type GraphEdgeSpec,
  type GraphNodeSpec,
  type ImportProblem,
  type WorkflowGraph,
} from '../format';
import type { NodeLayout, WorkflowRecord } from '../persistence/types';
import { workspaceStore } from './workspaceStore';
import { isCodeModel, modelInfo, portsOf, typeMismatch } from './graphCatalog';
import { History } from './graphHistory';
import { layeredLayout } from './graphLayout';
import { templateById } from './graphTemplates';

/** What a node carries besides its id and position (React Flow's `data`). */
export interface EditorNodeData extends Record<string, unknown> {
  model: string;
  label: string;
  params: Record<string, JsonValue>;
  slotNames: Record<string, string>;
  stateInputs: Record<string, string>;
  missingPorts?: { inputs: string[]; outputs: string[] };
  untrusted?: boolean;
}

export type EditorNode = NodeBase<EditorNodeData, 'model'>;
export type EditorEdge = EdgeBase & { sourceHandle: string; targetHandle: string };

export interface CompiledWorkflow {
  workflowId: string;
  name: string;
  workflow: WorkflowJSON;
  state: Record<string, JsonValue>;
}

/** A message for the person about the last action (a refused connection, an import result). */
export interface EditorNotice {
  kind: 'error' | 'warning' | 'info';
  title: string;
  items: ImportProblem[];
}

export interface ConnectionRequest {
  source: string;
  sourceHandle: string | null;
  target: string;
  targetHandle: string | null;
}

export type ConnectionCheck = { ok: true; replaces: EditorEdge | null } | { ok: false; reason: string };

interface Snapshot {
  nodes: EditorNode[];
  edges: EditorEdge[];
  state: Record<string, JsonValue>;
}

export interface GraphState {
  activeWorkflowId: string | null;
  name: string;
  createdAt: number;
  nodes: EditorNode[];
  edges: EditorEdge[];
  /** Initial state slots (read by steps, produced by none). */
  initialState: Record<string, JsonValue>;
  useExtracts: boolean;
  populateExtracts: boolean;
  selectedNodeId: string | null;
  notice: EditorNotice | null;
  canUndo: boolean;
  canRedo: boolean;

  selectNode(id: string | null): void;
  updateNodeParam(nodeId: string, field: string, value: JsonValue | undefined): void;
  setNodeLabel(nodeId: string, label: string): string | null;
  setSlotName(nodeId: string, output: string, slot: string): string | null;
  trustNode(nodeId: string): void;
  addNode(modelId: string, position: { x: number; y: number }): string;
  checkConnection(request: ConnectionRequest): ConnectionCheck;
  connect(request: ConnectionRequest): boolean;
  deleteSelection(): void;
  deleteNodes(ids: readonly string[]): void;
  /** React Flow's node list after `applyNodeChanges`; undo points on drag start and removals. */
  setViewNodes(nodes: EditorNode[], kind: 'drag-start' | 'drag' | 'drag-end' | 'remove' | 'view'): void;
  setViewEdges(edges: EditorEdge[], kind: 'remove' | 'view'): void;
  undo(): void;
  redo(): void;
  autoLayout(): void;
  copySelection(): string | null;
  paste(text: string, at?: { x: number; y: number }): boolean;
  duplicateSelection(): void;
  selectAll(): void;
  setNotice(notice: EditorNotice | null): void;

  openWorkflow(id: string): boolean;
  createWorkflow(name: string, templateId?: string): string;
  renameWorkflow(id: string, name: string): void;
  duplicateWorkflow(id: string): string | null;
  deleteWorkflow(id: string): void;
  importWorkflow(text: string): string | null;
  exportWorkflow(cache?: Pick<WorkflowJSON, 'modelInputs' | 'modelOutputs'>): { fileName: string; text: string };
}

const history = new History<Snapshot>();

function newId(): string {
  return typeof crypto !== 'undefined' && 'randomUUID' in crypto ? crypto.randomUUID() : `wf-${Date.now().toString(36)}-${Math.random().toString(36).slice(2)}`;
}

export function toEditorNode(spec: GraphNodeSpec): EditorNode {
  const data: EditorNodeData = { model: spec.model, label: spec.label, params: spec.params, slotNames: spec.slotNames, stateInputs: spec.stateInputs };
  if (spec.missingPorts) data.missingPorts = spec.missingPorts;
  if (spec.untrusted) data.untrusted = true;
  return { id: spec.id, type: 'model', position: spec.position, data };
}

export function toEditorEdge(spec: GraphEdgeSpec): EditorEdge {
  return { id: edgeId(spec), source: spec.source, sourceHandle: spec.output, target: spec.target, targetHandle: spec.field };
}

function toNodeSpec(node: EditorNode): GraphNodeSpec {
  const spec: GraphNodeSpec = {
    id: node.id,
    model: node.data.model,
    label: node.data.label,
    position: node.position,
    params: node.data.params,
    slotNames: node.data.slotNames,
    stateInputs: node.data.stateInputs,
  };
  if (node.data.missingPorts) spec.missingPorts = node.data.missingPorts;
  if (node.data.untrusted) spec.untrusted = true;
  return spec;
}

function toEdgeSpec(edge: EditorEdge): GraphEdgeSpec {
  return { source: edge.source, output: edge.sourceHandle, target: edge.target, field: edge.targetHandle };
}

/** The graph in neutral form (for compiling, exporting and tests). */
export function currentGraph(state: Pick<GraphState, 'name' | 'nodes' | 'edges' | 'initialState' | 'useExtracts' | 'populateExtracts'> = graphStore.getState()): WorkflowGraph {
  return {
    name: state.name,
    nodes: state.nodes.map(toNodeSpec),
    edges: state.edges.map(toEdgeSpec),
    state: state.initialState,
    useExtracts: state.useExtracts,
    populateExtracts: state.populateExtracts,
  };
}

/** An id not yet used: `base`, `base-2`, … (never all digits: digits mean step indices). */
export function uniqueId(base: string, taken: ReadonlySet<string>): string {
  const clean = base.replace(/[^\w.-]+/g, '-').replace(/^-+|-+$/g, '').replace(/(.)-\d+$/, '$1') || 'node';
  const root = /^\d+$/.test(clean) ? `n${clean}` : clean;
  if (!taken.has(root)) return root;
  for (let n = 2; ; n++) if (!taken.has(`${root}-${n}`)) return `${root}-${n}`;
}

function uniqueLabel(base: string, taken: ReadonlySet<string>): string {
  if (!taken.has(base)) return base;
  for (let n = 2; ; n++) if (!taken.has(`${base} ${n}`)) return `${base} ${n}`;
}

function nodeName(node: EditorNode): string {
  return `"${node.data.label}"`;
}

function recordOf(state: GraphState): WorkflowRecord | null {
  if (!state.activeWorkflowId) return null;
  const compiled = compileGraph(currentGraph(state), { portsOf, strict: false });
  const layout: Record<string, NodeLayout & { untrusted?: boolean }> = {};
  for (const node of state.nodes) {
    const place = compiled.layout[node.id];
    if (!place) continue;
    layout[node.id] = { x: place.x, y: place.y, label: node.data.label, ...(node.data.untrusted ? { untrusted: true } : {}) };
  }
  return { id: state.activeWorkflowId, name: state.name, workflow: compiled.workflow, layout, state: compiled.state, createdAt: state.createdAt, updatedAt: Date.now() };
}

function persist(): void {
  const record = recordOf(graphStore.getState());
  if (record) workspaceStore.getState().saveWorkflow(record);
}

function graphToState(graph: WorkflowGraph): Pick<GraphState, 'nodes' | 'edges' | 'initialState' | 'useExtracts' | 'populateExtracts' | 'name'> {
  return {
    name: graph.name,
    nodes: graph.nodes.map(toEditorNode),
    edges: graph.edges.map(toEditorEdge),
    initialState: graph.state,
    useExtracts: graph.useExtracts,
    populateExtracts: graph.populateExtracts,
  };
}

function recordToGraph(record: WorkflowRecord): WorkflowGraph {
  return graphFromWorkflow({ name: record.name, workflow: record.workflow, layout: record.layout, state: record.state }, portsOf);
}

export const graphStore = createStore<GraphState>()((set, get) => {
  const snapshot = (): Snapshot => ({ nodes: get().nodes, edges: get().edges, state: get().initialState });

  /** Applies a graph edit: records an undo point (coalesced by key), updates, saves. */
  const edit = (change: Partial<GraphState> | ((state: GraphState) => Partial<GraphState>), coalesceKey?: string) => {
    history.record(snapshot(), coalesceKey);
    set((state) => ({ ...(typeof change === 'function' ? change(state) : change), canUndo: history.canUndo, canRedo: history.canRedo }));
    persist();
  };

  const updateNodeData = (nodeId: string, update: (data: EditorNodeData) => EditorNodeData, coalesceKey?: string) => {
    const node = get().nodes.find((n) => n.id === nodeId);
    if (!node) throw new Error(`no node "${nodeId}" in the active workflow`);
    edit((state) => ({ nodes: state.nodes.map((n) => (n.id === nodeId ? { ...n, data: update(n.data) } : n)) }), coalesceKey);
  };

  /**
   * Undo and redo bring back the graph, not the selection: the snapshot's `selected` flags are
   * replaced by the current selection, so React Flow and `selectedNodeId` keep agreeing.
   */
  const restore = (target: Snapshot) => {
    const current = get();
    const selectedIds = new Set(current.nodes.filter((n) => n.selected).map((n) => n.id));
    const nodes = target.nodes.map((n) => (!!n.selected === selectedIds.has(n.id) ? n : { ...n, selected: selectedIds.has(n.id) }));
    const selectedEdgeIds = new Set(current.edges.filter((e) => e.selected).map((e) => e.id));
    const edges = target.edges.map((e) => (!!e.selected === selectedEdgeIds.has(e.id) ? e : { ...e, selected: selectedEdgeIds.has(e.id) }));
    const stillSelected = nodes.filter((n) => n.selected);
    set({
      nodes,
      edges,
      initialState: target.state,
      selectedNodeId: stillSelected.length === 1 ? (stillSelected[0]?.id ?? null) : stillSelected.some((n) => n.id === current.selectedNodeId) ? current.selectedNodeId : null,
      canUndo: history.canUndo,
      canRedo: history.canRedo,
    });
    persist();
  };

  const load = (id: string, graph: WorkflowGraph, createdAt: number) => {
    history.clear();
    set({ activeWorkflowId: id, createdAt, ...graphToState(graph), selectedNodeId: null, canUndo: false, canRedo: false });
  };

  const addSpecs = (specs: GraphNodeSpec[], edges: GraphEdgeSpec[], offset: { x: number; y: number }, trust: 'keep' | 'distrust-code') => {
    const state = get();
    const ids = new Set(state.nodes.map((n) => n.id));
    const labels = new Set(state.nodes.map((n) => n.data.label));
    const rename = new Map<string, string>();
    const added: EditorNode[] = specs.map((spec) => {
      const id = uniqueId(spec.id, ids);
      ids.add(id);
      rename.set(spec.id, id);
      const label = uniqueLabel(spec.label, labels);
      labels.add(label);
      const node = toEditorNode({ ...spec, id, label, position: { x: spec.position.x + offset.x, y: spec.position.y + offset.y } });
      if (trust === 'distrust-code' && isCodeModel(spec.model)) node.data = { ...node.data, untrusted: true };
      return { ...node, selected: true };
    });
    const addedEdges = edges
      .filter((e) => rename.has(e.source) && rename.has(e.target))
      .map((e) => ({ ...toEditorEdge({ ...e, source: rename.get(e.source) as string, target: rename.get(e.target) as string }) }));
    edit({
      nodes: [...state.nodes.map((n) => (n.selected ? { ...n, selected: false } : n)), ...added],
      edges: [...state.edges.map((e) => (e.selected ? { ...e, selected: false } : e)), ...addedEdges],
      selectedNodeId: added.length === 1 ? (added[0]?.id ?? null) : null,
    });
  };

  const selectedFragment = () => {
    const { nodes, edges } = get();
    const chosen = nodes.filter((n) => n.selected);
    if (!chosen.length) return null;
    const ids = new Set(chosen.map((n) => n.id));
    return { nodes: chosen.map(toNodeSpec), edges: edges.filter((e) => ids.has(e.source) && ids.has(e.target)).map(toEdgeSpec) };
  };

  return {
    activeWorkflowId: null,
    name: 'Untitled workflow',
    createdAt: Date.now(),
    nodes: [],
    edges: [],
    initialState: {},
    useExtracts: true,
    populateExtracts: true,
    selectedNodeId: null,
    notice: null,
    canUndo: false,
    canRedo: false,

    selectNode: (id) =>
      set((state) => ({
        selectedNodeId: id,
        nodes: state.nodes.map((n) => ((n.id === id) === !!n.selected ? n : { ...n, selected: n.id === id })),
      })),

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
      if (!text) return 'A title must not be empty.';
      if (text.length > 200) return 'A title must be at most 200 characters.';
      const clash = get().nodes.find((n) => n.id !== nodeId && n.data.label === text);
      if (clash) return `Another node is already called "${text}"; titles name state slots, so they must differ.`;
      updateNodeData(nodeId, (data) => ({ ...data, label: text }), `label:${nodeId}`);
      return null;
    },

    setSlotName: (nodeId, output, slot) => {
      const text = slot.trim();
      const node = get().nodes.find((n) => n.id === nodeId);
      if (!node) return `No node "${nodeId}".`;
      if (text && ['__proto__', 'constructor', 'prototype'].includes(text)) return `"${text}" is a reserved name.`;
      if (text) {
        const clash = get().nodes.find((other) =>
          Object.keys({ ...Object.fromEntries((modelInfo(other.data.model)?.outputs ?? []).map((p) => [p.name, 1])), ...other.data.slotNames }).some(
            (o) => !(other.id === nodeId && o === output) && slotNameOf(other.data, o) === text,
          ),
        );
        if (clash) return `State slot "${text}" is already written by ${nodeName(clash)}.`;
      }
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

    addNode: (modelId, position) => {
      const info = modelInfo(modelId);
      if (!info) throw new Error(`unknown model "${modelId}"`);
      const state = get();
      const base = modelId.split('.').pop() ?? modelId;
      const id = uniqueId(base, new Set(state.nodes.map((n) => n.id)));
      const label = uniqueLabel(id, new Set(state.nodes.map((n) => n.data.label)));
      const node: EditorNode = { ...toEditorNode({ id, model: modelId, label, position, params: {}, slotNames: {}, stateInputs: {} }), selected: true };
      edit({ nodes: [...state.nodes.map((n) => (n.selected ? { ...n, selected: false } : n)), node], selectedNodeId: id });
      return id;
    },

    checkConnection: ({ source, sourceHandle, target, targetHandle }) => {
      const { nodes, edges } = get();
      const from = nodes.find((n) => n.id === source);
      const to = nodes.find((n) => n.id === target);
      if (!from || !to || !sourceHandle || !targetHandle) return { ok: false, reason: 'Connect an output (right side) to an input (left side).' };
      if (modelInfo(to.data.model)?.category === 'input') return { ok: false, reason: `Cannot connect into ${nodeName(to)}: an input model takes its value from the inspector, not from a wire.` };
      const mismatch = typeMismatch(from.data.model, sourceHandle, to.data.model, targetHandle);
      if (mismatch) return { ok: false, reason: `Cannot connect ${nodeName(from)} to ${nodeName(to)}: ${mismatch}.` };
      const existing = edges.find((e) => e.target === target && e.targetHandle === targetHandle) ?? null;
      const others = existing ? edges.filter((e) => e !== existing) : edges;
      if (wouldCloseCycle(source, target, others)) {
        return { ok: false, reason: `Cannot connect ${nodeName(from)} to ${nodeName(to)}: the edge would close a cycle (${nodeName(to)} already feeds ${nodeName(from)}).` };
      }
      if (existing && existing.source === source && existing.sourceHandle === sourceHandle) return { ok: false, reason: 'Those two are already connected.' };
      return { ok: true, replaces: existing };
    },

    connect: (request) => {
      const check = get().checkConnection(request);
      if (!check.ok) {
        set({ notice: { kind: 'error', title: check.reason, items: [] } });
        return false;
      }
      const spec: GraphEdgeSpec = { source: request.source, output: request.sourceHandle as string, target: request.target, field: request.targetHandle as string };
      const replaced = check.replaces;
      edit((state) => {
        const target = state.nodes.find((n) => n.id === spec.target);
        const stateInputs = target?.data.stateInputs ?? {};
        const nodes =
          target && spec.field in stateInputs
            ? state.nodes.map((n) => {
                if (n !== target) return n;
                const rest = { ...stateInputs };
                delete rest[spec.field];
                return { ...n, data: { ...n.data, stateInputs: rest } };
              })
            : state.nodes;
        return {
          nodes,
          edges: [...state.edges.filter((e) => e !== replaced), toEditorEdge(spec)],
          notice: replaced
            ? {
                kind: 'info',
                title: `Replaced the edge into "${target?.data.label ?? spec.target}".${spec.field}: an input takes one edge, so the one from "${state.nodes.find((n) => n.id === replaced.source)?.data.label ?? replaced.source}".${replaced.sourceHandle} was removed.`,
                items: [],
              }
            : null,
        };
      });
      return true;
    },

    deleteNodes: (ids) => {
      const gone = new Set(ids);
      if (!gone.size) return;
      edit((state) => ({
        nodes: state.nodes.filter((n) => !gone.has(n.id)),
        edges: state.edges.filter((e) => !gone.has(e.source) && !gone.has(e.target)),
        selectedNodeId: state.selectedNodeId && gone.has(state.selectedNodeId) ? null : state.selectedNodeId,
      }));
    },

    deleteSelection: () => {
      const { nodes, edges } = get();
      const ids = new Set(nodes.filter((n) => n.selected).map((n) => n.id));
      const edgeIds = new Set(edges.filter((e) => e.selected).map((e) => e.id));
      if (!ids.size && !edgeIds.size) return;
      edit((state) => ({
        nodes: state.nodes.filter((n) => !ids.has(n.id)),
        edges: state.edges.filter((e) => !edgeIds.has(e.id) && !ids.has(e.source) && !ids.has(e.target)),
        selectedNodeId: state.selectedNodeId && ids.has(state.selectedNodeId) ? null : state.selectedNodeId,
      }));
    },

    setViewNodes: (nodes, kind) => {
      if (kind === 'drag-start' || kind === 'remove') history.record(snapshot());
      const selected = nodes.filter((n) => n.selected);
      const selectedNodeId = selected.length === 1 ? (selected[0]?.id ?? null) : selected.length === 0 ? null : get().selectedNodeId;
      set({ nodes, selectedNodeId, canUndo: history.canUndo, canRedo: history.canRedo });
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

    autoLayout: () => {
      const { nodes, edges } = get();
      if (!nodes.length) return;
      const positions = layeredLayout(
        nodes.map((n) => ({ id: n.id, width: n.measured?.width ?? 220, height: n.measured?.height ?? 120 })),
        edges,
      );
      edit((state) => ({ nodes: state.nodes.map((n) => ({ ...n, position: positions.get(n.id) ?? n.position })) }));
    },

    copySelection: () => {
      const fragment = selectedFragment();
      return fragment ? fragmentToText(fragment) : null;
    },

    paste: (text, at) => {
      const fragment = fragmentFromText(text);
      if (!fragment) return false;
      const minX = Math.min(...fragment.nodes.map((n) => n.position.x));
      const minY = Math.min(...fragment.nodes.map((n) => n.position.y));
      const offset = at ? { x: at.x - minX, y: at.y - minY } : { x: 40, y: 40 };
      addSpecs(fragment.nodes, fragment.edges, offset, 'distrust-code');
      return true;
    },

    duplicateSelection: () => {
      const fragment = selectedFragment();
      if (fragment) addSpecs(fragment.nodes, fragment.edges, { x: 40, y: 40 }, 'keep');
    },

    selectAll: () => set((state) => ({ nodes: state.nodes.map((n) => (n.selected ? n : { ...n, selected: true })) })),

    setNotice: (notice) => set({ notice }),

    openWorkflow: (id) => {
      const record = workspaceStore.getState().getWorkflow(id);
      if (!record) return false;
      load(record.id, recordToGraph(record), record.createdAt);
      set({ notice: null });
      return true;
    },

    createWorkflow: (name, templateId) => {
      const id = newId();
      const template = templateId ? templateById(templateId) : undefined;
      if (templateId && !template) throw new Error(`no template "${templateId}"`);
      const graph: WorkflowGraph = template
        ? { ...graphFromWorkflow(template.body(), portsOf), name }
        : { name, nodes: [], edges: [], state: {}, useExtracts: true, populateExtracts: true };
      load(id, graph, Date.now());
      set({ notice: null });
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
      const record = workspaceStore.getState().getWorkflow(id);
      if (record) workspaceStore.getState().saveWorkflow({ ...record, name: text, updatedAt: Date.now() });
    },

    duplicateWorkflow: (id) => {
      if (id === get().activeWorkflowId) persist();
      const record = workspaceStore.getState().getWorkflow(id);
      if (!record) return null;
      const copy: WorkflowRecord = { ...structuredClone(record), id: newId(), name: `${record.name} (copy)`, createdAt: Date.now(), updatedAt: Date.now() };
      workspaceStore.getState().saveWorkflow(copy);
      get().openWorkflow(copy.id);
      return copy.id;
    },

    deleteWorkflow: (id) => {
      workspaceStore.getState().deleteWorkflow(id);
      if (id !== get().activeWorkflowId) return;
      const next = workspaceStore.getState().workflows[0];
      if (next) get().openWorkflow(next.id);
      else get().createWorkflow('Untitled workflow');
    },

    importWorkflow: (text) => {
      const result = importWorkflowText(text, { portsOf, isCodeModel });
      if (!result.ok) {
        set({ notice: { kind: 'error', title: 'The file was not imported; nothing changed.', items: result.problems } });
        return null;
      }
      const id = newId();
      const name = freeWorkflowName(result.graph.name, workspaceStore.getState().workflows.map((w) => w.name));
      load(id, { ...result.graph, name }, Date.now());
      const wrongWires = result.graph.edges.flatMap((edge) => {
        const from = result.graph.nodes.find((n) => n.id === edge.source);
        const to = result.graph.nodes.find((n) => n.id === edge.target);
        const why = from && to ? typeMismatch(from.model, edge.output, to.model, edge.field) : null;
        return why ? [{ stepId: edge.target, message: `Step "${edge.target}" reads "${edge.field}" from step "${edge.source}", but ${why}; the canvas would refuse this wire, and the step will fail until you rewire it.` }] : [];
      });
      const untrusted = result.graph.nodes.filter((n) => n.untrusted).map((n) => ({ stepId: n.id, message: `Step "${n.id}" runs code from the file; it stays disabled until you trust it in the inspector.` }));
      const warnings = [...result.warnings, ...wrongWires, ...untrusted];
      const what = `Imported "${result.graph.name}" as a new workflow${name === result.graph.name ? '' : ` named "${name}" (a workflow already had that name)`}`;
      set({ notice: warnings.length ? { kind: 'warning', title: `${what}, with notes:`, items: warnings } : { kind: 'info', title: `${what}.`, items: [] } });
      persist();
      const extracts = result.file.workflow;
      if (extracts.modelInputs || extracts.modelOutputs) importCache(id, extracts);
      return id;
    },

    exportWorkflow: (cache) => {
      const state = get();
      const file = toWorkflowFile(currentGraph(state), portsOf, cache);
      return { fileName: exportFileName(state.name), text: JSON.stringify(file, null, 2) };
    },
  };
});

/** The name itself when no workflow has it, else "<name> (imported)", then "<name> (2)", "<name> (3)", … */
export function freeWorkflowName(name: string, taken: readonly string[]): string {
  const names = new Set(taken);
  if (!names.has(name)) return name;
  if (!names.has(`${name} (imported)`)) return `${name} (imported)`;
  for (let n = 2; ; n++) if (!names.has(`${name} (${n})`)) return `${name} (${n})`;
}

/** Stores the cache carried by an imported file, so its steps can be skipped at once. */
function importCache(workflowId: string, json: Pick<WorkflowJSON, 'modelInputs' | 'modelOutputs'>): void {
  const entries = [];
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
  if (entries.length) workspaceStore.getState().putExtracts(workflowId, entries);
}

/**
 * The active workflow as the engine runs it: steps in topological order, step id = node id.
 * Throws an Error naming the node when the graph cannot run (a cycle, a missing model, untrusted code, a slot written twice).
 */
export function compileActiveWorkflow(): CompiledWorkflow {
  const state = graphStore.getState();
  if (!state.activeWorkflowId) throw new Error('No workflow is open.');
  const compiled = compileGraph(currentGraph(state), { portsOf, strict: true });
  return { workflowId: state.activeWorkflowId, name: state.name, workflow: compiled.workflow, state: compiled.state };
}

/** Reads the graph store in React; pass a module-level selector (use `useShallow` for new objects). */
export function useGraph<T>(selector: (state: GraphState) => T): T {
  return useStore(graphStore, selector);
}

/** Opens the most recent saved workflow, or creates a first one. Call after `workspaceStore.load()`. */
export function openInitialWorkflow(): void {
  const first = workspaceStore.getState().workflows[0];
  if (first && graphStore.getState().openWorkflow(first.id)) return;
  graphStore.getState().createWorkflow('Untitled workflow');
}
