import type { NodeTypes } from '@xyflow/react';
import { GroupNode } from './GroupNode';
import { ModelNode } from './ModelNode';
import { NoteNode } from './NoteNode';

/** Defined once at module level so React Flow never sees a new object. */
export const nodeTypes: NodeTypes = { model: ModelNode, note: NoteNode, group: GroupNode };
