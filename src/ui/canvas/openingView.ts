/**
 * Where the canvas opens a workflow: fitted whole when it fits at a zoom the fit allows; when it is
 * too wide (or tall) for that, at the lowest zoom allowed and aligned to its start (left, top), as
 * a pipeline reads from its first step, rather than centred with its first and last steps cut off.
 */
import type { Rect, Viewport } from '@xyflow/react';

export interface Padding {
  top: number;
  right: number;
  bottom: number;
  left: number;
}

export function openingViewport(
  bounds: Rect,
  pane: { width: number; height: number },
  zooms: { minZoom?: number; maxZoom?: number },
  padding: Padding,
): Viewport {
  const room = { width: Math.max(1, pane.width - padding.left - padding.right), height: Math.max(1, pane.height - padding.top - padding.bottom) };
  const whole = Math.min(room.width / Math.max(1, bounds.width), room.height / Math.max(1, bounds.height));
  const zoom = Math.min(zooms.maxZoom ?? Infinity, Math.max(zooms.minZoom ?? 0, whole));
  // Along each axis: centred when the graph fits there, else its start at the padding.
  const place = (start: number, size: number, space: number, before: number) =>
    size * zoom <= space ? before + (space - size * zoom) / 2 - start * zoom : before - start * zoom;
  return {
    x: place(bounds.x, bounds.width, room.width, padding.left),
    y: place(bounds.y, bounds.height, room.height, padding.top),
    zoom,
  };
}
