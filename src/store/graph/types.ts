/** The graph store's shapes: the active workflow as React Flow nodes and edges, and its actions. */
import type { NodeBase, EdgeBase } from '@xyflow/system';
import type { JsonValue, StoredFileInfo, WorkflowJSON } from '../../engine';
import type { AnnotationColor, AnnotationSpec, ComponentLibrary, EmbeddedFile, ImportProblem, WorkflowFile } from '../../format';
import type { RunStateChoice } from '../../persistence/types';
import type { CompiledWorkflow } from '../run/source';
import type { SlotKind } from './slots';
import type { ComponentActions, ComponentEditing } from './componentTypes';

export type { ComponentActions, ComponentEditing };

export type { RunStateChoice };

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
  /** `true`: the node is bypassed (does not run; see the engine's `bypass.ts`). Absent when not. */
  bypassed?: true;
}

export type EditorNode = NodeBase<EditorNodeData, 'model'>;
export type EditorEdge = EdgeBase & { sourceHandle: string; targetHandle: string };

/** A message for the person about the last action (a refused connection, an import result). */
export interface EditorNotice {
  kind: 'error' | 'warning' | 'info';
  title: string;
  items: ImportProblem[];
  /** `gone-ports`: it lists wires on ports a component lost, and goes once none is left. */
  about?: 'gone-ports';
}

export interface ConnectionRequest {
  source: string;
  sourceHandle: string | null;
  target: string;
  targetHandle: string | null;
}

export type ConnectionCheck = { ok: true; replaces: EditorEdge | null } | { ok: false; reason: string };

/** Slots by name, codec-encoded: an initial state, or a saved one. */
export type StateValues = Record<string, JsonValue>;

/** What undo and redo bring back. */
export interface GraphSnapshot {
  nodes: EditorNode[];
  edges: EditorEdge[];
  state: StateValues;
  savedStates: Record<string, StateValues>;
  annotations: AnnotationSpec[];
}

/** A state Run names by reference (an application's), as far as it has been read. */
type ResolvedRunState =
  | { ref: string; status: 'loading' }
  | { ref: string; status: 'ready'; values: StateValues }
  | { ref: string; status: 'error'; message: string };

/** The active workflow's data (no actions). */
export interface GraphData {
  activeWorkflowId: string | null;
  name: string;
  createdAt: number;
  /** Node selection lives here only, in `node.selected` (React Flow's own flag). */
  nodes: EditorNode[];
  edges: EditorEdge[];
  /** Initial state slots (read by steps, produced by none). */
  initialState: StateValues;
  /** Named copies of the initial state (`workspace://<workflow>/states/<name>`). */
  savedStates: Record<string, StateValues>;
  /** Notes and groups on the canvas (editor-only; never compiled). */
  annotations: AnnotationSpec[];
  /** The workspace's component library (an instance node's model is `component:<id>`). */
  components: ComponentLibrary;
  /** Set while a component's definition is open on the canvas: `nodes` and `edges` are then its inner graph. */
  editing: ComponentEditing | null;
  /** The state Run starts from. */
  runState: RunStateChoice;
  /** The values of a `ref` run state once read (null for the others). */
  resolvedRunState: ResolvedRunState | null;
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
  /**
   * Bypasses the given nodes (default: the selected ones), or lifts their bypass when every one of
   * them is bypassed already (Ctrl+B, the node's menu); one undo point. False when there were none.
   */
  toggleBypass(nodeIds?: readonly string[]): boolean;
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
  /**
   * The stored files (by hash) an undo or redo could bring back into a graph: the workspace keeps
   * their bytes though no saved workflow refers to them any more (e.g. undo after "Replace…").
   */
  filesHeldByHistory(): Set<string>;
  /** Resolves once the nodes have moved (the layout engine loads on first use). */
  autoLayout(): Promise<void>;
  setNotice(notice: EditorNotice | null): void;
}

/** The initial state's slots and the saved states; each edit is undoable and saved, and returns why not in words. */
export interface InitialStateActions {
  addSlot(name: string, kind: SlotKind): string | null;
  /** Renames the slot and rebinds the inputs that read it (and the slot in saved states). */
  renameSlot(from: string, to: string): string | null;
  /** Removes the slot; inputs that read it are unbound (undo brings both back). */
  deleteSlot(name: string): void;
  /** Sets the slot's value from typed text, read as the slot's kind. */
  setSlotText(name: string, text: string): string | null;
  /** Changes the slot's kind, keeping its value where it reads as the new kind. */
  setSlotKind(name: string, kind: SlotKind): void;
  /** Saves the current initial state under `name` (replacing a saved state of that name). */
  saveState(name: string): string | null;
  deleteSavedState(name: string): void;
  /** Copies a saved state into the initial state. */
  loadSavedState(name: string): void;
  /** Which state Run starts from; a reference is read at once (and again when the workflow opens). */
  chooseRunState(choice: RunStateChoice): void;
}

