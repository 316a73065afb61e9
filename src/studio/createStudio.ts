/**
 * A studio with every store built at once (tests, benchmarks): `sweep` and `storage` can be read
 * right away. The browser builds its own with the late stores loaded after the first paint
 * (`browserStudio.ts`).
 */
import { attachRunCore } from '../store/run/runCore';
import { buildLateStores } from './lateStores';
import { buildStudio, type Studio, type StudioDeps } from './studioCore';

export type { Studio, StudioDeps } from './studioCore';

export function createStudio(deps: StudioDeps): Studio {
  return buildStudio(deps, buildLateStores, true, attachRunCore);
}
