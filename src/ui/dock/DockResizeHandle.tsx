/** The dock's top edge: drag it (or focus it and press ↑/↓) to make the dock taller or shorter. */
import { useRef, type KeyboardEvent, type PointerEvent } from 'react';
import { clampDockHeight, dockStore, useDock, MIN_DOCK_HEIGHT, type DockState } from './dockSize';

const selectHeight = (state: DockState) => state.height;
const KEY_STEP = 24;

/** Room the dock may take: the centre column's height (its parent's parent). */
function availableHeight(handle: HTMLElement): number {
  return handle.parentElement?.parentElement?.clientHeight ?? window.innerHeight;
}

export function DockResizeHandle() {
  const height = useDock(selectHeight);
  const drag = useRef<{ startY: number; startHeight: number } | null>(null);

  const onPointerDown = (event: PointerEvent<HTMLDivElement>) => {
    if (event.button !== 0) return;
    event.currentTarget.setPointerCapture(event.pointerId);
    drag.current = { startY: event.clientY, startHeight: dockStore.getState().height };
  };
  const onPointerMove = (event: PointerEvent<HTMLDivElement>) => {
    const start = drag.current;
    if (!start) return;
    // Dragging up (smaller clientY) makes the dock taller.
    dockStore.getState().setHeight(clampDockHeight(start.startHeight + start.startY - event.clientY, availableHeight(event.currentTarget)));
  };
  const onPointerUp = (event: PointerEvent<HTMLDivElement>) => {
    drag.current = null;
    if (event.currentTarget.hasPointerCapture(event.pointerId)) event.currentTarget.releasePointerCapture(event.pointerId);
  };
  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    const delta = event.key === 'ArrowUp' ? KEY_STEP : event.key === 'ArrowDown' ? -KEY_STEP : 0;
    if (!delta) return;
    event.preventDefault();
    dockStore.getState().setHeight(clampDockHeight(height + delta, availableHeight(event.currentTarget)));
  };

  return (
    <div
      className="dock-resize"
      role="separator"
      aria-orientation="horizontal"
      aria-label="Resize the bottom panel"
      aria-valuenow={height}
      aria-valuemin={MIN_DOCK_HEIGHT}
      tabIndex={0}
      data-testid="dock-resize"
      title="Drag to resize"
      onPointerDown={onPointerDown}
      onPointerMove={onPointerMove}
      onPointerUp={onPointerUp}
      onPointerCancel={onPointerUp}
      onKeyDown={onKeyDown}
    />
  );
}
