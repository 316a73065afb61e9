import { describe, expect, it, vi } from 'vitest';
import type { Rect } from '@xyflow/react';
import { createTileRegistry, drawTiles, type TileFace, type TilePalette } from './farTiles';

const face = (label: string, status: string, extra: Partial<TileFace> = {}): TileFace => ({
  label,
  status,
  category: 'math',
  selected: false,
  bypassed: false,
  element: {} as HTMLElement,
  ...extra,
});

const palette: TilePalette = {
  fill: { ran: 'ran-fill' },
  ring: { ran: 'ran-ring' },
  panel: 'panel',
  line: 'line',
  text: 'text',
  accent: 'accent',
  bypass: 'bypass',
  category: (tile) => `cat-${tile.category}`,
};

/** A 2D context that records each rectangle and text with the fill it was drawn in. */
function recordingContext() {
  const drawn: string[] = [];
  let fill = '';
  const context = {
    clearRect: vi.fn(),
    set fillStyle(value: string) {
      fill = value;
    },
    get fillStyle() {
      return fill;
    },
    fillRect: (x: number, y: number, width: number, height: number) => drawn.push(`${fill} rect ${x},${y} ${width}×${height}`),
    fillText: (text: string) => drawn.push(`${fill} text ${text}`),
  } as unknown as CanvasRenderingContext2D;
  return { context, drawn };
}

const box = (x: number, y: number): Rect => ({ x, y, width: 200, height: 100 });

describe('Far tiles on one canvas', () => {
  it('tells its listeners when a tile’s face changes or goes, and only then', () => {
    const registry = createTileRegistry();
    const listener = vi.fn();
    const stop = registry.subscribe(listener);
    registry.set('a', face('a', 'idle'));
    registry.set('a', face('a', 'ran'));
    registry.delete('missing');
    registry.delete('a');
    expect(listener).toHaveBeenCalledTimes(3);
    expect(registry.faces().size).toBe(0);
    stop();
    registry.set('b', face('b', 'idle'));
    expect(listener).toHaveBeenCalledTimes(3);
  });

  it('draws a tile where the view puts it: its status ring, border, fill, category rule and title', () => {
    const { context, drawn } = recordingContext();
    drawTiles(context, [[face('s1', 'ran'), box(100, 50)]], [10, 20, 0.2], { width: 800, height: 600 }, palette);
    // At zoom 0.2 the tile is 40 × 20 px at (10 + 100 × 0.2, 20 + 50 × 0.2); the title is 28 × 0.2 = 5.6 px.
    expect(drawn).toEqual([
      'ran-ring rect 28,28 44×24',
      'line rect 30,30 40×20',
      'ran-fill rect 31,31 38×18',
      'cat-math rect 30,30 40×2.4000000000000004',
      'text text s1',
    ]);
  });

  it('leaves out tiles outside the view, and titles too small to read', () => {
    const { context, drawn } = recordingContext();
    drawTiles(
      context,
      [
        [face('in', 'idle'), box(0, 0)],
        [face('out', 'idle'), box(10_000, 0)],
      ],
      [0, 0, 0.1],
      { width: 800, height: 600 },
      palette,
    );
    expect(drawn.some((line) => line.includes('text'))).toBe(false);
    expect(drawn).toEqual(['line rect 0,0 20×10', 'panel rect 1,1 18×8', 'cat-math rect 0,0 20×1.2000000000000002']);
  });

  it('frames a selected tile in the accent colour and a bypassed one in the bypass colour', () => {
    const { context, drawn } = recordingContext();
    drawTiles(
      context,
      [
        [face('a', 'idle', { selected: true }), box(0, 0)],
        [face('b', 'idle', { bypassed: true }), box(0, 200)],
      ],
      [0, 0, 0.1],
      { width: 800, height: 600 },
      palette,
    );
    expect(drawn.filter((line) => line.startsWith('accent') || line.startsWith('bypass'))).toEqual(['accent rect 0,0 20×10', 'bypass rect 0,20 20×10']);
  });
});
