/**
 * Notes and groups: editor-only marks on the canvas (n8n's sticky notes, ComfyUI's and Node-RED's
 * groups). They are not steps: the compiler, the engine and `swark run` never read them. A group's
 * members are not stored; they are the nodes lying inside its frame (as in ComfyUI), so positions stay
 * absolute and the layout keeps one meaning.
 */
import type { CanvasAnnotation } from '../engine';

/** The colours a note or group may have; the UI maps each to a style token. */
export const ANNOTATION_COLORS = ['yellow', 'blue', 'green', 'pink', 'purple', 'gray'] as const;
export type AnnotationColor = (typeof ANNOTATION_COLORS)[number];

/** A note or group in a file: the engine's {@link CanvasAnnotation}, which the workspace keeps too. */
export type AnnotationSpec = CanvasAnnotation;

/** The colour an annotation is drawn in: its own, or the first for one this app does not know. */
export function colorOf(annotation: Pick<AnnotationSpec, 'color'>): AnnotationColor {
  return ANNOTATION_COLORS.find((color) => color === annotation.color) ?? ANNOTATION_COLORS[0];
}

/** As saved and exported: numbers rounded, as the layout rounds positions (stable files), and a known colour. */
export function roundedAnnotations(annotations: readonly AnnotationSpec[]): (AnnotationSpec & { color: AnnotationColor })[] {
  return annotations.map((a) => ({
    ...a,
    x: Math.round(a.x),
    y: Math.round(a.y),
    width: Math.max(1, Math.round(a.width)),
    height: Math.max(1, Math.round(a.height)),
    color: colorOf(a),
  }));
}
