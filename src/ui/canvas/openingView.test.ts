import { describe, expect, it } from 'vitest';
import { openingViewport } from './openingView';

const padding = { top: 16, right: 12, bottom: 16, left: 12 };
const pane = { width: 824, height: 432 };

describe('Where the canvas opens a workflow', () => {
  it('fits a small graph whole and centres it, no closer than the largest zoom', () => {
    const view = openingViewport({ x: 100, y: 50, width: 400, height: 200 }, pane, { minZoom: 1, maxZoom: 1.2 }, padding);
    expect(view.zoom).toBe(1.2);
    // Centred: equal room on either side of the graph, across and down.
    expect(view.x + 100 * 1.2 - padding.left).toBeCloseTo(pane.width - padding.right - (view.x + 500 * 1.2));
    expect(view.y + 50 * 1.2 - padding.top).toBeCloseTo(pane.height - padding.bottom - (view.y + 250 * 1.2));
  });

  it('opens a graph too wide for the readable zoom at that zoom, its first step at the left edge, centred down', () => {
    const view = openingViewport({ x: -40, y: 0, width: 1600, height: 300 }, pane, { minZoom: 1, maxZoom: 1.2 }, padding);
    expect(view).toEqual({ x: 12 + 40, y: 16 + (400 - 300) / 2, zoom: 1 });
  });

  it('starts a graph too tall at the top', () => {
    const view = openingViewport({ x: 0, y: 30, width: 300, height: 900 }, pane, { minZoom: 1, maxZoom: 1.2 }, padding);
    expect(view.zoom).toBe(1);
    expect(view.y).toBe(16 - 30);
    expect(view.x).toBe(12 + (800 - 300) / 2);
  });

  it('zooms out as far as needed for an overview when no lowest zoom is set', () => {
    const view = openingViewport({ x: 0, y: 0, width: 8000, height: 2000 }, pane, { maxZoom: 1.2 }, padding);
    expect(view.zoom).toBeCloseTo(800 / 8000);
    expect(view.x).toBeCloseTo(12);
    expect(view.y).toBeCloseTo(16 + (400 - 200) / 2);
  });
});
