/**
 * When the canvas's overlays open: the model search on a double-click on empty canvas, on Space
 * with the pointer over the canvas, or for a wire let go on empty canvas; the find bar on Ctrl+F;
 * Shift+2 zooms to the selection. Closing an overlay gives the focus back to where it was.
 */
import { useCallback, useEffect, useMemo, useRef, useState, type MouseEvent as ReactMouseEvent, type PointerEvent } from 'react';
import type { XYPosition } from '@xyflow/react';
import { wireEndOf } from '../../store/graph';
import { useStudio } from '../hooks/useStudio';
import { typingIn } from '../shell/useShortcuts';
import type { HandleRef } from './connectionTarget';
import type { DroppedWire, SearchRequest } from './canvasTools';
import { useZoomToSelection } from './useZoomToSelection';

/** Restores the focus an overlay took, once it closes. */
function useFocusReturn() {
  const before = useRef<HTMLElement | null>(null);
  const remember = useCallback(() => {
    before.current = document.activeElement instanceof HTMLElement ? document.activeElement : null;
  }, []);
  const restore = useCallback(() => {
    const element = before.current;
    before.current = null;
    // After React removed the overlay (its focused input takes the focus with it).
    requestAnimationFrame(() => {
      if (element?.isConnected) element.focus();
    });
  }, []);
  return { remember, restore };
}

/** Space belongs to a focused button, node or control (it presses or selects it); it opens the search only from the page or the canvas itself. */
function spaceIsOurs(target: EventTarget | null): boolean {
  if (target === document.body) return true;
  return (
    target instanceof Element &&
    !!target.closest('[data-testid="canvas"]') &&
    !target.closest('button, .react-flow__node, .react-flow__edge, .react-flow__panel')
  );
}

export function useCanvasTools() {
  const [search, setSearch] = useState<SearchRequest | null>(null);
  const [findOpen, setFindOpen] = useState(false);
  const pointer = useRef<XYPosition | null>(null);
  const focus = useFocusReturn();
  const zoomToSelection = useZoomToSelection();

  const openSearch = useCallback(
    (screen: XYPosition, wire: DroppedWire | null = null) => {
      focus.remember();
      setSearch({ screen, wire });
    },
    [focus],
  );
  const { graph } = useStudio();
  /** A wire let go on empty canvas: the search, for models that fit what the wire carries. */
  const dropWire = useCallback(
    (from: HandleRef, point: XYPosition) => {
      const model = graph.getState().nodes.find((n) => n.id === from.nodeId)?.data.model;
      const end = model && from.id ? wireEndOf(model, from.id, from.type === 'source' ? 'output' : 'input') : null;
      if (end && from.id) openSearch(point, { nodeId: from.nodeId, handle: from.id, end });
    },
    [graph, openSearch],
  );
  const closeSearch = useCallback(() => {
    setSearch(null);
    focus.restore();
  }, [focus]);
  const closeFind = useCallback(() => {
    setFindOpen(false);
    focus.restore();
  }, [focus]);

  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      const mod = event.ctrlKey || event.metaKey;
      if (mod && !event.shiftKey && event.key.toLowerCase() === 'f' && !(event.target instanceof HTMLElement && event.target.closest('.cm-editor'))) {
        event.preventDefault();
        if (!document.querySelector('[data-testid="find-bar"]')) focus.remember();
        setFindOpen(true);
        document.querySelector<HTMLInputElement>('[data-testid="find-input"]')?.focus();
        return;
      }
      if (typingIn(event.target) || mod || event.altKey) return;
      if (event.code === 'Space' && pointer.current && !event.repeat && spaceIsOurs(event.target)) {
        event.preventDefault();
        openSearch(pointer.current);
      } else if (event.shiftKey && event.code === 'Digit2') {
        event.preventDefault();
        zoomToSelection();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [focus, openSearch, zoomToSelection]);

  // Stable, so a drag's re-renders do not rebind the canvas's listeners.
  const canvasHandlers = useMemo(
    () => ({
      onPointerMove: (event: PointerEvent) => {
        pointer.current = { x: event.clientX, y: event.clientY };
      },
      onPointerLeave: () => {
        pointer.current = null;
      },
      onDoubleClick: (event: ReactMouseEvent) => {
        if (event.target instanceof Element && event.target.classList.contains('react-flow__pane')) openSearch({ x: event.clientX, y: event.clientY });
      },
    }),
    [openSearch],
  );
  return { search, dropWire, closeSearch, findOpen, closeFind, canvasHandlers };
}
