/** The same-shaped graph for both benchmark pages: a chain of `math.add` nodes on a grid. */
export interface BenchNode {
  id: string;
  x: number;
  y: number;
}

export function benchGraph(count: number): { nodes: BenchNode[]; edges: { source: string; target: string }[] } {
  const nodes = Array.from({ length: count }, (_, i) => ({ id: `n${i}`, x: (i % 25) * 280, y: Math.floor(i / 25) * 170 }));
  const edges = nodes.slice(1).map((node, i) => ({ source: `n${i}`, target: node.id }));
  return { nodes, edges };
}

export function countFromUrl(): number {
  return Number(new URLSearchParams(location.search).get('n') ?? '500');
}
