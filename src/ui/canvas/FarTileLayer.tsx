/**
 * The far zoom's tiles on one canvas under the edges (farTiles.ts): redrawn in the next frame when
 * the view moves, a node moves or a tile's face changes.
 */
import { useContext, useEffect, useRef } from 'react';
import { useStoreApi, type ReactFlowState, type Rect } from '@xyflow/react';
import { drawTiles, type TileFace, type TilePalette } from './farTiles';
import { TileRegistryContext } from './farZoom';

/** The tile colours from the style sheet's variables (styles.css), read once per layer. */
function readPalette(from: Element): TilePalette {
  const style = getComputedStyle(from);
  const color = (name: string) => style.getPropertyValue(name).trim();
  const categories = new Map<string, string>();
  return {
    fill: {
      ran: color('--ok-soft'),
      skipped: color('--skip-soft'),
      error: color('--err-soft'),
      running: color('--accent-soft'),
      pending: color('--accent-soft'),
    },
    ring: { ran: color('--ok'), skipped: color('--skip-ring'), error: color('--err'), running: color('--accent') },
    panel: color('--panel'),
    line: color('--line-strong'),
    text: color('--text'),
    accent: color('--accent'),
    bypass: color('--bypass'),
    // A category's colour is its nodes' `--cat`: read from the first tile of it, then kept.
    category(face: TileFace) {
      let found = categories.get(face.category);
      if (found === undefined) {
        found = getComputedStyle(face.element).getPropertyValue('--cat').trim() || color('--line-strong');
        categories.set(face.category, found);
      }
      return found;
    },
  };
}

function* tilesOf(faces: ReadonlyMap<string, TileFace>, state: ReactFlowState): Generator<[TileFace, Rect]> {
  for (const [id, face] of faces) {
    const node = state.nodeLookup.get(id);
    if (!node) continue;
    const width = node.measured.width ?? node.width ?? 0;
    const height = node.measured.height ?? node.height ?? 0;
    yield [face, { x: node.internals.positionAbsolute.x, y: node.internals.positionAbsolute.y, width, height }];
  }
}

export function FarTileLayer() {
  const registry = useContext(TileRegistryContext);
  const store = useStoreApi();
  const canvasRef = useRef<HTMLCanvasElement>(null);
  useEffect(() => {
    const canvas = canvasRef.current;
    const context = canvas?.getContext('2d');
    if (!registry || !canvas || !context) return;
    let frame = 0;
    let palette: TilePalette | null = null;
    const draw = () => {
      frame = 0;
      const state = store.getState();
      const ratio = window.devicePixelRatio || 1;
      const width = Math.round(state.width * ratio);
      const height = Math.round(state.height * ratio);
      if (canvas.width !== width || canvas.height !== height) {
        canvas.width = width;
        canvas.height = height;
      }
      context.setTransform(ratio, 0, 0, ratio, 0, 0);
      palette ??= readPalette(canvas);
      drawTiles(context, tilesOf(registry.faces(), state), state.transform, { width: state.width, height: state.height }, palette);
    };
    const schedule = () => {
      frame ||= requestAnimationFrame(draw);
    };
    schedule();
    const stopTiles = registry.subscribe(schedule);
    const stopStore = store.subscribe((state, before) => {
      if (state.transform !== before.transform || state.nodes !== before.nodes || state.width !== before.width || state.height !== before.height) schedule();
    });
    return () => {
      stopTiles();
      stopStore();
      cancelAnimationFrame(frame);
    };
  }, [registry, store]);
  return <canvas ref={canvasRef} className="far-tiles" data-testid="far-tiles" aria-hidden="true" />;
}
