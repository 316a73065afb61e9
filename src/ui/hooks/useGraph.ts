import { useStore } from 'zustand';
import type { GraphState } from '../../store/graph';
import { useStudio } from './useStudio';

/** Reads the graph store; pass a module-level selector (use `useShallow` for new objects). */
export function useGraph<T>(selector: (state: GraphState) => T): T {
  return useStore(useStudio().graph, selector);
}
