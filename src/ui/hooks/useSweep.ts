import { useStore } from 'zustand';
import type { SweepState } from '../../store/sweep';
import { useLateStores } from './useLateStores';

/** Reads the sweep store (suspends until it has loaded); pass a module-level selector (use `useShallow` for new objects). */
export function useSweep<T>(selector: (state: SweepState) => T): T {
  return useStore(useLateStores().sweep, selector);
}
