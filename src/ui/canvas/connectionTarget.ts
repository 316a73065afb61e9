/**
 * Where a dragged wire was let go, read at the release itself.
 *
 * React Flow (XYHandle in @xyflow/system) settles a wire's target on pointermove only: the handle
 * under the pointer, else the closest handle within `connectionRadius` in its node lookup. The
 * pointerup reuses what the last move found, and it reports a refused input (`isValid: false` with a
 * `toHandle`) only when that move had a handle inside the radius. A release that the last move did not
 * see over the input (the input moved under a still pointer, or no move came at the release point)
 * ends as `isValid: null, toHandle: null`, exactly like a drop on bare canvas. These functions apply
 * React Flow's two rules at the release point, so a drop on an input is never taken for nothing.
 */
import type { Connection, HandleType, InternalNode, XYPosition } from '@xyflow/react';

/** A handle by what identifies it, as React Flow's handle elements and `Handle` objects carry it. */
export interface HandleRef {
  nodeId: string;
  id: string | null;
  type: HandleType;
}

/** What the lookup reads of React Flow's internal nodes: where each sits and its measured handles. */
export type MeasuredNode = Pick<InternalNode, 'id'> & { internals: Pick<InternalNode['internals'], 'positionAbsolute' | 'handleBounds'> };

export const sameHandle = (a: HandleRef, b: HandleRef): boolean => a.nodeId === b.nodeId && a.id === b.id && a.type === b.type;

/** The screen point of a pointerup or touchend. */
export function releasePoint(event: MouseEvent | TouchEvent): XYPosition | null {
  if ('changedTouches' in event) {
    const touch = event.changedTouches[0];
    return touch ? { x: touch.clientX, y: touch.clientY } : null;
  }
  return { x: event.clientX, y: event.clientY };
}

/** The handle element at a screen point, read from the attributes React Flow puts on it. */
export function handleAt(doc: Document, point: XYPosition): HandleRef | null {
  const element = doc.elementFromPoint(point.x, point.y)?.closest('.react-flow__handle');
  const nodeId = element?.getAttribute('data-nodeid');
  if (!element || !nodeId) return null;
  const type = element.classList.contains('target') ? 'target' : element.classList.contains('source') ? 'source' : null;
  return type ? { nodeId, id: element.getAttribute('data-handleid'), type } : null;
}

/**
 * The handle nearest a flow point within `radius`, from React Flow's measured handle bounds (its
 * getClosestHandle): the wire's own start is skipped, and of equally near handles the opposite kind wins.
 */
export function closestHandle(nodes: Iterable<MeasuredNode>, at: XYPosition, radius: number, from: HandleRef): HandleRef | null {
  let best: { ref: HandleRef; distance: number } | null = null;
  for (const node of nodes) {
    const bounds = node.internals.handleBounds;
    for (const handle of [...(bounds?.source ?? []), ...(bounds?.target ?? [])]) {
      const ref: HandleRef = { nodeId: node.id, id: handle.id ?? null, type: handle.type };
      if (sameHandle(ref, from)) continue;
      const x = node.internals.positionAbsolute.x + handle.x + handle.width / 2;
      const y = node.internals.positionAbsolute.y + handle.y + handle.height / 2;
      const distance = Math.hypot(x - at.x, y - at.y);
      if (distance > radius) continue;
      const nearer = !best || distance < best.distance || (distance === best.distance && ref.type !== from.type && best.ref.type === from.type);
      if (nearer) best = { ref, distance };
    }
  }
  return best?.ref ?? null;
}

/**
 * What a wire from `from` to `to` asks for, output first. Two handles of one kind ask for nothing
 * that can be joined: both ends are left empty, which the graph's check turns into its reason.
 */
export function connectionBetween(from: HandleRef, to: HandleRef): Connection {
  if (from.type === to.type) return { source: from.nodeId, sourceHandle: null, target: to.nodeId, targetHandle: null };
  const [source, target] = from.type === 'source' ? [from, to] : [to, from];
  return { source: source.nodeId, sourceHandle: source.id, target: target.nodeId, targetHandle: target.id };
}
