/** File import and export, whose code (the format's importer and exporter) loads when first used. */
import type { Studio } from '../../studio/createStudio';

const fileActions = () => import('./fileActions');

export function importFileLater(studio: Studio, file: File): void {
  void fileActions().then((actions) => actions.importFile(studio, file));
}

export function exportActiveWorkflowLater(studio: Studio, includeCache: boolean): void {
  void fileActions().then((actions) => actions.exportActiveWorkflow(studio, includeCache));
}
