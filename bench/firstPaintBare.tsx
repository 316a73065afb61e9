/**
 * First-paint baseline: the least a page with the app's libraries must load before it is interactive —
 * the React API (rendered by Preact's compat layer, as the editor is; the bench also builds it on React
 * itself for comparison), a React Flow canvas fed by a zustand store, and sql.js loaded and started the way the
 * workspace does it (a dynamic `import('sql.js')`, wasm from its `?url`). Nothing else.
 * It shows the same ready signals as the editor: a `.loading` screen until sql.js is up, then
 * `.react-flow` and a palette with one item.
 */
import { useEffect, useState } from 'react';
import { createRoot } from 'react-dom/client';
import { ReactFlow, applyNodeChanges, type Node, type NodeChange } from '@xyflow/react';
import { create } from 'zustand';
import wasmUrl from 'sql.js/dist/sql-wasm.wasm?url';
import '@xyflow/react/dist/style.css';

interface CanvasState {
  nodes: Node[];
  applyChanges: (changes: NodeChange[]) => void;
}

const useCanvas = create<CanvasState>((set) => ({
  nodes: [
    { id: 'a', position: { x: 0, y: 0 }, data: { label: 'a' } },
    { id: 'b', position: { x: 200, y: 80 }, data: { label: 'b' } },
  ],
  applyChanges: (changes) => set((state) => ({ nodes: applyNodeChanges(changes, state.nodes) })),
}));

function Canvas() {
  const nodes = useCanvas((state) => state.nodes);
  const applyChanges = useCanvas((state) => state.applyChanges);
  return <ReactFlow nodes={nodes} edges={[{ id: 'a-b', source: 'a', target: 'b' }]} onNodesChange={applyChanges} fitView />;
}

function Page() {
  const [ready, setReady] = useState(false);
  useEffect(() => {
    void import('sql.js')
      .then((module) => module.default({ locateFile: () => wasmUrl }))
      .then((sql) => {
        new sql.Database().close();
        setReady(true);
      });
  }, []);
  if (!ready) return <main className="loading">Loading…</main>;
  return (
    <div style={{ display: 'flex', width: '100vw', height: '100vh' }}>
      <section data-testid="palette" style={{ width: 200 }}>
        <button type="button" data-testid="palette-item-model">
          Model
        </button>
      </section>
      <div style={{ flex: 1 }}>
        <Canvas />
      </div>
    </div>
  );
}

const root = document.getElementById('root');
if (root) createRoot(root).render(<Page />);
