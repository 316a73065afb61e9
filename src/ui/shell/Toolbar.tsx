/** The top toolbar: workflow name, edit actions, export/import, help, and the run controls. */
import { Suspense, useState } from 'react';
import { useReactFlow } from '@xyflow/react';
import type { GraphState } from '../../store/graph';
import { useGraph } from '../hooks/useGraph';
import { useStudio } from '../hooks/useStudio';
import { lazyAfterPaint } from '../afterPaint';
import { exportActiveWorkflowLater, importFileLater } from './fileActionsLater';
import { LAYOUT_FIT_OPTIONS } from '../canvas/fitOptions';

// The run controls load right after the editor's first paint (a moment before a person can reach them).
const RunStateChooser = lazyAfterPaint(() => import('../state/RunStateChooser').then((m) => m.RunStateChooser));
const RunToolbar = lazyAfterPaint(() => import('../run/RunToolbar').then((m) => m.RunToolbar));
const SweepButton = lazyAfterPaint(() => import('../sweep/SweepButton').then((m) => m.SweepButton));

const selectCanUndo = (state: GraphState) => state.canUndo;
const selectCanRedo = (state: GraphState) => state.canRedo;
const selectName = (state: GraphState) => state.name;

export function Toolbar({ onHelp }: { onHelp(): void }) {
  const canUndo = useGraph(selectCanUndo);
  const canRedo = useGraph(selectCanRedo);
  const name = useGraph(selectName);
  const [includeCache, setIncludeCache] = useState(false);
  const { fitView } = useReactFlow();
  const studio = useStudio();
  const store = studio.graph.getState();
  return (
    <header className="toolbar" role="toolbar" aria-label="Editor">
      <div className="brand">
        <span className="brand-mark" aria-hidden="true">
          ◆
        </span>
        <span className="brand-name">Swark Studio</span>
        <span className="toolbar-divider" aria-hidden="true" />
        <span className="workflow-name" title={name}>
          {name}
        </span>
      </div>
      <div className="toolbar-group" role="group" aria-label="Edit">
        <button
          type="button"
          className="tool icon-tool"
          data-testid="undo-button"
          disabled={!canUndo}
          onClick={store.undo}
          title="Undo (Ctrl+Z)"
          aria-label="Undo"
        >
          ↶
        </button>
        <button
          type="button"
          className="tool icon-tool"
          data-testid="redo-button"
          disabled={!canRedo}
          onClick={store.redo}
          title="Redo (Ctrl+Shift+Z)"
          aria-label="Redo"
        >
          ↷
        </button>
        <button
          type="button"
          className="tool"
          data-testid="auto-layout-button"
          onClick={() => void store.autoLayout().then(() => requestAnimationFrame(() => void fitView(LAYOUT_FIT_OPTIONS)))}
          title="Auto-layout (Ctrl+Shift+L)"
        >
          ⇶<span className="tool-word"> Layout</span>
        </button>
      </div>
      <div className="toolbar-group" role="group" aria-label="File">
        <button
          type="button"
          className="tool"
          data-testid="export-button"
          onClick={() => exportActiveWorkflowLater(studio, includeCache)}
          title="Download <name>.swark.json (Ctrl+E)"
        >
          ↓ Export
        </button>
        <label className="check small" title="Export: also write every step's cached input and output into the file">
          <input type="checkbox" data-testid="export-include-cache" checked={includeCache} onChange={(event) => setIncludeCache(event.target.checked)} />
          with cache
        </label>
        <label className="tool file-tool" title="Import a .swark.json file as a new workflow (Ctrl+O)">
          ↑ Import
          <input
            type="file"
            accept=".json,application/json"
            className="visually-hidden-input"
            data-testid="import-input"
            aria-label="Import a workflow file"
            onChange={(event) => {
              const file = event.target.files?.[0];
              event.target.value = '';
              if (file) importFileLater(studio, file);
            }}
          />
        </label>
        <button
          type="button"
          className="tool icon-tool"
          data-testid="help-button"
          onClick={onHelp}
          title="Keyboard shortcuts (?)"
          aria-label="Keyboard shortcuts"
        >
          ?
        </button>
      </div>
      <div className="toolbar-run">
        <Suspense fallback={null}>
          <RunStateChooser />
          <SweepButton />
          <RunToolbar />
        </Suspense>
      </div>
    </header>
  );
}
