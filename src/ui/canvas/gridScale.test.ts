import { describe, expect, it } from 'vitest';
import { GRID_GAP, gridScale } from './gridScale';

describe('The canvas grid as the view zooms out', () => {
  it('keeps its spacing from 75 % up, and doubles it so the dots stay at least 12 px apart below', () => {
    expect(gridScale(1)).toBe(1);
    expect(gridScale(0.75)).toBe(1);
    expect(gridScale(0.5)).toBe(2);
    expect(gridScale(0.1)).toBe(8);
    for (const zoom of [0.05, 0.1, 0.2, 0.3, 0.5, 0.7]) {
      const onScreen = GRID_GAP * gridScale(zoom) * zoom;
      expect(onScreen).toBeGreaterThanOrEqual(12);
      expect(onScreen).toBeLessThan(24);
    }
  });
});
