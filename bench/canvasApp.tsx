/** Benchmark page: the editor's own canvas (store, memo'd model nodes) with N math.add nodes. */
import { createRoot } from 'react-dom/client';
import { ReactFlowProvider } from '@xyflow/react';
import '@xyflow/react/dist/style.css';
import '../src/ui/styles.css';
import { Workspace } from '../src/persistence/workspace';
import { toEditorEdge, toEditorNode } from '../src/store/graph';
import { createStudio } from '../src/studio/createStudio';
import { browserWorkerFactory } from '../src/worker/client';
import { Canvas } from '../src/ui/canvas/Canvas';
import { StudioProvider } from '../src/ui/StudioProvider';
import { benchGraph, countFromUrl } from './canvasGraph';

const studio = createStudio({ workspace: new Workspace(), workerFactory: browserWorkerFactory });
const { nodes, edges } = benchGraph(countFromUrl());
studio.graph.setState({
  activeWorkflowId: null, // nothing is saved: this measures rendering only
  nodes: nodes.map((n) => toEditorNode({ id: n.id, model: 'math.add', label: n.id, position: { x: n.x, y: n.y }, params: {}, slotNames: {}, stateInputs: {} })),
  edges: edges.map((e) => toEditorEdge({ source: e.source, output: 'sum', target: e.target, field: 'a' })),
});

const root = document.getElementById('root');
if (root)
  createRoot(root).render(
    <StudioProvider studio={studio}>
      <ReactFlowProvider>
        <div style={{ width: '100vw', height: '100vh', display: 'flex' }}>
          <Canvas />
        </div>
      </ReactFlowProvider>
    </StudioProvider>,
  );
