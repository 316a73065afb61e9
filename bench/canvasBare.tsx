/** Benchmark baseline: bare React Flow, memo'd custom nodes of the same shape (header, 2 inputs, 1 output). */
import { memo, useState } from 'react';
import { createRoot } from 'react-dom/client';
import { Handle, Position, ReactFlow, applyNodeChanges, type Node, type NodeChange, type NodeProps } from '@xyflow/react';
import '@xyflow/react/dist/style.css';
import { benchGraph, countFromUrl } from './canvasGraph';

type BareNode = Node<{ label: string }, 'bare'>;

const box = { minWidth: 190, background: '#fff', border: '1px solid #cfd4dc', borderRadius: 8, fontSize: 12 } as const;
const BareNodeView = memo(function BareNodeView({ data }: NodeProps<BareNode>) {
  return (
    <div style={box}>
      <div style={{ padding: '7px 10px', borderBottom: '1px solid #e3e6eb' }}>
        <div style={{ fontWeight: 650 }}>{data.label}</div>
        <div style={{ color: '#5b6474' }}>Add</div>
      </div>
      <div style={{ display: 'flex', justifyContent: 'space-between', padding: '6px 0' }}>
        <div>
          <div style={{ position: 'relative', padding: '2px 10px' }}>
            <Handle type="target" position={Position.Left} id="a" />a <span>0</span>
          </div>
          <div style={{ position: 'relative', padding: '2px 10px' }}>
            <Handle type="target" position={Position.Left} id="b" />b <span>0</span>
          </div>
        </div>
        <div style={{ position: 'relative', padding: '2px 10px' }}>
          sum
          <Handle type="source" position={Position.Right} id="sum" />
        </div>
      </div>
    </div>
  );
});
const nodeTypes = { bare: BareNodeView };

const graph = benchGraph(countFromUrl());
const initialNodes: BareNode[] = graph.nodes.map((n) => ({ id: n.id, type: 'bare', position: { x: n.x, y: n.y }, data: { label: n.id } }));
const edges = graph.edges.map((e) => ({ id: `${e.source}-${e.target}`, source: e.source, sourceHandle: 'sum', target: e.target, targetHandle: 'a' }));

function Bare() {
  const [nodes, setNodes] = useState(initialNodes);
  return (
    <ReactFlow
      nodes={nodes}
      edges={edges}
      nodeTypes={nodeTypes}
      onNodesChange={(changes: NodeChange<BareNode>[]) => setNodes((current) => applyNodeChanges(changes, current))}
      fitView
      fitViewOptions={{ padding: 0.2, maxZoom: 1.2 }}
      minZoom={0.05}
      onlyRenderVisibleElements
    />
  );
}

const root = document.getElementById('root');
if (root)
  createRoot(root).render(
    <div style={{ width: '100vw', height: '100vh' }}>
      <Bare />
    </div>,
  );
