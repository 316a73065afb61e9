/**
 * The editor's panels: how wide the models and inspector columns are and whether they are
 * collapsed, how tall the bottom dock is and whether it is open. Read from the workspace once it
 * has loaded and written back when a change is done (a resize let go, a panel shown or hidden),
 * never on each pointer move.
 */
import { createStore, type StoreApi } from 'zustand/vanilla';
import { DEFAULT_PANELS, readPanelLayout, type PanelLayout } from '../../persistence/db/panelLayout';
import type { WorkspaceSettings } from '../../persistence/types';

type PanelLayoutState = Omit<PanelLayout, 'version'>;
export type SidePanelName = 'palette' | 'side';

export interface LayoutState extends PanelLayoutState {
  /** Takes the sizes the workspace keeps (after its load). */
  load(): void;
  setWidth(panel: SidePanelName, width: number): void;
  setDockHeight(height: number): void;
  setCollapsed(panel: SidePanelName, collapsed: boolean): void;
  setDockOpen(open: boolean): void;
  /** Writes the current sizes to the workspace (at the end of a resize). */
  save(): void;
}

export type LayoutStore = StoreApi<LayoutState>;

/** The workspace's settings, as far as the panels need them. */
export interface LayoutSettings {
  settings(): Pick<WorkspaceSettings, 'panels'>;
  /** Null when stored, else why not (a read-only tab: the sizes then hold for this tab only). */
  changeSettings(change: Pick<WorkspaceSettings, 'panels'>): string | null;
}

export function createLayoutStore(workspace: LayoutSettings): LayoutStore {
  return createStore<LayoutState>()((set, get) => {
    const save = () => {
      const { palette, side, dock } = get();
      workspace.changeSettings({ panels: { version: DEFAULT_PANELS.version, palette, side, dock } });
    };
    return {
      palette: DEFAULT_PANELS.palette,
      side: DEFAULT_PANELS.side,
      dock: DEFAULT_PANELS.dock,
      load: () => {
        const { palette, side, dock } = readPanelLayout(workspace.settings().panels) ?? DEFAULT_PANELS;
        set({ palette, side, dock });
      },
      setWidth: (panel, width) => set({ [panel]: { ...get()[panel], width } }),
      setDockHeight: (height) => set({ dock: { ...get().dock, height } }),
      setCollapsed: (panel, collapsed) => {
        set({ [panel]: { ...get()[panel], collapsed } });
        save();
      },
      setDockOpen: (open) => {
        set({ dock: { ...get().dock, open } });
        save();
      },
      save,
    };
  });
}
