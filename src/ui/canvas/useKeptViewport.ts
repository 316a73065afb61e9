import { useCallback, useState } from 'react';
import type { Viewport } from '@xyflow/react';

/**
 * Each view of the canvas (a workflow, a definition opened from it) keeps its last pan and zoom, so
 * coming back from a definition shows the workflow where it was left. `onMoveEnd` also calls `then`.
 */
export function useKeptViewport(
  viewKey: string,
  then: () => void,
): { keptViewport: Viewport | undefined; onMoveEnd: (event: unknown, viewport: Viewport) => void } {
  const [viewports] = useState(() => new Map<string, Viewport>());
  const onMoveEnd = useCallback(
    (_event: unknown, viewport: Viewport) => {
      viewports.set(viewKey, viewport);
      then();
    },
    [viewports, viewKey, then],
  );
  return { keptViewport: viewports.get(viewKey), onMoveEnd };
}
