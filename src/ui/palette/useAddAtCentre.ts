import { useCallback } from 'react';
import { useReactFlow } from '@xyflow/react';
import { useStudio } from '../hooks/useStudio';

/** Adds a model at the centre of the visible canvas. */
export function useAddAtCentre(): (modelId: string) => void {
  const { screenToFlowPosition } = useReactFlow();
  const { graph } = useStudio();
  return useCallback(
    (modelId: string) => {
      const box = document.querySelector('[data-testid="canvas"]')?.getBoundingClientRect();
      const screen = box ? { x: box.left + box.width / 2, y: box.top + box.height / 2 } : { x: 400, y: 300 };
      const at = screenToFlowPosition(screen);
      const taken = graph.getState().nodes.length % 5;
      graph.getState().addNode(modelId, { x: at.x - 100 + taken * 24, y: at.y - 40 + taken * 24 });
    },
    [screenToFlowPosition, graph],
  );
}
