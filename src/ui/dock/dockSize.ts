/**
 * The bottom dock's height and open tab, kept for the session (not across reloads: the workspace
 * has no place for view settings, and direct localStorage is banned).
 */
import { createStore } from 'zustand/vanilla';
import { useStore } from 'zustand';

export type DockTab = 'run' | 'runner';

export interface DockState {
  open: boolean;
  tab: DockTab;
  /** Height in CSS pixels of the open dock (header included). */
  height: number;
  setOpen(open: boolean): void;
  setTab(tab: DockTab): void;
  setHeight(height: number): void;
}

/** Tall enough for the extract viewer's table at 1440×900 without scrolling. */
const DEFAULT_DOCK_HEIGHT = 360;
export const MIN_DOCK_HEIGHT = 140;
/** The canvas keeps at least this much of the centre column. */
const MIN_CANVAS_HEIGHT = 160;

/** Clamps a wanted height between the dock's minimum and what leaves the canvas its minimum. */
export function clampDockHeight(wanted: number, available: number): number {
  const max = Math.max(MIN_DOCK_HEIGHT, available - MIN_CANVAS_HEIGHT);
  return Math.round(Math.min(max, Math.max(MIN_DOCK_HEIGHT, wanted)));
}

export const dockStore = createStore<DockState>()((set) => ({
  open: true,
  tab: 'run',
  height: DEFAULT_DOCK_HEIGHT,
  setOpen: (open) => set({ open }),
  setTab: (tab) => set({ tab, open: true }),
  setHeight: (height) => set({ height }),
}));

export function useDock<T>(selector: (state: DockState) => T): T {
  return useStore(dockStore, selector);
}
