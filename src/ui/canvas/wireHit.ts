/**
 * Which wire a node was dropped onto, from React Flow's geometry: a default edge is a cubic bezier
 * from a right-side output to a left-side input (curvature 0.25, as `getBezierPath` draws it), and
 * a wire lies under a node when part of that curve passes through the node's box.
 */
import type { Rect, XYPosition } from '@xyflow/react';

/** A wire by its end points (React Flow's `getEdgePosition`). */
export interface WireEnds {
  id: string;
  sourceX: number;
  sourceY: number;
  targetX: number;
  targetY: number;
}

const CURVATURE = 0.25;
const SAMPLES = 48;

/** React Flow's control-point offset (its `calculateControlOffset`). */
const controlOffset = (distance: number) => (distance >= 0 ? 0.5 * distance : CURVATURE * 25 * Math.sqrt(-distance));

/** Points along the wire's curve, ends included. */
function wirePoints({ sourceX, sourceY, targetX, targetY }: WireEnds, samples = SAMPLES): XYPosition[] {
  const c1 = { x: sourceX + controlOffset(targetX - sourceX), y: sourceY };
  const c2 = { x: targetX - controlOffset(targetX - sourceX), y: targetY };
  const points: XYPosition[] = [];
  for (let i = 0; i <= samples; i++) {
    const t = i / samples;
    const u = 1 - t;
    const [a, b, c, d] = [u * u * u, 3 * u * u * t, 3 * u * t * t, t * t * t];
    points.push({ x: a * sourceX + b * c1.x + c * c2.x + d * targetX, y: a * sourceY + b * c1.y + c * c2.y + d * targetY });
  }
  return points;
}

/** The wire whose curve passes through `box` closest to its centre, or null when none does. */
export function wireUnder(box: Rect, wires: readonly WireEnds[]): string | null {
  const centre = { x: box.x + box.width / 2, y: box.y + box.height / 2 };
  let best: { id: string; distance: number } | null = null;
  for (const wire of wires) {
    for (const point of wirePoints(wire)) {
      const inside = point.x >= box.x && point.x <= box.x + box.width && point.y >= box.y && point.y <= box.y + box.height;
      if (!inside) continue;
      const distance = Math.hypot(point.x - centre.x, point.y - centre.y);
      if (!best || distance < best.distance) best = { id: wire.id, distance };
    }
  }
  return best?.id ?? null;
}
