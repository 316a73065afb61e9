/** "Zoom to selection" (the zoom controls' button, Shift+2): the selected nodes fill the canvas, text still readable. */
import { useCallback } from 'react';
import { useReactFlow } from '@xyflow/react';
import { useStudio } from '../hooks/useStudio';
import { FIT_VIEW_OPTIONS } from './fitOptions';

export function useZoomToSelection(): () => void {
  const { fitView } = useReactFlow();
  const { graph } = useStudio();
  return useCallback(() => {
    const selected = graph.getState().nodes.filter((node) => node.selected);
    if (selected.length) void fitView({ ...FIT_VIEW_OPTIONS, nodes: selected.map(({ id }) => ({ id })), maxZoom: 1.5, duration: 200 });
  }, [fitView, graph]);
}
