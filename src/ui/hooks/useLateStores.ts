import { use } from 'react';
import type { LateStores } from '../../studio/studioCore';
import { useStudio } from './useStudio';

/**
 * The sweep's and the Storage view's stores, which load after the editor's first paint: until then
 * the component suspends (its Suspense boundary shows the fallback holding its place).
 */
export function useLateStores(): LateStores {
  return use(useStudio().late());
}
