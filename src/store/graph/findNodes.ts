/** Ctrl+F on the canvas: the nodes whose title, model or state slots contain the typed text. */
import { slotNameOf } from '../../format';
import { modelInfo } from './catalog';
import type { EditorNode } from './types';

/** What a node is found by: its title, its model's id and title, the slots it writes and those it reads. */
function searchText(node: EditorNode): string {
  const info = modelInfo(node.data.model);
  const outputs = info ? info.outputs.map((port) => port.name) : (node.data.missingPorts?.outputs ?? []);
  return [
    node.data.label,
    node.data.model,
    info?.title ?? '',
    ...outputs.map((output) => slotNameOf(node.data, output)),
    ...Object.values(node.data.stateInputs),
  ]
    .join('\n')
    .toLowerCase();
}

/** The ids of the nodes matching every word of `query` (case ignored), left to right then top to bottom; none for empty text. */
export function findNodes(nodes: readonly EditorNode[], query: string): string[] {
  const words = query.toLowerCase().split(/\s+/).filter(Boolean);
  if (!words.length) return [];
  return nodes
    .filter((node) => {
      const text = searchText(node);
      return words.every((word) => text.includes(word));
    })
    .sort((a, b) => a.position.x - b.position.x || a.position.y - b.position.y)
    .map((node) => node.id);
}
