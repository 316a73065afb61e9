/** The studio as the browser runs it: the IndexedDB workspace, the Web Worker, and the test hook. */
import { Workspace } from '../persistence/workspace';
import { browserWorkerFactory } from '../worker/client';
import { browserImportWorker } from '../worker/importClient';
import { startWhen } from '../worker/startWhen';
import { nextFrame } from '../store/run/nextFrame';
import { afterPaintGate } from './afterPaintGate';
import { buildStudio, type Studio } from './studioCore';
import { installTestHook } from './testHook';

/** Builds the browser's studio; `start()` it to load the workspace. */
export async function createBrowserStudio(): Promise<Studio> {
  const { browserWorkspaceOptions } = await import('../persistence/browser');
  // The run worker (its code as big as the editor's) and the fast value hash start once the editor
  // has painted and the page is idle, or at the first press; the sweep and Storage stores load with
  // `studio.late()`, which the editor calls after its first paint.
  const gate = afterPaintGate();
  const workspace = new Workspace({ ...(await browserWorkspaceOptions()), valueHashingWhen: gate.open });
  const studio = buildStudio(
    {
      workspace,
      workerFactory: startWhen(browserWorkerFactory, gate.open),
      importWorker: browserImportWorker,
      scheduleFrame: nextFrame,
      onPainted: gate.painted,
    },
    () => import('./lateStores').then((m) => m.buildLateStores),
    false,
    () => import('../store/run/runCore').then((m) => m.attachRunCore),
  );
  installTestHook(studio, window.location.search, import.meta.env.DEV);
  return studio;
}