/** The wire a model is added for: where it starts, and the new node's port it joins. */
interface WireStart {
  nodeId: string;
  handle: string;
  /** `output`: the wire leaves an output of `nodeId`, into input `port` of the new node. */
  from: 'output' | 'input';
  port: string;
}

export interface PlacementActions {
  /** Adds a node of `modelId` wired to `wire` (one undo point); its id. */
  addWiredNode(modelId: string, position: { x: number; y: number }, wire: WireStart): string;
  /** Puts an unwired node onto the edge in between, when the types fit; else says why in the notice. True when done. */
  insertOnWire(nodeId: string, edgeId: string): boolean;
}

/** Notes and groups: each change is an undo point and saved, like a node's. */
export interface AnnotationActions {
  /** Adds a note with its top-left at `at`; returns its id ("" inside an open definition, which keeps no notes: refused in the notice). */
  addNote(at: { x: number; y: number }): string;
  /** A group framing the selected nodes (Ctrl+G); null when none is selected. */
  groupSelection(): string | null;
  /** Sets a note's markdown or a group's title (typing coalesces into one undo point). */
  setAnnotationText(id: string, text: string): void;
  setAnnotationColor(id: string, color: AnnotationColor): void;
  /** A resize (React Flow's NodeResizer): the new frame, as one undo point. */
  resizeAnnotation(id: string, frame: Pick<AnnotationSpec, 'x' | 'y' | 'width' | 'height'>): void;
  /** Moves a note, or a group with the nodes inside its frame when the move began. */
  moveAnnotation(id: string, to: { x: number; y: number }, members?: readonly string[]): void;
  /** Deletes a note or a group; `withNodes` deletes a group's nodes too (default: they stay). */
  deleteAnnotation(id: string, options?: { withNodes?: boolean }): void;
}

export interface ClipboardActions {
  copySelection(): string | null;
  /** Resolves true when the text was a fragment and its nodes were added (the fragment reader loads on first use). */
  paste(text: string, at?: { x: number; y: number }): Promise<boolean>;
  duplicateSelection(): void;
}

export interface WorkflowActions {
  openWorkflow(id: string): boolean;
  /** Opens the workflow that was open last (the workspace remembers it), else the one edited last, or creates a first one (after the workspace loaded). */
  openInitialWorkflow(): void;
  createWorkflow(name: string, templateId?: string): string;
  renameWorkflow(id: string, name: string): void;
  duplicateWorkflow(id: string): string | null;
  deleteWorkflow(id: string): void;
  /**
   * The new workflow's id, or null when the file was refused, in words (the importer loads on first
   * use; a file is read in the run worker). A file bringing cached results first sets
   * `importedCache` and resolves once it is answered.
   */
  importWorkflow(source: Blob | string): Promise<string | null>;
  /** The answer to `importedCache`: use the file's cached results (marked imported), or drop them. */
  answerImportedCache(use: boolean): void;
  /** The file: with the cache when given, with the saved states when `includeStates`, with the stored files it reads (`files`, by hash). */
  exportWorkflow(
    cache?: Pick<WorkflowJSON, 'modelInputs' | 'modelOutputs'>,
    includeStates?: boolean,
    files?: Record<string, EmbeddedFile>,
  ): { fileName: string; text: string };
  /**
   * The file as the format holds it, before it is written as text: what {@link exportWorkflow}
   * writes, and what an export whose big parts the run worker made is written around.
   */
  workflowFile(
    includeStates?: boolean,
    files?: Record<string, EmbeddedFile>,
    cache?: Pick<WorkflowJSON, 'modelInputs' | 'modelOutputs'>,
  ): { fileName: string; file: WorkflowFile };
  /** The stored files the active workflow's params and states refer to (what an export embeds). */
  activeFiles(): StoredFileInfo[];
  /**
   * The active workflow as the engine runs it: steps in topological order, step id = node id, and
   * the state Run starts from. Throws an Error naming the node (or the state) when it cannot run.
   */
  compileActive(): CompiledWorkflow;
}

export type GraphState = GraphData &
  SelectionActions &
  EditActions &
  AnnotationActions &
  PlacementActions &
  ComponentActions &
  InitialStateActions &
  ClipboardActions &
  WorkflowActions;
