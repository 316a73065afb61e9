import { describe, expect, it } from 'vitest';
import { cornerBox, freeCorner } from './overlayCorner';

const canvas = { width: 800, height: 400 };
const minimap = { width: 150, height: 90 };

describe('When the view stops moving, the minimap', () => {
  it('stays in its corner when it hides no node', () => {
    expect(freeCorner('bottom-right', [{ x: 100, y: 100, width: 200, height: 100 }], canvas, minimap, 15)).toBe('bottom-right');
  });

  it('moves to the first free corner when it would hide a node, skipping corners other overlays hold', () => {
    const underIt = { x: 600, y: 280, width: 200, height: 100 };
    expect(cornerBox('bottom-right', canvas, minimap, 15)).toEqual({ x: 635, y: 295, width: 150, height: 90 });
    expect(freeCorner('bottom-right', [underIt], canvas, minimap, 15)).toBe('bottom-left');
    expect(freeCorner('bottom-right', [underIt], canvas, minimap, 15, ['bottom-left'])).toBe('top-right');
  });

  it('stays put when every corner has a node (a graph bigger than the canvas)', () => {
    expect(freeCorner('bottom-right', [{ x: 0, y: 0, width: 800, height: 400 }], canvas, minimap, 15)).toBe('bottom-right');
  });
});
