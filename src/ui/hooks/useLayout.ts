import { useStore } from 'zustand';
import type { LayoutState } from '../../store/layout/createLayoutStore';
import { useStudio } from './useStudio';

/** Reads the panel layout store; pass a module-level selector. */
export function useLayout<T>(selector: (state: LayoutState) => T): T {
  return useStore(useStudio().layout, selector);
}
