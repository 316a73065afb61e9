/** How wide a side column may be on the screen there is. */
import { PANEL_LIMITS } from '../../persistence/db/panelLayout';

/** The canvas keeps at least this much of the row between the two columns. */
const MIN_CANVAS_WIDTH = 360;
/** A collapsed column: a rail with its "show" button. */
export const RAIL_WIDTH = 32;

/** A wanted column width within the column's limits and what leaves the canvas its minimum (`row`: the row's width, `other`: the other column's). */
export function clampColumnWidth(wanted: number, row: number, other: number): number {
  const max = Math.max(PANEL_LIMITS.width.min, Math.min(PANEL_LIMITS.width.max, row - other - MIN_CANVAS_WIDTH));
  return Math.round(Math.min(max, Math.max(PANEL_LIMITS.width.min, wanted)));
}
