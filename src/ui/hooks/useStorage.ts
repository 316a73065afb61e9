import { useStore } from 'zustand';
import type { StorageStoreState } from '../../store/storage';
import { useLateStores } from './useLateStores';

/** Reads the Storage view's store (suspends until it has loaded); pass a module-level selector. */
export function useStorage<T>(selector: (state: StorageStoreState) => T): T {
  return useStore(useLateStores().storage, selector);
}
