/** How the run panel's virtual lists measure their rows. */
import type { Virtualizer } from '@tanstack/react-virtual';

/**
 * A row's height from its ResizeObserver entry; when a row is first drawn, the size known for it (or
 * the estimate) until that entry comes. Reading `offsetHeight` there made every drawn row force a
 * layout of the whole page, canvas included, inside the frame that drew it.
 */
export function sizeWithoutLayout<T extends Element>(element: T, entry: ResizeObserverEntry | undefined, instance: Virtualizer<HTMLElement, T>): number {
  const box = entry?.borderBoxSize[0];
  if (box) return Math.round(box.blockSize);
  const position = instance.indexFromElement(element);
  return instance.itemSizeCache.get(instance.options.getItemKey(position)) ?? instance.options.estimateSize(position);
}
