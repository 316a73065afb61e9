/** File import and export for the active workflow (browser side: File, Blob, download). */
import { encodeValue, type CacheEntryJSON, type CacheEntry } from '../../engine';
import { MAX_IMPORT_WITH_DATA_BYTES, embeddedFile, type EmbeddedFile } from '../../format';
import type { Studio } from '../../studio/createStudio';
import { sidePanelStore } from '../state/sidePanel';
import { downloadBytes } from './download';

export async function importFile({ graph }: Studio, file: File): Promise<void> {
  if (file.size > MAX_IMPORT_WITH_DATA_BYTES) {
    graph.getState().setNotice({
      kind: 'error',
      title: 'The file was not imported; nothing changed.',
      items: [{ message: `“${file.name}” is ${(file.size / 1024 / 1024).toFixed(1)} MB; the limit is ${MAX_IMPORT_WITH_DATA_BYTES / 1024 / 1024} MB.` }],
    });
    return;
  }
  await graph.getState().importWorkflow(await file.text());
}

function toJSON(extract: CacheEntry): CacheEntryJSON {
  return { model: extract.model, version: extract.version, ...(extract.at === undefined ? {} : { at: extract.at }), value: encodeValue(extract.value) };
}

export async function exportActiveWorkflow({ graph, ports }: Studio, includeCache: boolean): Promise<void> {
  const { activeWorkflowId, exportWorkflow } = graph.getState();
  let cache: { modelInputs: Record<string, CacheEntryJSON>; modelOutputs: Record<string, CacheEntryJSON> } | undefined;
  if (includeCache && activeWorkflowId) {
    const extracts = await ports.getExtracts(activeWorkflowId);
    cache = { modelInputs: {}, modelOutputs: {} };
    for (const entry of extracts) {
      // A step's entries come most recent first; the file carries that one (its current entry).
      if (Object.hasOwn(cache.modelInputs, entry.stepKey)) continue;
      cache.modelInputs[entry.stepKey] = toJSON(entry.input);
      cache.modelOutputs[entry.stepKey] = toJSON(entry.output);
    }
  }
  // The files the steps read go in always, with or without the cache: they are the workflow's input.
  const files: Record<string, EmbeddedFile> = {};
  for (const info of graph.getState().activeFiles()) {
    try {
      files[info.hash] = embeddedFile(info, await ports.fileText(info.hash));
    } catch {
      graph.getState().setNotice({
        kind: 'warning',
        title: 'The workflow was exported without one of its files.',
        items: [{ message: `The file “${info.name}” is missing from the workspace's storage; load it again with “Replace…” and export again.` }],
      });
    }
  }
  // The saved states go in when the State panel's "Export them with the workflow" is on.
  const { fileName, text } = exportWorkflow(cache, sidePanelStore.getState().exportSavedStates, files);
  downloadBytes(text, fileName, 'application/json');
}
