/**
 * The canvas's dot grid, thinned out as the view zooms out: at a fit-view of a thousand nodes the
 * dots would sit a pixel apart, a pattern that costs the browser ~100 ms to paint again on every
 * frame where anything on the canvas changes (a run's node statuses). Every doubling of the spacing
 * keeps the dots at least 12 pixels apart (`gridScale.ts`), as they look at 100 %.
 */
import { Background, BackgroundVariant, useStore, type ReactFlowState } from '@xyflow/react';
import { GRID_GAP, gridScale } from './gridScale';

const DOT = 1.2;

const selectZoom = (state: ReactFlowState) => state.transform[2];

export function CanvasBackground() {
  const scale = gridScale(useStore(selectZoom));
  return <Background variant={BackgroundVariant.Dots} gap={GRID_GAP * scale} size={DOT * scale} color="#cbd5e1" />;
}
