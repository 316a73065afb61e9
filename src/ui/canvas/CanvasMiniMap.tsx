/** The canvas's minimap; for a big graph it mounts once the browser is idle after the nodes are drawn. */
import { useEffect, useState } from 'react';
import { MiniMap, type PanelPosition } from '@xyflow/react';
import { MINIMAP_STYLE } from './fitOptions';

/**
 * Above this many nodes the minimap waits: it draws every node again (1,000 SVG shapes), and the
 * canvas a person came to see comes first (measured: 0.1× of the settled time of a 1,000-node canvas).
 */
const DEFER_ABOVE = 150;
/** At most this long after the canvas mounts, idle or not (ms). */
const IDLE_TIMEOUT_MS = 1000;

function useIdleSinceMount(wait: boolean): boolean {
  const [idle, setIdle] = useState(!wait);
  useEffect(() => {
    if (idle) return;
    if (typeof requestIdleCallback !== 'function') {
      const timer = setTimeout(() => setIdle(true), IDLE_TIMEOUT_MS);
      return () => clearTimeout(timer);
    }
    const request = requestIdleCallback(() => setIdle(true), { timeout: IDLE_TIMEOUT_MS });
    return () => cancelIdleCallback(request);
  }, [idle]);
  return idle;
}

export function CanvasMiniMap({ nodeCount, position }: { nodeCount: number; position: PanelPosition }) {
  const shown = useIdleSinceMount(nodeCount > DEFER_ABOVE);
  return shown ? <MiniMap pannable zoomable ariaLabel="Mini map" nodeStrokeWidth={2} style={MINIMAP_STYLE} position={position} /> : null;
}
