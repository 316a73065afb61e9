/**
 * Notes and groups as pure rules over the graph (the slice in `annotationSlice.ts` applies them).
 * A group's members are the nodes inside its frame, found when it starts to move: a node dropped
 * into a frame joins it and one dragged out leaves it, with nothing to keep in step.
 */
import type { AnnotationSpec } from '../../format';
import type { EditorNode } from './types';

/** Node size when React Flow has not measured it yet (as `autoLayout` assumes). */
const NODE_SIZE = { width: 220, height: 120 };
export const NOTE_SIZE = { width: 240, height: 160 };
/** Room a made group leaves around its nodes, and above them for its title. */
const GROUP_PAD = 32;
const GROUP_TITLE = 40;

function sizeOf(node: EditorNode): { width: number; height: number } {
  return { width: node.measured?.width ?? node.width ?? NODE_SIZE.width, height: node.measured?.height ?? node.height ?? NODE_SIZE.height };
}

/** The nodes lying wholly inside a group's frame. */
export function membersOf(group: AnnotationSpec, nodes: readonly EditorNode[]): string[] {
  return nodes
    .filter((node) => {
      const { width, height } = sizeOf(node);
      const { x, y } = node.position;
      return x >= group.x && y >= group.y && x + width <= group.x + group.width && y + height <= group.y + group.height;
    })
    .map((node) => node.id);
}

/** A frame around the given nodes, with room for the title; null for none. */
export function frameAround(nodes: readonly EditorNode[]): Pick<AnnotationSpec, 'x' | 'y' | 'width' | 'height'> | null {
  if (!nodes.length) return null;
  let left = Infinity;
  let top = Infinity;
  let right = -Infinity;
  let bottom = -Infinity;
  for (const node of nodes) {
    const { width, height } = sizeOf(node);
    left = Math.min(left, node.position.x);
    top = Math.min(top, node.position.y);
    right = Math.max(right, node.position.x + width);
    bottom = Math.max(bottom, node.position.y + height);
  }
  return { x: left - GROUP_PAD, y: top - GROUP_PAD - GROUP_TITLE, width: right - left + 2 * GROUP_PAD, height: bottom - top + 2 * GROUP_PAD + GROUP_TITLE };
}

/** The nodes moved by (dx, dy) where their id is in `ids`. */
export function movedNodes(nodes: EditorNode[], ids: ReadonlySet<string>, dx: number, dy: number): EditorNode[] {
  if (!ids.size || (dx === 0 && dy === 0)) return nodes;
  return nodes.map((node) => (ids.has(node.id) ? { ...node, position: { x: node.position.x + dx, y: node.position.y + dy } } : node));
}

/** The workspace's notes and groups (none for a record saved before they existed). */
export function annotationsFromRecord(stored: readonly AnnotationSpec[] | undefined): AnnotationSpec[] {
  return stored ? stored.map((a) => ({ ...a })) : [];
}
