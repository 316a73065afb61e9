/** Below this zoom node text is under 5 px: a node is drawn as a tile of its title and run status (farTiles.ts). */
import { createContext } from 'react';
import type { ReactFlowState } from '@xyflow/react';
import type { TileRegistry } from './farTiles';

const FAR_ZOOM = 0.4;

export const isFarZoom = (state: ReactFlowState) => state.transform[2] < FAR_ZOOM;

/** The canvas's far tiles, which its far nodes report to (null outside a canvas: nothing draws them). */
export const TileRegistryContext = createContext<TileRegistry | null>(null);
