/**
 * "Export" of the active workflow as the file a person downloads. The run worker, which holds the
 * values, makes the big parts (the cache's fields, each distinct text once, and the embedded
 * files' texts) as Blobs; here the small outline and the extracts' lines are written around them
 * and the parts joined into one Blob by reference, so the page's thread never reads a table.
 */
import type { StoredFileInfo } from '../engine';
import { embeddedFile } from '../format/files';
import { packPieces, workflowFileParts } from '../format/fileParts';
import { SHARED_MIN_CHARS } from '../format/sharedValues';
import type { GraphStore } from './graph';
import type { RunStore } from './run';

export interface ExportedWorkflow {
  fileName: string;
  file: Blob;
  /** Stored files the workflow reads that the worker could not read: exported without them. */
  missingFiles: StoredFileInfo[];
}

/** The active workflow's file: with its cache when `includeCache`, its saved states when `includeStates`, and always the files it reads. */
export async function exportWorkflowFile(graph: GraphStore, run: RunStore, includeCache: boolean, includeStates: boolean): Promise<ExportedWorkflow> {
  const workflowId = graph.getState().activeWorkflowId;
  if (!workflowId) throw new Error('No workflow is open.');
  const infos = graph.getState().activeFiles();
  const parts = await run.getState().exportWorkflowParts(
    workflowId,
    infos.map((info) => info.hash),
    includeCache,
    SHARED_MIN_CHARS,
  );
  // Each file's entry with an empty text: the writer puts the worker's text in its place.
  const embedded = Object.fromEntries(infos.filter((info) => parts.files.has(info.hash)).map((info) => [info.hash, embeddedFile(info, '')]));
  const { fileName, file } = graph.getState().workflowFile(includeStates, embedded);
  const cache = parts.cache ? packPieces({ ...parts.cache, texts: new Map(parts.cache.texts) }) : undefined;
  return {
    fileName,
    file: new Blob(workflowFileParts(file, cache, parts.files), { type: 'application/json' }),
    missingFiles: infos.filter((info) => parts.missingFiles.includes(info.hash)),
  };
}
