/**
 * A side column (the models on the left, the inspector on the right) that collapses to a rail and
 * resizes by its inner edge. Collapsed, its content stays mounted but hidden, so nothing typed is lost.
 */
import type { ReactNode } from 'react';
import { PANEL_LIMITS } from '../../persistence/db/panelLayout';
import { clampColumnWidth } from '../../store/layout/panelSizes';
import type { LayoutState, SidePanelName } from '../../store/layout/createLayoutStore';
import { useLayout } from '../hooks/useLayout';
import { useStudio } from '../hooks/useStudio';
import { ResizeHandle } from './ResizeHandle';

const selectPanel = { palette: (state: LayoutState) => state.palette, side: (state: LayoutState) => state.side };

export function PanelFrame({ panel, name, children }: { panel: SidePanelName; name: string; children: ReactNode }) {
  const { layout } = useStudio();
  const { width, collapsed } = useLayout(selectPanel[panel]);
  const left = panel === 'palette';
  const other = left ? 'side' : 'palette';
  const clamp = (wanted: number, handle: HTMLElement) => {
    const row = handle.closest('.workspace')?.clientWidth ?? window.innerWidth;
    const { width: otherWidth, collapsed: otherCollapsed } = layout.getState()[other];
    return clampColumnWidth(wanted, row, otherCollapsed ? 0 : otherWidth);
  };
  const toggle = () => layout.getState().setCollapsed(panel, !collapsed);
  return (
    <div className={`panel-frame is-${left ? 'left' : 'right'}${collapsed ? ' is-collapsed' : ''}`} data-testid={`${panel}-frame`}>
      <button
        type="button"
        className="panel-toggle"
        aria-expanded={!collapsed}
        aria-label={`${collapsed ? 'Show' : 'Hide'} the ${name}`}
        title={`${collapsed ? 'Show' : 'Hide'} the ${name}`}
        data-testid={`${panel}-toggle`}
        onClick={toggle}
      >
        <span aria-hidden="true">{collapsed === left ? '›' : '‹'}</span>
      </button>
      {collapsed && (
        <span className="panel-rail-label" aria-hidden="true">
          {name}
        </span>
      )}
      <div className="panel-frame-body" hidden={collapsed}>
        {children}
      </div>
      {!collapsed && (
        <ResizeHandle
          orientation="vertical"
          grows={left ? 1 : -1}
          label={`Resize the ${name}`}
          testId={`${panel}-resize`}
          className="panel-resize"
          size={width}
          min={PANEL_LIMITS.width.min}
          clamp={clamp}
          onResize={(next) => layout.getState().setWidth(panel, next)}
          onDone={layout.getState().save}
        />
      )}
    </div>
  );
}
