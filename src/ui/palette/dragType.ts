import type { DragEvent } from 'react';

export const MODEL_DRAG_TYPE = 'application/x-swark-model';

/** A palette entry's drag carries its model id (`component:<id>` for a library component). */
export const onItemDragStart = (event: DragEvent<HTMLElement>) => {
  const modelId = event.currentTarget.dataset.modelId;
  if (!modelId) return;
  event.dataTransfer.setData(MODEL_DRAG_TYPE, modelId);
  event.dataTransfer.effectAllowed = 'move';
};
