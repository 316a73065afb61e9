/** The `swark.workflow` export/import format: schema, importer, compiler. Pure (engine + zod). */
export * from './constants';
export * from './schema';
export * from './graph';
export * from './annotations';
export * from './compile';
export * from './importer';
export * from './workflowGraph';
export { scanJsonText, MAX_IMPORT_WITH_DATA_BYTES } from './scan';
export * from './fragmentText';
export * from './fragment';
export * from './files';
export * from './components';
export * from './componentEdit';
export * from './componentSchema';
export * from './componentFile';
export * from './componentInner';
export { workflowFileText } from './sharedValues';
