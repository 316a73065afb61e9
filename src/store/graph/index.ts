/** The editor's graph store and the pure rules and views over it. */
export { createGraphStore, type GraphStore } from './createGraphStore';
export type * from './types';
export { toEditorEdge, toEditorNode } from './convert';
export { selectedNodeId, selectedCount } from './selection';
export { freeWorkflowName } from './naming';
export { importCacheQuestion } from './importedCache';
export { modelInfo, portsOf, isCodeModel } from './catalog';
export { upstreamColumns, wiredFieldsKey } from './columns';
export { fieldError, fieldProblems, wireProblems, wiredFieldsOf } from './validation';
export { workflowTemplates } from './templates';
export { gridLayout } from './layout';
export { searchModels, wireEndOf, type ModelMatch, type WireEnd } from './modelSearch';
export { findNodes } from './findNodes';
export { deleteComponentQuestion } from './rules';
export { membersOf, movedNodes } from './annotations';
