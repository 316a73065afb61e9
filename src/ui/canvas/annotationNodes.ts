/** Notes and groups as React Flow nodes (the store keeps them as `AnnotationSpec`s, apart from the steps). */
import type { Node } from '@xyflow/react';
import type { AnnotationSpec } from '../../format';

export type AnnotationNode = Node<{ annotation: AnnotationSpec }, 'note' | 'group'>;

/**
 * Under the model nodes, so a node dropped into a group stays on top of it, also when the group is
 * selected (React Flow lifts a selected node by 1,000).
 */
const GROUP_Z = -1001;

export function toAnnotationNode(annotation: AnnotationSpec, selected: boolean): AnnotationNode {
  return {
    id: annotation.id,
    type: annotation.kind,
    position: { x: annotation.x, y: annotation.y },
    width: annotation.width,
    height: annotation.height,
    data: { annotation },
    selected,
    // A group drags by its title bar only: its body is canvas where boxes are drawn and nodes dropped.
    ...(annotation.kind === 'group' ? { zIndex: GROUP_Z, dragHandle: '.annotation-group__bar' } : {}),
  };
}

export function isAnnotationNode(node: { type?: string | undefined }): node is AnnotationNode {
  return node.type === 'note' || node.type === 'group';
}
