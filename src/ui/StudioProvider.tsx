/** Gives the components below one studio's stores (see `hooks/useStudio`). */
import type { ReactNode } from 'react';
import type { Studio } from '../studio/createStudio';
import { StudioContext } from './hooks/useStudio';

export function StudioProvider({ studio, children }: { studio: Studio; children: ReactNode }) {
  return <StudioContext.Provider value={studio}>{children}</StudioContext.Provider>;
}
