/**
 * The dock under the canvas: the run panel (runs of the open workflow) and the Runner (any
 * workflow and state by reference), as tabs. Both stay mounted so switching keeps their state.
 */
import { Suspense } from 'react';
import { lazyAfterPaint } from '../afterPaint';
import { DockResizeHandle } from './DockResizeHandle';
import { dockStore, useDock, type DockState, type DockTab } from './dockSize';
import { useStudio } from '../hooks/useStudio';
import { useLayout } from '../hooks/useLayout';
import type { LayoutState } from '../../store/layout/createLayoutStore';

// Below the canvas and palette: their code loads right after the editor's first paint.
const RunPanel = lazyAfterPaint(() => import('../run/RunPanel').then((m) => m.RunPanel));
const RunnerView = lazyAfterPaint(() => import('../runner/RunnerView').then((m) => m.RunnerView));

const TABS: { tab: DockTab; label: string; title: string }[] = [
  { tab: 'run', label: 'Run panel', title: 'Steps, extracts, state and history of the open workflow' },
  { tab: 'runner', label: 'Runner', title: 'Run any workflow and state by reference (app://, workspace://)' },
];

const selectOpen = (state: LayoutState) => state.dock.open;
const selectTab = (state: DockState) => state.tab;
const selectHeight = (state: LayoutState) => state.dock.height;

export function BottomDock() {
  const open = useLayout(selectOpen);
  const current = useDock(selectTab);
  const height = useLayout(selectHeight);
  const { layout } = useStudio();
  const chooseTab = (tab: DockTab) => {
    dockStore.getState().setTab(tab);
    if (!open) layout.getState().setDockOpen(true);
  };
  return (
    <div className={`dock ${open ? 'is-open' : 'is-closed'}`} style={open ? { height } : undefined} data-testid="dock">
      {open && <DockResizeHandle />}
      <div className="dock-header">
        <button
          type="button"
          className="dock-toggle"
          aria-expanded={open}
          aria-controls="dock-body"
          data-testid="dock-toggle"
          onClick={() => layout.getState().setDockOpen(!open)}
          title={open ? 'Hide the bottom panel' : 'Show the bottom panel'}
        >
          <span aria-hidden="true">{open ? '▾' : '▸'}</span>
          <span className="visually-hidden">{open ? 'Hide' : 'Show'} the bottom panel</span>
        </button>
        <div className="dock-tabs" role="tablist" aria-label="Bottom panel">
          {TABS.map(({ tab, label, title }) => (
            <button
              key={tab}
              type="button"
              role="tab"
              id={`dock-tab-${tab}`}
              aria-selected={open && current === tab}
              aria-controls={`dock-panel-${tab}`}
              className={`dock-tab ${open && current === tab ? 'is-current' : ''}`}
              data-testid={`dock-tab-${tab}`}
              title={title}
              onClick={() => chooseTab(tab)}
            >
              {label}
            </button>
          ))}
        </div>
      </div>
      <div id="dock-body" className="dock-body" hidden={!open}>
        <div role="tabpanel" id="dock-panel-run" aria-labelledby="dock-tab-run" className="dock-panel" hidden={current !== 'run'}>
          <Suspense fallback={null}>
            <RunPanel />
          </Suspense>
        </div>
        <div role="tabpanel" id="dock-panel-runner" aria-labelledby="dock-tab-runner" className="dock-panel" hidden={current !== 'runner'}>
          <Suspense fallback={null}>
            <RunnerView />
          </Suspense>
        </div>
      </div>
    </div>
  );
}
