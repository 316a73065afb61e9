/** The editor's graph store and the pure rules and views over it. */
export { createGraphStore, type GraphStore, type GraphDeps } from './createGraphStore';
export type * from './types';
export { currentGraph, toEditorEdge, toEditorNode } from './convert';
export { selectedNodeId, selectedCount } from './selection';
export { freeWorkflowName, uniqueId } from './naming';
export { modelInfo, portsOf, isCodeModel } from './catalog';
export { upstreamColumns, wiredFieldsKey } from './columns';
export { fieldError, fieldProblems, wireProblems, wiredFieldsOf } from './validation';
export { workflowTemplates } from './templates';
export { gridLayout } from './layout';
