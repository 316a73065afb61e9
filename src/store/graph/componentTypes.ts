/** The graph store's component shapes: a definition open on the canvas, and the component actions. */
import type { AnnotationSpec } from '../../format';
import type { EditorEdge, EditorNode } from './types';

/** A component's definition open on the canvas (its inner graph), and the workflow it was opened from. */
export interface ComponentEditing {
  definitionId: string;
  /** The instance it was opened from (its runs' inner steps are `<instance>/<inner>`). */
  instanceId: string;
  /** When the library record was first made (kept as the definition is saved again). */
  createdAt: number;
  /** The workflow's own nodes, wires and annotations, back on the canvas when the definition closes. */
  outer: { nodes: EditorNode[]; edges: EditorEdge[]; annotations: AnnotationSpec[] };
}

/** Components: each refusal is set as the notice (worded in `rules.ts` or by the format's component edits). */
export interface ComponentActions {
  /** Collapses the selected nodes (two or more) into one instance of a new library component; its id, or null when refused. */
  makeComponent(): string | null;
  /** Puts an instance's inner nodes back (ids `<instance>/<inner>`); true when done. */
  expandComponent(nodeId: string): boolean;
  /** Places an instance of library component `definitionId`; its id. */
  addComponent(definitionId: string, position: { x: number; y: number }): string;
  /**
   * Opens instance `nodeId`'s definition on the canvas (its own undo history); each edit there is saved
   * to the library and reaches every instance. True when opened.
   */
  editComponent(nodeId: string): boolean;
  /** Back to the workflow; wires on ports the definition no longer has are kept and named in the notice. */
  closeComponent(): void;
  /** The workflows with instances of library component `definitionId` (name and count), to confirm a delete with. */
  componentUses(definitionId: string): { workflow: string; count: number }[];
  /** Deletes library component `definitionId` (its instances stay, shown as missing, until deleted or undone by re-import). */
  deleteLibraryComponent(definitionId: string): void;
}
