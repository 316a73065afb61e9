/**
 * The one test-hook global: end-to-end tests and benchmarks drive the studio's stores through
 * `globalThis.__swark` (dev builds, or a page opened with `?e2e` or `?testHooks`).
 */
import type { Studio } from './createStudio';

export type SwarkTestHook = Pick<Studio, 'graph' | 'run' | 'workspace' | 'ports'>;

declare global {
  var __swark: SwarkTestHook | undefined;
}

export function installTestHook(studio: Studio, search: string, dev: boolean): void {
  const params = new URLSearchParams(search);
  if (!dev && !params.has('e2e') && !params.has('testHooks')) return;
  globalThis.__swark = { graph: studio.graph, run: studio.run, workspace: studio.workspace, ports: studio.ports };
}
