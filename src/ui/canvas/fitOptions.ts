/**
 * How the canvas fits a graph into view (on open, after Layout, the zoom controls' fit button).
 * Node text is 12 px and more at 100 %, so a fit never zooms out below 100 % (a 7-node graph after
 * Layout once came out at 55 %, its text ≈ 6.6 px): a graph too big for the canvas then shows its
 * centre, and pan, Ctrl+F or the minimap reach the rest. The minimap and the zoom controls then
 * move to corners that hide no node (useOverlayCorners.ts).
 */
import type { FitViewOptions } from '@xyflow/react';

/** The lowest zoom at which every node text is at least 12 px. */
export const READABLE_ZOOM = 1;

/** The minimap's size: small, it is for finding the way, not for reading. */
export const MINIMAP_STYLE = { width: 150, height: 90 };

export const FIT_VIEW_OPTIONS: FitViewOptions = {
  padding: { top: '16px', left: '12px', right: '12px', bottom: '16px' },
  minZoom: READABLE_ZOOM,
  maxZoom: 1.2,
};

/** After auto-layout: the same fit, animated. */
export const LAYOUT_FIT_OPTIONS: FitViewOptions = { ...FIT_VIEW_OPTIONS, duration: 200 };
