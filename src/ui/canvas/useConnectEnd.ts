/** The canvas's onConnectEnd: a wire let go on a handle that React Flow did not join goes to `connect`; one let go on empty canvas, to `dropOnCanvas`. */
import { useCallback } from 'react';
import { useReactFlow, useStoreApi, type Connection, type FinalConnectionState, type OnConnectEnd, type XYPosition } from '@xyflow/react';
import { closestHandle, connectionBetween, handleAt, releasePoint, sameHandle, type HandleRef } from './connectionTarget';

const refOf = (handle: { nodeId: string; id?: string | null; type: HandleRef['type'] }): HandleRef => ({
  nodeId: handle.nodeId,
  id: handle.id ?? null,
  type: handle.type,
});

/** Over the canvas itself: not a node, the minimap or the zoom controls. */
function onEmptyCanvas(point: XYPosition): boolean {
  const element = document.elementFromPoint(point.x, point.y);
  return !!element?.closest('.react-flow__renderer') && !element.closest('.react-flow__node');
}

/**
 * The target is looked up where the pointer was released (see connectionTarget.ts), falling back to
 * what React Flow's last pointermove saw; `connect` then joins the wire or says why it cannot, so a
 * refused input always gives its reason and a missed valid one is still joined.
 */
export function useConnectEnd(connect: (connection: Connection) => void, dropOnCanvas: (from: HandleRef, point: XYPosition) => void): OnConnectEnd {
  const store = useStoreApi();
  const { screenToFlowPosition } = useReactFlow();
  return useCallback(
    (event: MouseEvent | TouchEvent, state: FinalConnectionState) => {
      // `isValid: true` means React Flow has already called onConnect with this wire.
      if (state.isValid === true || !state.fromHandle) return;
      const from = refOf(state.fromHandle);
      const point = releasePoint(event);
      const { nodeLookup, connectionRadius } = store.getState();
      const released = point
        ? (handleAt(document, point) ?? closestHandle(nodeLookup.values(), screenToFlowPosition(point, { snapToGrid: false }), connectionRadius, from))
        : null;
      const to = released ?? (state.toHandle ? refOf(state.toHandle) : null);
      if (!to && point && onEmptyCanvas(point)) dropOnCanvas(from, point);
      if (!to || sameHandle(to, from)) return;
      connect(connectionBetween(from, to));
    },
    [store, screenToFlowPosition, connect, dropOnCanvas],
  );
}
