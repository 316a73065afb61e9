/** Benchmark page: the editor's own canvas (store, memo'd model nodes) with N nodes (every 100th a component instance), three notes and two groups. */
import '../src/ui/effectTiming';
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
import { componentModel, type ComponentDefinition } from '../src/format/components';

// A two-step component (add → add) whose ports are the chain's: "a" in, "sum" out (issue 15).
const component: ComponentDefinition = {
  id: 'bench-component',
  name: 'Twice',
  nodes: ['first', 'second'].map((id, i) => ({ id, model: 'math.add', label: id, position: { x: i * 280, y: 0 }, params: {}, slotNames: {}, stateInputs: {} })),
  edges: [{ source: 'first', output: 'sum', target: 'second', field: 'a' }],
  inputs: [{ port: 'a', node: 'first', field: 'a' }],
  outputs: [{ port: 'sum', node: 'second', output: 'sum' }],
};
const modelOf = (index: number) => (index % 100 === 50 ? componentModel(component.id) : 'math.add');

const studio = createStudio({ workspace: new Workspace(), workerFactory: browserWorkerFactory });
const { nodes, edges } = benchGraph(countFromUrl());
studio.graph.setState({
  activeWorkflowId: null, // nothing is saved: this measures rendering only
  components: { [component.id]: component },
  nodes: nodes.map((n, i) =>
    toEditorNode({ id: n.id, model: modelOf(i), label: n.id, position: { x: n.x, y: n.y }, params: {}, slotNames: {}, stateInputs: {} }),
  ),
  edges: edges.map((e) => toEditorEdge({ source: e.source, output: 'sum', target: e.target, field: 'a' })),
  // As a real workflow has them (issue 15): notes with markdown, and groups framing some nodes.
  annotations: [
    { id: 'g1', kind: 'group', x: -40, y: -80, width: 1200, height: 700, color: 'blue', text: 'Inputs' },
    { id: 'g2', kind: 'group', x: 1400, y: -80, width: 900, height: 700, color: 'green', text: 'Totals' },
    ...[0, 1, 2].map((i) => ({
      id: `n${i}`,
      kind: 'note' as const,
      x: 300 * i,
      y: -400,
      width: 240,
      height: 160,
      color: 'yellow',
      text: `# Note ${i}\n\n**Sums** of *row* ${i}.`,
    })),
  ],
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
