/** The editor screen: toolbar on top; workflows and palette left; canvas; inspector right; run panel and Runner below. */
import { Suspense, lazy, useCallback, useEffect, useState } from 'react';
import { ReactFlowProvider } from '@xyflow/react';
import { useStudio } from './hooks/useStudio';
import { useWorkspace } from './hooks/useWorkspace';
import { Toolbar } from './shell/Toolbar';
import { NoticeBar } from './shell/NoticeBar';
import { useShortcuts } from './shell/useShortcuts';
import { Palette } from './palette/Palette';
import { Canvas } from './canvas/Canvas';
import { WorkflowList } from './workflows/WorkflowList';
import { afterPaint, lazyAfterPaint, markEditorPainted } from './afterPaint';
import { PanelFrame } from './shell/PanelFrame';
import { useLayout } from './hooks/useLayout';
import { RAIL_WIDTH } from '../store/layout/panelSizes';
import type { LayoutState } from '../store/layout/createLayoutStore';

// Closed (hidden) at first: its code loads right after the editor's first paint.
const HelpDialog = lazyAfterPaint(() => import('./shell/HelpDialog').then((m) => m.HelpDialog));
const StorageView = lazyAfterPaint(() => import('./storage/StorageView').then((m) => m.StorageView));
const SweepDialog = lazyAfterPaint(() => import('./sweep/SweepDialog').then((m) => m.default));
const ImportCacheDialog = lazyAfterPaint(() => import('./shell/ImportCacheDialog').then((m) => m.ImportCacheDialog));
// Beside and below the canvas, not needed to start editing: their code loads right after the first
// paint, while an empty frame of the same size holds their place so nothing moves.
const SidePanel = lazyAfterPaint(() => import('./state/SidePanel').then((m) => m.SidePanel));
const BottomDock = lazyAfterPaint(() => import('./dock/BottomDock').then((m) => m.BottomDock));
const WorkspaceStatusBar = lazyAfterPaint(() => import('./shell/WorkspaceStatusBar').then((m) => m.WorkspaceStatusBar));
// Only when the stored workspace cannot be opened.
const RecoveryScreen = lazy(() => import('./workspace/RecoveryScreen').then((m) => ({ default: m.RecoveryScreen })));

const selectDamaged = (state: { status: { phase: string } }) => state.status.phase === 'damaged';

export function App() {
  const [ready, setReady] = useState(false);
  const studio = useStudio();
  const damaged = useWorkspace(selectDamaged);
  useEffect(() => {
    let live = true;
    // Nothing may save before the workspace is loaded (a save first would overwrite it). A stored
    // workspace that cannot be opened shows the recovery screen meanwhile; start() resolves once
    // the person chose a way on.
    studio.start().then(
      () => {
        if (!live) return;
        // After the first paint: the run worker (once the page is idle), the model library (the
        // library snapshot stands in until then).
        void afterPaint(async () => studio.painted());
        void afterPaint(() => import('./modelLibrary'));
        // And the run store's lifecycle, so the first Run does not wait for its code.
        void afterPaint(() => import('../store/run/lifecycle'));
        // And the sweep's and the Storage view's stores, which their button, dialog and view wait for.
        void afterPaint(() => studio.late());
        setReady(true);
      },
      (error: unknown) => studio.workspace.getState().markDamaged('failed', `starting failed (${error instanceof Error ? error.message : String(error)})`),
    );
    return () => {
      live = false;
    };
  }, [studio]);
  return (
    <ReactFlowProvider>
      {damaged ? (
        <Suspense fallback={<main className="loading" aria-busy="true" />}>
          <RecoveryScreen />
        </Suspense>
      ) : ready ? (
        <Editor />
      ) : (
        <main className="loading" aria-busy="true">
          <h1 className="visually-hidden">Swark Studio</h1>
          <p>Opening your workspace…</p>
        </main>
      )}
    </ReactFlowProvider>
  );
}

const selectDockOpen = (state: LayoutState) => state.dock.open;
const selectDockHeight = (state: LayoutState) => state.dock.height;

/** The bottom dock's place, its size as the dock will have it, until its code has loaded. */
function DockFrame() {
  const open = useLayout(selectDockOpen);
  const height = useLayout(selectDockHeight);
  return <div className={`dock ${open ? 'is-open' : 'is-closed'}`} style={open ? { height } : undefined} />;
}

const selectNotice = (state: { status: { notice: string | null } }) => state.status.notice;
const selectColumns = (state: LayoutState) =>
  `${state.palette.collapsed ? RAIL_WIDTH : state.palette.width}px minmax(0, 1fr) ${state.side.collapsed ? RAIL_WIDTH : state.side.width}px`;

function Editor() {
  const [helpOpen, setHelpOpen] = useState(false);
  const openHelp = useCallback(() => setHelpOpen(true), []);
  const closeHelp = useCallback(() => setHelpOpen(false), []);
  const storageNotice = useWorkspace(selectNotice);
  const columns = useLayout(selectColumns);
  useShortcuts(openHelp);
  useEffect(markEditorPainted, []);
  return (
    <div className="app">
      <Toolbar onHelp={openHelp} />
      {storageNotice && (
        <div className="notice notice-warning" role="status">
          {storageNotice}
        </div>
      )}
      <div className="workspace" style={{ gridTemplateColumns: columns }}>
        <PanelFrame panel="palette" name="models panel">
          <div className="sidebar">
            <WorkflowList />
            <Palette />
          </div>
        </PanelFrame>
        <main className="centre">
          <h1 className="visually-hidden">Swark Studio editor</h1>
          <NoticeBar />
          <Canvas />
          <Suspense fallback={<DockFrame />}>
            <BottomDock />
          </Suspense>
        </main>
        <PanelFrame panel="side" name="inspector panel">
          <Suspense fallback={<div className="side-panel" />}>
            <SidePanel />
          </Suspense>
        </PanelFrame>
      </div>
      <Suspense fallback={<footer className="status-bar" />}>
        <WorkspaceStatusBar />
      </Suspense>
      <Suspense fallback={null}>
        <HelpDialog open={helpOpen} onClose={closeHelp} />
        <ImportCacheDialog />
        <StorageView />
        <SweepDialog />
      </Suspense>
    </div>
  );
}
