/** The dock's top edge: drag it (or focus it and press ↑/↓) to make the dock taller or shorter. */
import { useStudio } from '../hooks/useStudio';
import { useLayout } from '../hooks/useLayout';
import { ResizeHandle } from '../shell/ResizeHandle';
import { clampDockHeight, MIN_DOCK_HEIGHT } from './dockSize';
import type { LayoutState } from '../../store/layout/createLayoutStore';

const selectHeight = (state: LayoutState) => state.dock.height;

/** Room the dock may take: the centre column's height (the handle's parent's parent). */
const clampToColumn = (wanted: number, handle: HTMLElement) => clampDockHeight(wanted, handle.parentElement?.parentElement?.clientHeight ?? window.innerHeight);

export function DockResizeHandle() {
  const { layout } = useStudio();
  const height = useLayout(selectHeight);
  return (
    <ResizeHandle
      orientation="horizontal"
      grows={-1}
      label="Resize the bottom panel"
      testId="dock-resize"
      className="dock-resize"
      size={height}
      min={MIN_DOCK_HEIGHT}
      clamp={clampToColumn}
      onResize={layout.getState().setDockHeight}
      onDone={layout.getState().save}
    />
  );
}
