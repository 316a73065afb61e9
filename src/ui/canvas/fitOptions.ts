/**
 * How the canvas fits a graph into view (on open, after Layout, the zoom controls' fit button).
 * Node text is 12 px and more at 100 %, so a fit of up to 12 nodes, and every fit after Layout,
 * never zooms out below 100 % (a 7-node graph after Layout once came out at 55 %, its text ≈ 6.6 px):
 * a graph too big for the canvas then opens at its start (openingView.ts) and, after Layout, shows
 * its centre; pan, Ctrl+F or the minimap reach the rest. A bigger workflow opens fitted whole, as an overview. The minimap and the zoom controls then
 * move to corners that hide no node (useOverlayCorners.ts).
 */
import type { FitViewOptions } from '@xyflow/react';

/** The lowest zoom at which every node text is at least 12 px. */
export const READABLE_ZOOM = 1;

/** The minimap's size: small, it is for finding the way, not for reading. */
export const MINIMAP_STYLE = { width: 150, height: 90 };

/** Room left around a fitted graph (px). */
export const FIT_PADDING = { top: 16, left: 12, right: 12, bottom: 16 } as const;
const PADDING = { top: `${FIT_PADDING.top}px`, left: `${FIT_PADDING.left}px`, right: `${FIT_PADDING.right}px`, bottom: `${FIT_PADDING.bottom}px` } as const;

/** The readable fit: small graphs whole, big ones centred at 100 %. */
export const FIT_VIEW_OPTIONS: FitViewOptions = {
  padding: PADDING,
  minZoom: READABLE_ZOOM,
  maxZoom: 1.2,
};

/** Up to this many nodes a fit keeps node text readable; a bigger workflow opens fitted whole, as an overview. */
const READABLE_FIT_MAX_NODES = 12;
const OVERVIEW_FIT_OPTIONS: FitViewOptions = { padding: PADDING, maxZoom: 1.2 };

/** The fit for a graph of `count` nodes (on open and from the zoom controls). */
export function fitOptionsFor(count: number): FitViewOptions {
  return count <= READABLE_FIT_MAX_NODES ? FIT_VIEW_OPTIONS : OVERVIEW_FIT_OPTIONS;
}

/** After auto-layout: the readable fit, animated (a big graph then shows its centre at 100 %). */
export const LAYOUT_FIT_OPTIONS: FitViewOptions = { ...FIT_VIEW_OPTIONS, duration: 200 };
