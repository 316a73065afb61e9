import { useStore } from 'zustand';
import type { SweepState } from '../../store/sweep';
import { useStudio } from './useStudio';

/** Reads the sweep store; pass a module-level selector (use `useShallow` for new objects). */
export function useSweep<T>(selector: (state: SweepState) => T): T {
  return useStore(useStudio().sweep, selector);
}
