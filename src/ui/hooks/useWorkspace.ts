import { useStore } from 'zustand';
import type { WorkspaceStoreState } from '../../store/workspace/createWorkspaceStore';
import { useStudio } from './useStudio';

/** Reads the workspace store (status, workflow list, custom models). */
export function useWorkspace<T>(selector: (state: WorkspaceStoreState) => T): T {
  return useStore(useStudio().workspace, selector);
}
