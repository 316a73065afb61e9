/** Keeps the minimap and the zoom controls in corners that hide no node (see overlayCorner.ts), checked when the view stops moving. */
import { useCallback, useState } from 'react';
import { useStoreApi } from '@xyflow/react';
import { MINIMAP_STYLE } from './fitOptions';
import { freeCorner, type Corner } from './overlayCorner';

/** React Flow's panel margin, and the horizontal controls' size (five 26 px buttons). */
const MARGIN = 15;
const CONTROLS_SIZE = { width: 5 * 26, height: 27 };

export function useOverlayCorners() {
  const store = useStoreApi();
  const [corners, setCorners] = useState<{ minimap: Corner; controls: Corner }>({ minimap: 'bottom-right', controls: 'bottom-left' });
  const onMoveEnd = useCallback(() => {
    const { nodeLookup, transform, width, height } = store.getState();
    const [tx, ty, zoom] = transform;
    const canvas = { width, height };
    const nodes = [...nodeLookup.values()].map((node) => ({
      x: node.internals.positionAbsolute.x * zoom + tx,
      y: node.internals.positionAbsolute.y * zoom + ty,
      width: (node.measured.width ?? 0) * zoom,
      height: (node.measured.height ?? 0) * zoom,
    }));
    setCorners((now) => {
      const minimap = freeCorner(now.minimap, nodes, canvas, MINIMAP_STYLE, MARGIN, [now.controls]);
      const controls = freeCorner(now.controls, nodes, canvas, CONTROLS_SIZE, MARGIN, [minimap]);
      return minimap === now.minimap && controls === now.controls ? now : { minimap, controls };
    });
  }, [store]);
  return { ...corners, onMoveEnd };
}
