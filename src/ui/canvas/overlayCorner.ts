/**
 * Where the minimap and the zoom controls sit: a corner of the canvas that hides no node. After
 * each view change (a fit, a pan, a zoom) an overlay that covers a node moves to a free corner, and
 * one that covers none stays where it is (so it does not wander while a person pans).
 */
import type { Rect } from '@xyflow/react';

export type Corner = 'bottom-right' | 'bottom-left' | 'top-right' | 'top-left';

const PREFERENCE: readonly Corner[] = ['bottom-right', 'bottom-left', 'top-right', 'top-left'];

/** The box an overlay of `size` takes in `corner` of a canvas of `canvas` size (React Flow's panel margin). */
export function cornerBox(corner: Corner, canvas: { width: number; height: number }, size: { width: number; height: number }, margin: number): Rect {
  const x = corner.endsWith('right') ? canvas.width - margin - size.width : margin;
  const y = corner.startsWith('bottom') ? canvas.height - margin - size.height : margin;
  return { x, y, ...size };
}

const overlaps = (a: Rect, b: Rect) => a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;

/** The corner for an overlay now in `current`: it stays when it covers no node, else the first free corner (not one in `taken`); no free corner: it stays. */
export function freeCorner(
  current: Corner,
  nodes: readonly Rect[],
  canvas: { width: number; height: number },
  size: { width: number; height: number },
  margin: number,
  taken: readonly Corner[] = [],
): Corner {
  const free = (corner: Corner) => !taken.includes(corner) && !nodes.some((node) => overlaps(node, cornerBox(corner, canvas, size, margin)));
  if (free(current)) return current;
  return PREFERENCE.find(free) ?? current;
}
