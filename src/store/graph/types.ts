/** The graph store's shapes: the active workflow as React Flow nodes and edges, and its actions. */
import type { NodeBase, EdgeBase } from '@xyflow/system';
import type { JsonValue, WorkflowJSON } from '../../engine';
import type { ImportProblem } from '../../format';
import type { CompiledWorkflow } from '../run/source';

/** What a node carries besides its id and position (React Flow's `data`). */
export interface EditorNodeData extends Record<string, unknown> {
  model: string;
  label: string;
  params: Record<string, JsonValue>;
  slotNames: Record<string, string>;
  stateInputs: Record<string, string>;
  missingPorts?: { inputs: string[]; outputs: string[] };
  untrusted?: boolean;
  /** `false`: "Always run" is on (the step is never skipped). Absent when off. */
  deterministic?: false;
}

export type EditorNode = NodeBase<EditorNodeData, 'model'>;
export type EditorEdge = EdgeBase & { sourceHandle: string; targetHandle: string };

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

/** What undo and redo bring back. */
export interface GraphSnapshot {
  nodes: EditorNode[];
  edges: EditorEdge[];
  state: Record<string, JsonValue>;
}

/** The active workflow's data (no actions). */
export interface GraphData {
  activeWorkflowId: string | null;
  name: string;
  createdAt: number;
  /** Node selection lives here only, in `node.selected` (React Flow's own flag). */
  nodes: EditorNode[];
  edges: EditorEdge[];
  /** Initial state slots (read by steps, produced by none). */
  initialState: Record<string, JsonValue>;
  useExtracts: boolean;
  populateExtracts: boolean;
  notice: EditorNotice | null;
  /** An imported file brings cached results: the import waits for `answerImportedCache`. */
  importedCache: { name: string; stepCount: number } | null;
  canUndo: boolean;
  canRedo: boolean;
}

export interface SelectionActions {
  /** Selects one node (null: none). */
  selectNode(id: string | null): void;
  selectAll(): void;
}

export interface EditActions {
  updateNodeParam(nodeId: string, field: string, value: JsonValue | undefined): void;
  /** Null when done, else why not. */
  setNodeLabel(nodeId: string, label: string): string | null;
  setSlotName(nodeId: string, output: string, slot: string): string | null;
  trustNode(nodeId: string): void;
  /** Turns a node's "Always run" switch on or off (an undo point). */
  setNodeAlwaysRun(nodeId: string, on: boolean): void;
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
  /** Resolves once the nodes have moved (the layout engine loads on first use). */
  autoLayout(): Promise<void>;
  setNotice(notice: EditorNotice | null): void;
}

export interface ClipboardActions {
  copySelection(): string | null;
  /** Resolves true when the text was a fragment and its nodes were added (the fragment reader loads on first use). */
  paste(text: string, at?: { x: number; y: number }): Promise<boolean>;
  duplicateSelection(): void;
}

export interface WorkflowActions {
  openWorkflow(id: string): boolean;
  /** Opens the most recent saved workflow, or creates a first one (after the workspace loaded). */
  openInitialWorkflow(): void;
  createWorkflow(name: string, templateId?: string): string;
  renameWorkflow(id: string, name: string): void;
  duplicateWorkflow(id: string): string | null;
  deleteWorkflow(id: string): void;
  /**
   * The new workflow's id, or null when the file was refused (the importer loads on first use). A
   * file bringing cached results first sets `importedCache` and resolves once it is answered.
   */
  importWorkflow(text: string): Promise<string | null>;
  /** The answer to `importedCache`: use the file's cached results (marked imported), or drop them. */
  answerImportedCache(use: boolean): void;
  exportWorkflow(cache?: Pick<WorkflowJSON, 'modelInputs' | 'modelOutputs'>): { fileName: string; text: string };
  /**
   * The active workflow as the engine runs it: steps in topological order, step id = node id.
   * Throws an Error naming the node when the graph cannot run.
   */
  compileActive(): CompiledWorkflow;
}

export type GraphState = GraphData & SelectionActions & EditActions & ClipboardActions & WorkflowActions;
