/**
 * The right column's open tab (the inspector or the initial state) and the slot a person asked to
 * see, kept for the session like the dock's tab (view settings have no place in the workspace).
 */
import { createStore } from 'zustand/vanilla';
import { useStore } from 'zustand';

export type SideTab = 'inspector' | 'state';

export interface SidePanelState {
  tab: SideTab;
  /** The slot to bring into view and focus, with a count so asking twice for one slot works twice. */
  focus: { slot: string; request: number } | null;
  /** Export writes the saved states too (the State panel's switch). */
  exportSavedStates: boolean;
  setTab(tab: SideTab): void;
  /** Opens the initial state with `slot` in view and focused. */
  openSlot(slot: string): void;
  setExportSavedStates(include: boolean): void;
}

export const sidePanelStore = createStore<SidePanelState>()((set, get) => ({
  tab: 'inspector',
  focus: null,
  exportSavedStates: false,
  setTab: (tab) => set({ tab }),
  openSlot: (slot) => set({ tab: 'state', focus: { slot, request: (get().focus?.request ?? 0) + 1 } }),
  setExportSavedStates: (exportSavedStates) => set({ exportSavedStates }),
}));

export function useSidePanel<T>(selector: (state: SidePanelState) => T): T {
  return useStore(sidePanelStore, selector);
}
