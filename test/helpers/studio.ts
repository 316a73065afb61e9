/** A fresh studio per test, as the browser builds one, over memory storage and an in-process worker. */
import { afterEach } from 'vitest';
import type { ModelRegistry } from '../../src/engine';
import { memoryBackend } from '../../src/persistence/keyValue';
import { Workspace, type WorkspaceOptions } from '../../src/persistence/workspace';
import { createStudio, type Studio } from '../../src/studio/createStudio';
import type { RunWorkerFactory } from '../../src/worker/client';
import { inProcessWorkerFactory } from '../../src/worker/inProcess';
// The model library and the apps, registered as the editor has them right after its first paint.
import '../../src/models';
import '../../src/apps';

/** Opens workspaces over backends that outlive each one: a second one opened is a reload. */
export function sharedWorkspace(): () => Workspace {
  const meta = memoryBackend();
  const values = memoryBackend();
  return () => new Workspace({ meta, values, storage: null });
}

/** A workspace kept in memory (nothing outlives the test unless its backends are shared). */
export function memoryWorkspace(options: WorkspaceOptions = {}): Workspace {
  return new Workspace({ meta: memoryBackend(), values: memoryBackend(), storage: null, ...options });
}

export interface StudioOptions {
  workspace?: Workspace;
  worker?: RunWorkerFactory;
  /** The models the in-process worker runs (default: the app's registry). */
  registry?: ModelRegistry;
  /** Logical processors the sweep sees (default 2: one worker). */
  concurrency?: number;
}

const made: Studio[] = [];
afterEach(() => {
  for (const studio of made.splice(0)) studio.dispose();
});

/** A new studio (disposed after the test); previews are computed at once. */
export function makeStudio({
  workspace = memoryWorkspace(),
  registry,
  worker = inProcessWorkerFactory(registry),
  concurrency = 2,
}: StudioOptions = {}): Studio {
  const studio = createStudio({ workspace, workerFactory: worker, previewDelayMs: 0, concurrency: () => concurrency });
  made.push(studio);
  return studio;
}
