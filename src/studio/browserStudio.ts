/** The studio as the browser runs it: the IndexedDB workspace, the Web Worker, and the test hook. */
import { Workspace } from '../persistence/workspace';
import { browserWorkerFactory } from '../worker/client';
import { buildStudio, type Studio } from './studioCore';
import { nextFrame } from './frameScheduler';
import { installTestHook } from './testHook';

/** Builds the browser's studio; `start()` it to load the workspace. */
export async function createBrowserStudio(): Promise<Studio> {
  const { browserWorkspaceOptions } = await import('../persistence/browser');
  const workspace = new Workspace(await browserWorkspaceOptions());
  // The sweep and Storage stores load with `studio.late()`, which the editor calls after its first paint.
  const studio = buildStudio(
    { workspace, workerFactory: browserWorkerFactory, scheduleFrame: nextFrame },
    () => import('./lateStores').then((m) => m.buildLateStores),
    false,
  );
  installTestHook(studio, window.location.search, import.meta.env.DEV);
  return studio;
}
