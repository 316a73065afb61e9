/// <reference lib="webworker" />
/** The layout worker: dagre off the page's thread (a 2,000-node Layout held it 0.7–1.7 s). */
import dagre from '@dagrejs/dagre';
import { layeredPositions, type LayoutEdge, type LayoutNode } from './layered';

export interface LayoutRequest {
  id: number;
  nodes: LayoutNode[];
  edges: LayoutEdge[];
}

export type LayoutReply = { id: number; positions: [string, { x: number; y: number }][] } | { id: number; error: string };

self.onmessage = (event: MessageEvent<LayoutRequest>) => {
  const { id, nodes, edges } = event.data;
  try {
    const reply: LayoutReply = { id, positions: [...layeredPositions(dagre, nodes, edges)] };
    self.postMessage(reply);
  } catch (error) {
    self.postMessage({ id, error: (error as Error).message } satisfies LayoutReply);
  }
};
