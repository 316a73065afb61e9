/** The studio as the browser runs it: the IndexedDB workspace, the Web Worker, and the test hook. */
import { Workspace } from '../persistence/workspace';
import { browserWorkerFactory } from '../worker/client';
import { createStudio, type Studio } from './createStudio';
import { nextFrame } from './frameScheduler';
import { installTestHook } from './testHook';

/** Builds the browser's studio; `start()` it to load the workspace. */
export async function createBrowserStudio(): Promise<Studio> {
  const { browserWorkspaceOptions } = await import('../persistence/browser');
  const workspace = new Workspace(await browserWorkspaceOptions());
  const studio = createStudio({ workspace, workerFactory: browserWorkerFactory, scheduleFrame: nextFrame });
  installTestHook(studio, window.location.search, import.meta.env.DEV);
  return studio;
}
