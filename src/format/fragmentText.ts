/** A fragment's text on the clipboard (copy needs it synchronously, before zod loads); reading one back is `fragment.ts`. */
import type { GraphEdgeSpec, GraphNodeSpec } from './graph';

export const FRAGMENT_FORMAT = 'swark.fragment';

export interface GraphFragment {
  nodes: GraphNodeSpec[];
  edges: GraphEdgeSpec[];
}

export function fragmentToText(fragment: GraphFragment): string {
  return JSON.stringify({ format: FRAGMENT_FORMAT, version: 1, nodes: fragment.nodes, edges: fragment.edges });
}
