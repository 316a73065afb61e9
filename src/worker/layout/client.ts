/**
 * Dagre's layered layout in the layout worker (made on the first Layout and kept), or in place
 * where no Worker exists (Node, tests). Replies are matched to requests by id.
 */
import { layeredPositions, type LayoutEdge, type LayoutNode, type Positions } from './layered';
import type { LayoutReply, LayoutRequest } from './layoutWorker';

// One layout worker for the page, made on the first Layout: a studio has one canvas, and Layout
// is asked for by a click, one at a time.
let worker: Worker | null = null;
let nextId = 0;
const waiting = new Map<number, { resolve(positions: Positions): void; reject(error: Error): void }>();

function layoutWorker(): Worker {
  if (worker) return worker;
  const started = new Worker(new URL('./layoutWorker.ts', import.meta.url), { type: 'module' });
  started.onmessage = (event: MessageEvent<LayoutReply>) => {
    const reply = event.data;
    const pending = waiting.get(reply.id);
    waiting.delete(reply.id);
    if (!pending) return;
    if ('error' in reply) pending.reject(new Error(reply.error));
    else pending.resolve(new Map(reply.positions));
  };
  started.onerror = (event) => {
    // A worker that cannot start or dies: every waiting layout fails in words, the next makes a new one.
    for (const pending of waiting.values()) pending.reject(new Error(`the layout worker stopped: ${event.message || 'it could not start'}`));
    waiting.clear();
    worker = null;
  };
  worker = started;
  return started;
}

export async function layeredLayoutOffThread(nodes: readonly LayoutNode[], edges: readonly LayoutEdge[]): Promise<Positions> {
  if (!nodes.length) return new Map();
  if (typeof Worker === 'undefined') {
    const { default: dagre } = await import('@dagrejs/dagre');
    return layeredPositions(dagre, nodes, edges);
  }
  const id = ++nextId;
  const request: LayoutRequest = { id, nodes: [...nodes], edges: edges.map(({ source, target }) => ({ source, target })) };
  return new Promise<Positions>((resolve, reject) => {
    waiting.set(id, { resolve, reject });
    layoutWorker().postMessage(request);
  });
}
