/**
 * Fits a view of the canvas once, when it opens with nodes and they are measured: whole when it
 * fits the zoom the fit allows, else from its start (openingView.ts). React Flow's own `fitView`
 * centres a graph that does not fit, cutting off its first and last steps.
 */
import { useLayoutEffect, useRef } from 'react';
import { useNodesInitialized, useReactFlow, useStore, useStoreApi, type FitViewOptions, type Node, type ReactFlowState } from '@xyflow/react';
import { FIT_PADDING } from './fitOptions';
import { openingViewport } from './openingView';

const paneSize = (state: ReactFlowState) => `${state.width}x${state.height}`;
const lowestZoom = (state: ReactFlowState) => state.minZoom;

/** `shown`: the nodes the canvas hands React Flow now (the fit waits until the store holds these, measured). */
export function useOpeningFit(viewKey: string, enabled: boolean, options: FitViewOptions, shown: readonly Node[]): void {
  const initialized = useNodesInitialized();
  const size = useStore(paneSize);
  // Never below the canvas's own lowest zoom: the wheel could not zoom out from there, only jump in.
  const floor = useStore(lowestZoom);
  const { getNodes, getNodesBounds, setViewport } = useReactFlow();
  const store = useStoreApi();
  const fitted = useRef<string | null>(null);
  // Before the browser paints the view unfitted: a node seen where it was, then moved, takes a click
  // meant for it somewhere else (a CI run's import e2e clicked a node as the fit moved it).
  useLayoutEffect(() => {
    const [width, height] = size.split('x').map(Number) as [number, number];
    if (!enabled || !initialized || fitted.current === viewKey || !width || !height) return;
    // This view's nodes, all measured: right after a switch of view the value rendered can still be
    // the last view's (the new nodes reach React Flow's store in an effect), and a fit on the last
    // view's nodes, or on unmeasured ones, puts the view anywhere.
    const state = store.getState();
    if (state.nodes !== shown || !state.nodesInitialized) return;
    const nodes = getNodes();
    if (!nodes.length) return;
    fitted.current = viewKey;
    const zooms = { minZoom: Math.max(options.minZoom ?? floor, floor), maxZoom: options.maxZoom ?? Infinity };
    void setViewport(openingViewport(getNodesBounds(nodes), { width, height }, zooms, FIT_PADDING));
  }, [enabled, initialized, size, floor, viewKey, options, shown, getNodes, getNodesBounds, setViewport, store]);
}
