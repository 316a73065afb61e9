/**
 * A note or group on the canvas: the one definition of its shape, here because both the export
 * format (`src/format/annotations.ts`) and the workspace (`src/persistence`) keep it and may not
 * import each other. Editor-only: the engine never reads one.
 */
export interface CanvasAnnotation {
  id: string;
  kind: 'note' | 'group';
  x: number;
  y: number;
  width: number;
  height: number;
  /** One of the format's `ANNOTATION_COLORS` in a file (the schema checks); the UI draws another as the first. */
  color: string;
  /** A note's markdown, or a group's title (plain text). */
  text: string;
}
