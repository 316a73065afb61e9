/** File import and export for the active workflow (browser side: File, Blob, download). */
import { MAX_IMPORT_WITH_DATA_BYTES } from '../../format';
import { exportWorkflowFile, type ExportedWorkflow } from '../../store/workflowExport';
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
  // The run worker reads the file (a handle crosses, not its bytes).
  await graph.getState().importWorkflow(file);
}

export async function exportActiveWorkflow({ graph, run }: Studio, includeCache: boolean): Promise<void> {
  // The saved states go in when the State panel's "Export them with the workflow" is on.
  const includeStates = sidePanelStore.getState().exportSavedStates;
  let exported: ExportedWorkflow;
  try {
    exported = await exportWorkflowFile(graph, run, includeCache, includeStates);
  } catch (error) {
    graph.getState().setNotice({ kind: 'error', title: 'The workflow was not exported.', items: [{ message: (error as Error).message }] });
    return;
  }
  for (const info of exported.missingFiles)
    graph.getState().setNotice({
      kind: 'warning',
      title: 'The workflow was exported without one of its files.',
      items: [{ message: `The file “${info.name}” is missing from the workspace's storage; load it again with “Replace…” and export again.` }],
    });
  downloadBytes(exported.file, exported.fileName, 'application/json');
}
