/** The canvas grid's spacing at a zoom: doubled as often as it takes to keep its dots apart on screen. */
export const GRID_GAP = 16;
const MIN_SCREEN_GAP = 12;

/** The power of two the grid's spacing is multiplied by at this zoom (1 from 75 % up). */
export function gridScale(zoom: number): number {
  const onScreen = GRID_GAP * zoom;
  return onScreen >= MIN_SCREEN_GAP || onScreen <= 0 ? 1 : 2 ** Math.ceil(Math.log2(MIN_SCREEN_GAP / onScreen));
}
