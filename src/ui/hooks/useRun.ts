import { useStore } from 'zustand';
import type { RunStoreState } from '../../store/run';
import { useStudio } from './useStudio';

/** Reads the run store; pass a module-level selector (use `useShallow` for new objects). */
export function useRun<T>(selector: (state: RunStoreState) => T): T {
  return useStore(useStudio().run, selector);
}
