/**
 * Far zoom's tiles, drawn on one canvas (FarTileLayer) instead of painted by each node's element:
 * at a 1,000-node overview the browser painting a thousand coloured boxes on every frame with a
 * change cost more than the change (ComfyUI draws its whole graph so). Each far node still renders
 * its element — empty and transparent, the size of the tile, for the pointer, the keyboard and its
 * `data-status` — and reports what its tile shows here.
 */
import type { Rect } from '@xyflow/react';

/** What a tile shows, from its node. */
export interface TileFace {
  label: string;
  status: string;
  category: string;
  selected: boolean;
  bypassed: boolean;
  /** The node's element, to read its category's colour from the style sheet. */
  element: HTMLElement;
}

type Listener = () => void;

/** The far nodes' faces by node id, and who redraws when one changes. */
export interface TileRegistry {
  set(id: string, face: TileFace): void;
  delete(id: string): void;
  faces(): ReadonlyMap<string, TileFace>;
  subscribe(listener: Listener): () => void;
}

export function createTileRegistry(): TileRegistry {
  const faces = new Map<string, TileFace>();
  const listeners = new Set<Listener>();
  const changed = () => listeners.forEach((listener) => listener());
  return {
    set(id, face) {
      faces.set(id, face);
      changed();
    },
    delete(id) {
      if (faces.delete(id)) changed();
    },
    faces: () => faces,
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}

/** The colours a tile is drawn in, from the style sheet (styles.css: the `--tile-*` variables). */
export interface TilePalette {
  fill: Record<string, string>;
  ring: Record<string, string>;
  panel: string;
  line: string;
  text: string;
  accent: string;
  bypass: string;
  category(face: TileFace): string;
}

/** Matches styles.css's far tile: its top rule and its title's size, in flow units. */
const TOP_RULE = 12;
const TITLE_SIZE = 28;
const RING = 2;
/** Below this the title is not drawn: text under 4 px is a smear, and the most costly part to draw. */
const MIN_TITLE_PX = 4;

/** Draws every tile in view; `boxes` are in flow units, `transform` is the viewport's [x, y, zoom]. */
export function drawTiles(
  context: CanvasRenderingContext2D,
  tiles: Iterable<[TileFace, Rect]>,
  transform: readonly [number, number, number],
  view: { width: number; height: number },
  palette: TilePalette,
): void {
  const [tx, ty, zoom] = transform;
  const titlePx = TITLE_SIZE * zoom;
  context.clearRect(0, 0, view.width, view.height);
  context.textAlign = 'center';
  context.textBaseline = 'middle';
  context.font = `700 ${titlePx}px system-ui, sans-serif`;
  for (const [face, box] of tiles) {
    const x = tx + box.x * zoom;
    const y = ty + box.y * zoom;
    const width = box.width * zoom;
    const height = box.height * zoom;
    if (x > view.width || y > view.height || x + width < 0 || y + height < 0) continue;
    const ring = palette.ring[face.status];
    if (ring) {
      context.fillStyle = ring;
      context.fillRect(x - RING, y - RING, width + 2 * RING, height + 2 * RING);
    }
    context.fillStyle = face.bypassed ? palette.bypass : face.selected ? palette.accent : palette.line;
    context.fillRect(x, y, width, height);
    context.fillStyle = palette.fill[face.status] ?? palette.panel;
    context.fillRect(x + 1, y + 1, width - 2, height - 2);
    context.fillStyle = palette.category(face);
    context.fillRect(x, y, width, Math.max(1, TOP_RULE * zoom));
    if (titlePx >= MIN_TITLE_PX) {
      context.fillStyle = palette.text;
      context.fillText(face.label, x + width / 2, y + (height + TOP_RULE * zoom) / 2, Math.max(1, width - 16 * zoom));
    }
  }
}
