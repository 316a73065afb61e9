import type { NodeTypes } from '@xyflow/react';
import { ModelNode } from './ModelNode';

/** Defined once at module level so React Flow never sees a new object. */
export const nodeTypes: NodeTypes = { model: ModelNode };
