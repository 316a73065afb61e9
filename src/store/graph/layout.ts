/**
 * Auto-layout of the editor graph: wired nodes in layers (dagre, left to right, in the layout
 * worker), unwired ones in a grid. Dagre loads with the first layout, not with the editor.
 */
import { layeredLayoutOffThread } from '../../worker/layout/client';
import { MARGIN, type LayoutNode } from '../../worker/layout/layered';

const GAP = { x: 60, y: 40 };

/**
 * Top-left positions by node id. Nodes with no edge go in a grid under the layered part (dagre
 * would put them all in one first-rank column, which makes a fit-view shrink the text to nothing).
 */
export async function layeredLayout(
  nodes: readonly LayoutNode[],
  edges: readonly { source: string; target: string }[],
): Promise<Map<string, { x: number; y: number }>> {
  const wired = new Set<string>();
  for (const edge of edges) {
    wired.add(edge.source);
    wired.add(edge.target);
  }
  const positions = await layeredLayoutOffThread(
    nodes.filter((n) => wired.has(n.id)),
    edges,
  );
  let bottom = MARGIN - GAP.y;
  for (const node of nodes) {
    const at = positions.get(node.id);
    if (at) bottom = Math.max(bottom, at.y + node.height);
  }
  const grid = gridLayout(
    nodes.filter((n) => !wired.has(n.id)),
    { x: MARGIN, y: bottom + GAP.y },
  );
  for (const [id, at] of grid) positions.set(id, at);
  return positions;
}

/** Rows of about √n nodes, wider than tall (screens are), each row as tall as its tallest node. */
export function gridLayout(nodes: readonly LayoutNode[], origin: { x: number; y: number }): Map<string, { x: number; y: number }> {
  const positions = new Map<string, { x: number; y: number }>();
  const columns = Math.max(1, Math.ceil(Math.sqrt(nodes.length * 1.5)));
  const cellWidth = Math.max(0, ...nodes.map((n) => n.width)) + GAP.x;
  let y = origin.y;
  for (let start = 0; start < nodes.length; start += columns) {
    const row = nodes.slice(start, start + columns);
    row.forEach((node, column) => positions.set(node.id, { x: origin.x + column * cellWidth, y }));
    y += Math.max(...row.map((n) => n.height)) + GAP.y;
  }
  return positions;
}
