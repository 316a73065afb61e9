/** The studio of the nearest `StudioProvider`: its stores, as React Flow keeps a store per provider. */
import { createContext, useContext } from 'react';
import type { Studio } from '../../studio/createStudio';

export const StudioContext = createContext<Studio | null>(null);

export function useStudio(): Studio {
  const studio = useContext(StudioContext);
  if (!studio) throw new Error('useStudio must be used inside a <StudioProvider>');
  return studio;
}
