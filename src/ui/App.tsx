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
import { useDock, type DockState } from './dock/dockSize';
import { afterPaint, lazyAfterPaint, markEditorPainted } from './afterPaint';

// Closed (hidden) at first: its code loads right after the editor's first paint.
const HelpDialog = lazyAfterPaint(() => import('./shell/HelpDialog').then((m) => m.HelpDialog));
const StorageView = lazyAfterPaint(() => import('./storage/StorageView').then((m) => m.StorageView));
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
        // After the first paint: the model library (the library snapshot stands in until then).
        void afterPaint(() => import('./modelLibrary'));
        // And the run store's lifecycle, so the first Run does not wait for its code.
        void afterPaint(() => import('../store/run/lifecycle'));
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

const selectDockOpen = (state: DockState) => state.open;
const selectDockHeight = (state: DockState) => state.height;

/** The bottom dock's place, its size as the dock will have it, until its code has loaded. */
function DockFrame() {
  const open = useDock(selectDockOpen);
  const height = useDock(selectDockHeight);
  return <div className={`dock ${open ? 'is-open' : 'is-closed'}`} style={open ? { height } : undefined} />;
}

const selectNotice = (state: { status: { notice: string | null } }) => state.status.notice;

function Editor() {
  const [helpOpen, setHelpOpen] = useState(false);
  const openHelp = useCallback(() => setHelpOpen(true), []);
  const closeHelp = useCallback(() => setHelpOpen(false), []);
  const storageNotice = useWorkspace(selectNotice);
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
      <div className="workspace">
        <div className="sidebar">
          <WorkflowList />
          <Palette />
        </div>
        <main className="centre">
          <h1 className="visually-hidden">Swark Studio editor</h1>
          <NoticeBar />
          <Canvas />
          <Suspense fallback={<DockFrame />}>
            <BottomDock />
          </Suspense>
        </main>
        <Suspense fallback={<div className="side-panel" />}>
          <SidePanel />
        </Suspense>
      </div>
      <Suspense fallback={<footer className="status-bar" />}>
        <WorkspaceStatusBar />
      </Suspense>
      <Suspense fallback={null}>
        <HelpDialog open={helpOpen} onClose={closeHelp} />
        <ImportCacheDialog />
        <StorageView />
      </Suspense>
    </div>
  );
}
