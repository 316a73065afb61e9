/**
 * Stored files in an export: a graph's params (and states) hold references by hash; the file
 * carries each one's text under `files`, so it runs anywhere. On import the texts are stored again
 * and, should the store name a text by another hash (a different hash function), the references
 * are rewritten to it.
 */
import { storedFileJson, storedFileOf, storedFilesIn, type JsonValue, type StoredFileInfo } from '../engine';
import type { WorkflowGraph } from './graph';
import type { EmbeddedFile, WorkflowFile } from './schema';

/** Every stored file the graph's params, initial state and saved states refer to, by hash. */
export function filesOfGraph(graph: WorkflowGraph): Map<string, StoredFileInfo> {
  return storedFilesIn([...graph.nodes.map((node) => node.params), graph.state, graph.savedStates ?? {}]);
}

/** The stored files a file's steps and states refer to, by hash (whether or not it embeds them). */
export function filesOfWorkflowFile(file: Pick<WorkflowFile, 'workflow' | 'state' | 'states'>): Map<string, StoredFileInfo> {
  return storedFilesIn([...file.workflow.steps.map((step) => step.params ?? {}), file.state ?? {}, file.states ?? {}]);
}

/** A file's entry under `files`, from its reference and text. */
export function embeddedFile(info: StoredFileInfo, text: string): EmbeddedFile {
  return { name: info.name, mediaType: info.mediaType, size: info.size, text };
}

/** Codec-encoded values with each file reference's hash replaced per `hashes` (old → new). */
function remapValue(json: JsonValue, hashes: ReadonlyMap<string, string>): JsonValue {
  if (json === null || typeof json !== 'object') return json;
  const info = storedFileOf(json);
  if (info) return storedFileJson({ ...info, hash: hashes.get(info.hash) ?? info.hash });
  if (Array.isArray(json)) return json.map((item) => remapValue(item, hashes));
  return Object.fromEntries(Object.entries(json).map(([key, value]) => [key, remapValue(value, hashes)]));
}

/** Codec-encoded values (e.g. a step's params) with their file references moved per `hashes` (old → new). */
export const remapRecord = (record: Record<string, JsonValue>, hashes: ReadonlyMap<string, string>) =>
  Object.fromEntries(Object.entries(record).map(([key, value]) => [key, remapValue(value, hashes)]));

/** The graph with its file references moved to the hashes the workspace stored their texts under. */
export function remapGraphFiles(graph: WorkflowGraph, hashes: ReadonlyMap<string, string>): WorkflowGraph {
  if (![...hashes].some(([from, to]) => from !== to)) return graph;
  return {
    ...graph,
    nodes: graph.nodes.map((node) => ({ ...node, params: remapRecord(node.params, hashes) })),
    state: remapRecord(graph.state, hashes),
    ...(graph.savedStates
      ? { savedStates: Object.fromEntries(Object.entries(graph.savedStates).map(([name, slots]) => [name, remapRecord(slots, hashes)])) }
      : {}),
  };
}
