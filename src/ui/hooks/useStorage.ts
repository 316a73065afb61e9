import { useStore } from 'zustand';
import type { StorageStoreState } from '../../store/storage';
import { useStudio } from './useStudio';

/** Reads the Storage view's store; pass a module-level selector. */
export function useStorage<T>(selector: (state: StorageStoreState) => T): T {
  return useStore(useStudio().storage, selector);
}
