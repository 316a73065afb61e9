/**
 * The bottom dock's open tab, kept for the session; its height and whether it is open are the
 * panel layout's (kept in the workspace, see src/store/layout).
 */
import { createStore } from 'zustand/vanilla';
import { useStore } from 'zustand';

export type DockTab = 'run' | 'runner';

export interface DockState {
  tab: DockTab;
  setTab(tab: DockTab): void;
}

export const MIN_DOCK_HEIGHT = 140;
/** The canvas keeps at least this much of the centre column. */
const MIN_CANVAS_HEIGHT = 160;

/** Clamps a wanted height between the dock's minimum and what leaves the canvas its minimum. */
export function clampDockHeight(wanted: number, available: number): number {
  const max = Math.max(MIN_DOCK_HEIGHT, available - MIN_CANVAS_HEIGHT);
  return Math.round(Math.min(max, Math.max(MIN_DOCK_HEIGHT, wanted)));
}

export const dockStore = createStore<DockState>()((set) => ({
  tab: 'run',
  setTab: (tab) => set({ tab }),
}));

export function useDock<T>(selector: (state: DockState) => T): T {
  return useStore(dockStore, selector);
}
