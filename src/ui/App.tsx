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
import { SidePanel } from './state/SidePanel';
import { WorkflowList } from './workflows/WorkflowList';
import { BottomDock } from './dock/BottomDock';
import { WorkspaceStatusBar } from './shell/WorkspaceStatusBar';
import { afterPaint, lazyAfterPaint, markEditorPainted } from './afterPaint';
import { PanelFrame } from './shell/PanelFrame';
import { useLayout } from './hooks/useLayout';
import { RAIL_WIDTH } from '../store/layout/panelSizes';
import type { LayoutState } from '../store/layout/createLayoutStore';

// Closed (hidden) at first: its code loads right after the editor's first paint.
const HelpDialog = lazyAfterPaint(() => import('./shell/HelpDialog').then((m) => m.HelpDialog));
const ImportCacheDialog = lazyAfterPaint(() => import('./shell/ImportCacheDialog').then((m) => m.ImportCacheDialog));
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
        // After the first paint: the model library (the library snapshot stands in until then).
        void afterPaint(() => import('./modelLibrary'));
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
          <BottomDock />
        </main>
        <PanelFrame panel="side" name="inspector panel">
          <SidePanel />
        </PanelFrame>
      </div>
      <WorkspaceStatusBar />
      <Suspense fallback={null}>
        <HelpDialog open={helpOpen} onClose={closeHelp} />
        <ImportCacheDialog />
      </Suspense>
    </div>
  );
}
