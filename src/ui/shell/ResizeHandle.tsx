/**
 * A panel's edge: drag it, or focus it and press the arrow keys, to make the panel bigger or
 * smaller. The size is clamped by `clamp` (the room the screen leaves) and saved once the drag ends.
 */
import { useRef, type KeyboardEvent, type PointerEvent } from 'react';

const KEY_STEP = 24;

export interface ResizeHandleProps {
  /** `vertical`: a column's side edge (drag sideways); `horizontal`: the dock's top edge. */
  orientation: 'vertical' | 'horizontal';
  /** +1 when moving right/down makes the panel bigger, −1 when moving left/up does. */
  grows: 1 | -1;
  label: string;
  testId: string;
  className: string;
  size: number;
  min: number;
  /** The size the panel may take, from a wanted size (the handle element gives the room around it). */
  clamp(wanted: number, handle: HTMLElement): number;
  onResize(size: number): void;
  onDone(): void;
}

export function ResizeHandle({ orientation, grows, label, testId, className, size, min, clamp, onResize, onDone }: ResizeHandleProps) {
  const drag = useRef<{ start: number; size: number } | null>(null);
  const along = (event: PointerEvent) => (orientation === 'vertical' ? event.clientX : event.clientY);

  const onPointerDown = (event: PointerEvent<HTMLDivElement>) => {
    if (event.button !== 0) return;
    event.currentTarget.setPointerCapture(event.pointerId);
    drag.current = { start: along(event), size };
  };
  const onPointerMove = (event: PointerEvent<HTMLDivElement>) => {
    const start = drag.current;
    if (start) onResize(clamp(start.size + grows * (along(event) - start.start), event.currentTarget));
  };
  const onPointerUp = (event: PointerEvent<HTMLDivElement>) => {
    if (!drag.current) return;
    drag.current = null;
    if (event.currentTarget.hasPointerCapture(event.pointerId)) event.currentTarget.releasePointerCapture(event.pointerId);
    onDone();
  };
  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    const keys = orientation === 'vertical' ? { ArrowRight: grows, ArrowLeft: -grows } : { ArrowDown: grows, ArrowUp: -grows };
    const direction = keys[event.key as keyof typeof keys];
    if (!direction) return;
    event.preventDefault();
    onResize(clamp(size + direction * KEY_STEP, event.currentTarget));
    onDone();
  };

  return (
    <div
      className={className}
      role="separator"
      aria-orientation={orientation === 'vertical' ? 'vertical' : 'horizontal'}
      aria-label={label}
      aria-valuenow={size}
      aria-valuemin={min}
      tabIndex={0}
      data-testid={testId}
      title="Drag to resize"
      onPointerDown={onPointerDown}
      onPointerMove={onPointerMove}
      onPointerUp={onPointerUp}
      onPointerCancel={onPointerUp}
      onKeyDown={onKeyDown}
    />
  );
}
