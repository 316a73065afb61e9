/**
 * Files a person gives the app (loaded in a field, dropped on the canvas, or a very long paste):
 * stored once by content through the run worker, the param then holds a small reference.
 */
import { storedFileJson, type StoredFileInfo } from '../../engine/storedFile';
import type { JsonValue } from '../../engine';
import type { Studio } from '../../studio/createStudio';

/** A pasted or typed text longer than this becomes a stored file rather than a param. */
export const PASTE_AS_FILE_CHARS = 256 * 1024;

interface FileInput {
  model: string;
  field: string;
  mediaType: string;
  /** Other params the node gets, e.g. a `.tsv` file's delimiter. */
  params?: Record<string, JsonValue>;
}

const INPUT_BY_EXTENSION: Record<string, FileInput> = {
  csv: { model: 'input.csv', field: 'text', mediaType: 'text/csv' },
  tsv: { model: 'input.csv', field: 'text', mediaType: 'text/tab-separated-values', params: { delimiter: 'tab' } },
  json: { model: 'input.json', field: 'value', mediaType: 'application/json' },
  txt: { model: 'input.text', field: 'value', mediaType: 'text/plain' },
};

/** The input node a dropped data file becomes; null for other files (a `.swark.json` is a workflow to import). */
export function inputForFile(name: string): FileInput | null {
  const lower = name.toLowerCase();
  if (lower.endsWith('.swark.json')) return null;
  const extension = lower.slice(lower.lastIndexOf('.') + 1);
  return Object.hasOwn(INPUT_BY_EXTENSION, extension) ? (INPUT_BY_EXTENSION[extension] ?? null) : null;
}

/** The media type a file is stored with: the browser's, else the one its extension implies. */
export function mediaTypeOf(file: File): string {
  return file.type || inputForFile(file.name)?.mediaType || 'text/plain';
}

/** Stores a file and returns the param value that refers to it. */
export async function storeFileParam(studio: Studio, file: Blob, name: string, mediaType: string): Promise<JsonValue> {
  const info: StoredFileInfo = await studio.run.getState().storeFile(file, name, mediaType);
  return storedFileJson(info);
}

/** What a failed store says, as the editor's notice. */
export function reportFileProblem(studio: Studio, name: string, error: unknown): void {
  studio.graph.getState().setNotice({
    kind: 'error',
    title: `The file “${name}” was not loaded; nothing changed.`,
    items: [{ message: error instanceof Error ? error.message : String(error) }],
  });
}

/**
 * A data file dropped on the canvas: stores it, then adds the input node that reads it at `at`
 * (flow coordinates of the drop point), selected so the inspector shows the file.
 */
export async function dropFileAsNode(studio: Studio, file: File, input: FileInput, at: { x: number; y: number }): Promise<void> {
  try {
    const value = await storeFileParam(studio, file, file.name, mediaTypeOf(file));
    const graph = studio.graph.getState();
    const id = graph.addNode(input.model, { x: at.x - 100, y: at.y - 30 });
    for (const [field, param] of Object.entries({ ...input.params, [input.field]: value })) studio.graph.getState().updateNodeParam(id, field, param);
    // Titled after the file (`sales.csv` → "sales"), so its slots read `sales.table`; a refused title keeps the model's.
    const stem = file.name.replace(/\.[^.]+$/, '').trim();
    if (stem) studio.graph.getState().setNodeLabel(id, stem);
    studio.graph.getState().selectNode(id);
  } catch (error) {
    reportFileProblem(studio, file.name, error);
  }
}
