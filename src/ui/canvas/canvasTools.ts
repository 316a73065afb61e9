/** What the canvas's overlays (the model search and the find bar) are opened with. */
import type { XYPosition } from '@xyflow/react';
import type { WireEnd } from '../../store/graph';

/** A wire let go on empty canvas: where it starts and what it carries. */
export interface DroppedWire {
  nodeId: string;
  handle: string;
  end: WireEnd;
}

export interface SearchRequest {
  /** Where the search opens and the chosen model goes, in screen pixels. */
  screen: XYPosition;
  /** With a dropped wire, the search lists the models it fits and the new node is wired to it. */
  wire: DroppedWire | null;
}

/** Where a box of `size` opens at `point` inside `box` (screen pixels), kept fully inside it. */
export function placeInside(point: XYPosition, box: DOMRect, size: { width: number; height: number }): XYPosition {
  const clamp = (value: number, low: number, high: number) => Math.max(low, Math.min(value, high));
  return {
    x: clamp(point.x - box.left, 8, Math.max(8, box.width - size.width - 8)),
    y: clamp(point.y - box.top, 8, Math.max(8, box.height - size.height - 8)),
  };
}
